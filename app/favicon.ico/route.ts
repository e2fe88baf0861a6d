// GET /favicon.ico - browsers and crawlers ask for it whatever the page declares: the icon
// (public/favicon.svg). A route, not a next.config redirect: the direct API path ignores those
// (lib/cli/direct-path-parity.test.ts).
export function GET(request: Request): Response {
  return Response.redirect(new URL('/favicon.svg', request.url), 308);
}

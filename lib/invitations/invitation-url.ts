import { serverUrlOf } from '@/lib/openapi/server-url';

/** The link to send: this server's origin as the caller reached it, and the invitation page. */
export function invitationUrl(request: Request, token: string): string {
  return `${serverUrlOf(request.headers, request.url)}/invite/${token}`;
}

import { errorResponse } from '@/lib/http/error-response';

// Any other path under /api: the API's own 404 in the error shape of API.md, not the portal's
// HTML page (scripts parse the body). Not an endpoint, so the OpenAPI coverage test skips it.

const notFound = async (request: Request) => errorResponse('not_found', `no API route ${request.method} ${new URL(request.url).pathname}`);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;

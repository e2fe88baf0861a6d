import { buildOpenApiDocument } from '@/lib/openapi/build-openapi';

let document: object | undefined;

// GET /api/v1/openapi.json - this API's OpenAPI 3.1 document (public; built once per process)
export async function GET() {
  document ??= buildOpenApiDocument();
  return Response.json(document, { headers: { 'Cache-Control': 'public, max-age=300' } });
}

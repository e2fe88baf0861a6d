import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { ApiReference } from '@/components/api-reference/api-reference';
import type { OpenApiDoc } from '@/components/api-reference/openapi-model';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/lib/db/prisma';
import { getTeamOpenApi } from '@/lib/openapi/get-team-openapi';
import { serverUrlOf } from '@/lib/openapi/server-url';
import { mayCall } from '@/lib/authz/may-call';
import { loadTeamContext, orRefusalPage } from '@/lib/web/page-context';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API reference' };

// The team's API reference: the same document GET /api/v1/teams/{team}/openapi.json serves, built
// here through the same service, which decides who may see it (blueprint:read).
export default async function ApiReferencePage({ params }: { params: Promise<{ team: string }> }) {
  const ctx = await loadTeamContext((await params).team);
  const { build } = await orRefusalPage(getTeamOpenApi(getDb(), ctx, serverUrlOf(await headers())));
  const documentUrl = `/api/v1/teams/${ctx.team.slug}/openapi.json`;
  return (
    <>
      <PageHeader
        title="API reference"
        description={`The REST API of ${ctx.team.name}: every endpoint, with your blueprints' entities typed by their schemas.`}
        aside={
          <a
            href={documentUrl}
            download={`baseplate-${ctx.team.slug}.openapi.json`}
            className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
          >
            <span aria-hidden>⬇</span> Download openapi.json
          </a>
        }
      />
      <ApiReference
        doc={build() as OpenApiDoc}
        slug={ctx.team.slug}
        documentUrl={documentUrl}
        canManageKeys={mayCall(ctx, 'createApiKey')}
      />
    </>
  );
}

import type { Metadata } from 'next';
import { IntegrationPage } from '@/components/integrations/integration-page';
import { KIND_LABELS } from '@/components/integrations/integration-words';
import { PageHeader } from '@/components/ui/page-header';
import { getDb } from '@/lib/db/prisma';
import { getIntegration } from '@/lib/integrations/integration-service';
import { loadTeamContext, orRefusalPage, titleFrom } from '@/lib/web/page-context';
import { loadIntegrationPage } from '../load-integration-page';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ team: string; integration: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { team: slug, integration } = await params;
  const identifier = decodeURIComponent(integration);
  const read = loadTeamContext(slug).then((ctx) => getIntegration(getDb(), ctx, identifier));
  return { title: await titleFrom(read, (i) => i.integration.title, `Integration ${identifier}`) };
}

// One integration: send items (previewed first), its syncs, its settings and mappings. The header
// reads it through the service (another team's, or none: the 404 page); the rest loads in the browser.
export default async function IntegrationDetailPage({ params }: Props) {
  const { team: slug, integration } = await params;
  const { team, blueprints, canWrite } = await loadIntegrationPage(slug, 'getIntegration');
  const identifier = decodeURIComponent(integration);
  const { integration: view } = await orRefusalPage(getIntegration(getDb(), await loadTeamContext(slug), identifier));
  return (
    <>
      <PageHeader title={view.title} icon="🔌" description={`${KIND_LABELS[view.kind]} integration ${view.identifier}`} />
      <IntegrationPage team={team} integration={identifier} blueprints={blueprints} canWrite={canWrite} />
    </>
  );
}

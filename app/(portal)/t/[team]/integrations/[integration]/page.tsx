import type { Metadata } from 'next';
import { IntegrationPage } from '@/components/integrations/integration-page';
import { PageHeader } from '@/components/ui/page-header';
import { loadIntegrationPage } from '../load-integration-page';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ team: string; integration: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Integration ${decodeURIComponent((await params).integration)}` };
}

// One integration: send items (previewed first), its syncs, its settings and mappings.
export default async function IntegrationDetailPage({ params }: Props) {
  const { team: slug, integration } = await params;
  const { team, blueprints, canWrite } = await loadIntegrationPage(slug, 'getIntegration');
  const identifier = decodeURIComponent(integration);
  return (
    <>
      <PageHeader title={identifier} icon="🔌" description="Send items, see its syncs, change its mappings." />
      <IntegrationPage team={team} integration={identifier} blueprints={blueprints} canWrite={canWrite} />
    </>
  );
}

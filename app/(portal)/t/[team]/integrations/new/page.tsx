import type { Metadata } from 'next';
import { IntegrationEditor } from '@/components/integrations/integration-editor';
import { PageHeader } from '@/components/ui/page-header';
import { loadIntegrationPage } from '../load-integration-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New integration' };

type Props = { params: Promise<{ team: string }> };

// A new integration: its kind, its mappings with a live preview; its secret is shown once on create.
export default async function NewIntegrationPage({ params }: Props) {
  const { team, blueprints, canWrite } = await loadIntegrationPage((await params).team, 'createIntegration');
  return (
    <>
      <PageHeader title="New integration" icon="🔌" description="Items from another system, mapped into entities." />
      <IntegrationEditor team={team} blueprints={blueprints} canWrite={canWrite} initial={null} />
    </>
  );
}

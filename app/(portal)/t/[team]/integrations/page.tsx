import type { Metadata } from 'next';
import Link from 'next/link';
import { IntegrationCards } from '@/components/integrations/integration-cards';
import { newIntegrationHref } from '@/components/integrations/integration-paths';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { loadIntegrationPage } from './load-integration-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Integrations' };

type Props = { params: Promise<{ team: string }> };

// The team's integrations: what feeds the catalog, and how each last sync went.
export default async function IntegrationsPage({ params }: Props) {
  const { team, canWrite } = await loadIntegrationPage((await params).team);
  return (
    <>
      <PageHeader
        title="Integrations"
        icon="🔌"
        description="Other systems that feed the catalog: their items, mapped into entities."
        aside={
          canWrite && (
            <Link href={newIntegrationHref(team)} className={buttonClass('primary')}>
              <span aria-hidden>+</span> New integration
            </Link>
          )
        }
      />
      <IntegrationCards team={team} canWrite={canWrite} />
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { ImportPanel } from '@/components/import/import-panel';
import { PageHeader } from '@/components/ui/page-header';
import { requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../load-team';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import' };

type Props = { params: Promise<{ team: string }> };

// Importing a file into the catalog: the page is the 403 page for a caller the import service
// would refuse (entity:write); the file itself goes to the API from the browser.
export default async function ImportPage({ params }: Props) {
  const ctx = await requireEntryPointPage((await params).team, 'importCatalog');
  const blueprints = await unlessRefused(loadBlueprints(ctx.team.slug), []);
  return (
    <>
      <PageHeader
        title="Import"
        icon="📥"
        description={
          <>
            Files into the catalog. To feed it continuously from another system, use an{' '}
            <Link href={`/t/${ctx.team.slug}/integrations`} className="text-indigo-700 underline">
              integration
            </Link>
            .
          </>
        }
      />
      <ImportPanel team={ctx.team.slug} blueprints={blueprints.map(({ id, title }) => ({ id, title }))} />
    </>
  );
}

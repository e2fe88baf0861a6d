import type { Metadata } from 'next';
import { EditAction } from '@/components/actions/edit-action';
import { PageHeader } from '@/components/ui/page-header';
import { loadActionPage } from '../../load-action-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata({ params }: { params: Promise<{ action: string }> }): Promise<Metadata> {
  return { title: `Edit action ${decodeURIComponent((await params).action)}` };
}

type Props = { params: Promise<{ team: string; action: string }> };

// An action's definition: editable with action:write, read-only otherwise.
export default async function EditActionPage({ params }: Props) {
  const { team: slug, action } = await params;
  const { team, blueprints, canWrite } = await loadActionPage(slug, 'getAction', true);
  return (
    <>
      <PageHeader title={canWrite ? 'Edit action' : 'Action definition'} icon="⚡" />
      <EditAction team={team} action={decodeURIComponent(action)} blueprints={blueprints} canWrite={canWrite} />
    </>
  );
}

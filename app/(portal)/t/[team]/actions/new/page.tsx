import type { Metadata } from 'next';
import { ActionEditor } from '@/components/actions/action-editor';
import { PageHeader } from '@/components/ui/page-header';
import { loadActionPage } from '../load-action-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New action' };

type Props = { params: Promise<{ team: string }>; searchParams: Promise<{ blueprint?: string }> };

// A new action (action:write: the create route's permission), its blueprint preselected by `?blueprint=`.
export default async function NewActionPage({ params, searchParams }: Props) {
  const { team, blueprints } = await loadActionPage((await params).team, 'createAction', true);
  const { blueprint } = await searchParams;
  return (
    <>
      <PageHeader title="New action" icon="⚡" description="A form, the steps it runs, and who must approve." />
      <ActionEditor
        team={team}
        blueprints={blueprints}
        canWrite
        initial={null}
        blueprint={blueprints.some((b) => b.id === blueprint) ? blueprint : undefined}
      />
    </>
  );
}

import type { Metadata } from 'next';
import { BlueprintEditor } from '@/components/blueprint-editor/blueprint-editor';
import { PageHeader } from '@/components/ui/page-header';
import { requireEntryPointPage, unlessRefused } from '@/lib/web/page-context';
import { loadBlueprints } from '../load-team';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New blueprint' };

// Not under blueprints/new: a blueprint may be called "new", and its catalog page must stay reachable.
export default async function NewBlueprintPage({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const ctx = await requireEntryPointPage(team, 'createBlueprint'); // the editor saves through it
  const targets = (await unlessRefused(loadBlueprints(team), [])).map(({ id, title, icon }) => ({ id, title, icon }));
  return (
    <>
      <PageHeader
        title="New blueprint"
        description="An entity type: what its entities record, as properties. Build them on the left or write the JSON Schema on the right."
      />
      <BlueprintEditor team={ctx.team.slug} targets={targets} mode="create" />
    </>
  );
}

import Link from 'next/link';

// Links into the blueprint editor: "New blueprint" on the catalog home, "Edit blueprint" on a
// blueprint's entity table (each shown to callers with blueprint:write).

const secondary =
  'inline-flex shrink-0 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500';
const primary =
  'inline-flex shrink-0 items-center gap-1.5 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500';

export function NewBlueprintLink({ team }: { team: string }) {
  return (
    <Link href={`/t/${team}/new-blueprint`} className={primary}>
      <span aria-hidden>+</span> New blueprint
    </Link>
  );
}

export function EditBlueprintLink({ team, blueprint }: { team: string; blueprint: string }) {
  return (
    <Link href={`/t/${team}/blueprints/${encodeURIComponent(blueprint)}/edit`} className={secondary}>
      Edit blueprint
    </Link>
  );
}

import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';

// Links into the blueprint editor: "New blueprint" on the catalog home, "Edit blueprint" on a
// blueprint's entity table (each shown to callers with blueprint:write).

export function NewBlueprintLink({ team }: { team: string }) {
  return (
    <Link href={`/t/${team}/new-blueprint`} className={`${buttonClass('primary')} shrink-0`}>
      <span aria-hidden>+</span> New blueprint
    </Link>
  );
}

export function EditBlueprintLink({ team, blueprint }: { team: string; blueprint: string }) {
  return (
    <Link href={`/t/${team}/blueprints/${encodeURIComponent(blueprint)}/edit`} className={`${buttonClass('secondary')} shrink-0`}>
      Edit blueprint
    </Link>
  );
}

import Link from 'next/link';
import { blueprintHref } from './entity-href';

// The "New entity" button of a blueprint's entity table (shown to callers with entity:write).
export function NewEntityLink({ team, blueprint }: { team: string; blueprint: string }) {
  return (
    <Link
      href={`${blueprintHref(team, blueprint)}/new-entity`}
      className="inline-flex shrink-0 items-center gap-1.5 rounded-md bg-indigo-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500"
    >
      <span aria-hidden>+</span> New entity
    </Link>
  );
}

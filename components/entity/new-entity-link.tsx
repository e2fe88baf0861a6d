import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { blueprintHref } from './entity-href';

// The "New entity" button of a blueprint's entity table (shown to callers with entity:write).
export function NewEntityLink({ team, blueprint }: { team: string; blueprint: string }) {
  return (
    <Link href={`${blueprintHref(team, blueprint)}/new-entity`} className={`${buttonClass('primary')} shrink-0`}>
      <span aria-hidden>+</span> New entity
    </Link>
  );
}

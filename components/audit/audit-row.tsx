import Link from 'next/link';
import { runHref } from '@/components/actions/action-paths';
import { blueprintHref, entityHref } from '@/components/entity/entity-href';
import { Badge } from '@/components/ui/badge';
import { formatDate, formatTime } from '@/components/ui/format';
import type { AuditLogView } from '@/lib/audit/list-audit-logs';
import { actionTone, RESOURCE_TYPES } from './audit-actions';
import { AuditChanges } from './audit-changes';

/** A readable name for the changed resource, taken from its data ("on-call", "a@b.io"). */
function resourceName(entry: AuditLogView): string | undefined {
  const data = (entry.new_data ?? entry.old_data) as Record<string, unknown> | null;
  const name = data && typeof data === 'object' ? (data.name ?? data.email ?? data.slug ?? data.title) : undefined;
  return typeof name === 'string' ? name : undefined;
}

function Actor({ actor, team }: { actor: AuditLogView['actor']; team: string }) {
  const person = actor.name ?? actor.email;
  if (actor.type === 'system') {
    const what = actor.on_behalf ? `${actor.on_behalf.type} ${actor.on_behalf.id}` : null;
    // A change a run made (an upsert or delete step) links to the run that made it.
    const run = actor.on_behalf?.type === 'run' ? runHref(team, actor.on_behalf.id) : null;
    return (
      <p className="text-slate-800">
        Baseplate
        {what && (
          <span className="block text-xs text-slate-500">
            for{' '}
            {run ? (
              <Link href={run} className="text-indigo-700 hover:underline">
                {what}
              </Link>
            ) : (
              what
            )}
          </span>
        )}
      </p>
    );
  }
  if (actor.type === 'api_key') {
    return (
      <>
        <p className="text-slate-800">API key {actor.api_key_name ?? <span className="italic">(deleted)</span>}</p>
        {person && <p className="text-xs text-slate-500">of {person}</p>}
      </>
    );
  }
  return (
    <>
      <p className="text-slate-800">{person ?? <span className="italic text-slate-500">Former user</span>}</p>
      {actor.name && actor.email && <p className="text-xs text-slate-500">{actor.email}</p>}
    </>
  );
}

/** An entity's row: its title (or identifier) linked to its page, and its blueprint; never its UUID. */
function EntityResource({ entry, team }: { entry: AuditLogView; team: string }) {
  const e = entry.entity;
  const name = e?.title || e?.identifier || 'An entity';
  const blueprint = e?.blueprint;
  return (
    <div data-testid="audit-entity">
      <p className="text-slate-700">
        {e?.exists && blueprint && e.identifier ? (
          <Link href={entityHref(team, blueprint.id, e.identifier)} className="font-medium text-indigo-700 hover:underline">
            {name}
          </Link>
        ) : (
          <span className="font-medium">{name}</span>
        )}
        {e && !e.exists && <span className="ml-1 text-slate-500">(deleted)</span>}
      </p>
      <p className="text-slate-500">
        {blueprint ? (
          <Link href={blueprintHref(team, blueprint.id)} className="hover:underline">
            {blueprint.title ?? blueprint.id}
          </Link>
        ) : (
          'Entity'
        )}
        {e?.title && e.identifier && <span className="ml-1 whitespace-nowrap font-mono">· {e.identifier}</span>}
      </p>
    </div>
  );
}

// One audit entry: when, who (a person or an API key), the action, the resource, the changes.
export function AuditRow({ entry, team }: { entry: AuditLogView; team: string }) {
  const type = RESOURCE_TYPES.find((t) => t.value === entry.entity_type)?.label ?? entry.entity_type;
  const name = resourceName(entry);
  return (
    <tr data-testid="audit-entry">
      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">
        <time dateTime={entry.created_at}>
          <span className="block text-slate-800">{formatDate(entry.created_at)}</span>
          {formatTime(entry.created_at)}
        </time>
      </td>
      <td className="px-4 py-3">
        <Actor actor={entry.actor} team={team} />
      </td>
      <td className="px-4 py-3">
        <Badge tone={actionTone(entry.action)} mono>
          {entry.action}
        </Badge>
      </td>
      <td className="px-4 py-3 text-xs">
        {entry.entity_type === 'entity' ? (
          <EntityResource entry={entry} team={team} />
        ) : (
          <>
            <p className="text-slate-700">
              <span className="text-slate-500">{type}</span> {name && <span className="font-medium">{name}</span>}
            </p>
            <p className="font-mono text-slate-500" title={entry.entity_id}>
              {entry.entity_id.slice(0, 8)}…
            </p>
          </>
        )}
      </td>
      <td className="w-[36%] max-w-0 px-4 py-3">
        <AuditChanges entry={entry} />
      </td>
    </tr>
  );
}

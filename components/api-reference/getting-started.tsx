import type { ReactNode } from 'react';
import type { OpenApiDoc, Response } from './openapi-model';

// The top of the API reference: how to authenticate, what every error looks like, and how to get
// a typed client for this team.

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20 rounded-xl border border-slate-200 bg-white p-5">
      <h2 id={`${id}-title`} className="mb-3 text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="space-y-3 text-sm text-slate-600">{children}</div>
    </section>
  );
}

export function Code({ children, label }: { children: string; label: string }) {
  return (
    <pre
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-[12.5px] leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
    >
      <code>{children}</code>
    </pre>
  );
}

const ERROR_EXAMPLE = `{
  "error": {
    "code": "validation_failed",
    "message": "data is not valid",
    "details": [
      { "path": "/data/tier", "message": "must be <= 4" }
    ]
  }
}`;

export function GettingStarted({
  doc,
  serverUrl,
  slug,
  documentUrl,
  canManageKeys,
}: {
  doc: OpenApiDoc;
  serverUrl: string;
  slug: string;
  documentUrl: string;
  canManageKeys: boolean;
}) {
  const errors = Object.values(doc.components.responses ?? {}).map((r) => (r as Response).description ?? '');
  return (
    <div className="space-y-4">
      <Card id="authentication" title="Authenticate">
        <p>
          Scripts send an API key of this team as a bearer token:{' '}
          <code className="font-mono text-slate-800">Authorization: Bearer bp_…</code>. A key can do what its permissions allow, capped by
          those of the admin who made it.{' '}
          {canManageKeys ? (
            <a className="text-indigo-600 underline hover:text-indigo-500" href={`/t/${slug}/settings/api-keys`}>
              Make a key in Settings → API keys.
            </a>
          ) : (
            'A team admin makes keys in Settings → API keys.'
          )}
        </p>
        <Code label="Example request">{`curl -H "Authorization: Bearer $BASEPLATE_KEY" \\\n  ${serverUrl}/api/v1/teams/${slug}/blueprints`}</Code>
        <p className="text-xs text-slate-500">
          A login token (<code className="font-mono">bpt_…</code>, from POST /api/v1/auth/login) works the same way. Another team&apos;s
          paths answer 404.
        </p>
      </Card>
      <Card id="typed-client" title="Generate a typed client">
        <p>
          <a className="text-indigo-600 underline hover:text-indigo-500" href={documentUrl} download={`baseplate-${slug}.openapi.json`}>
            This team&apos;s OpenAPI document
          </a>{' '}
          types every blueprint&apos;s entities by its schema. It needs a key too, so fetch it, then generate:
        </p>
        <Code label="Generate TypeScript types">{`curl -sf -H "Authorization: Bearer $BASEPLATE_KEY" \\\n  ${serverUrl}${documentUrl} -o baseplate.openapi.json\nnpx openapi-typescript baseplate.openapi.json -o baseplate.d.ts`}</Code>
        <p className="text-xs text-slate-500">
          Then <code className="font-mono">{"components['schemas']['ServiceEntityInput']"}</code> is the body of a new{' '}
          <code className="font-mono">service</code>. Send the ETag back in <code className="font-mono">If-None-Match</code> to re-download
          only when a blueprint changed.
        </p>
      </Card>
      <Card id="errors" title="Errors">
        <p>
          Every answer that is not 2xx has the same body: <code className="font-mono text-slate-800">error.code</code> follows the status,{' '}
          <code className="font-mono text-slate-800">message</code> says what went wrong, and a 422 lists one{' '}
          <code className="font-mono text-slate-800">{'{path, message}'}</code> per fault in{' '}
          <code className="font-mono text-slate-800">details</code>.
        </p>
        <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
          <Code label="Example error">{ERROR_EXAMPLE}</Code>
          <ul className="space-y-1.5 text-xs">
            {errors.map((text) => {
              const [, status, code, rest] = /^(\d+) `([a-z_]+)`: (.*)$/.exec(text) ?? [];
              return (
                <li key={text} className="flex gap-2">
                  <span className="w-8 shrink-0 font-mono font-semibold text-red-700">{status}</span>
                  <span>
                    <code className="font-mono text-slate-800">{code}</code> <span className="text-slate-500">{rest}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      </Card>
    </div>
  );
}

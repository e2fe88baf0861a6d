import { Badge } from '@/components/ui/badge';
import { InlineMarkdown } from './inline-markdown';
import { errorStatuses, refName, resolveRef, type Endpoint as EndpointData, type OpenApiDoc, type Response } from './openapi-model';
import { SchemaTree } from './schema-tree';

// One operation's details, shown when its line on the page is opened: its parameters, request
// body and responses. Error responses are listed by status only: they all
// share the error shape described at the top of the page.

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      {children}
    </section>
  );
}

function Parameters({ endpoint }: { endpoint: EndpointData }) {
  if (endpoint.parameters.length === 0) return null;
  return (
    <Section title="Parameters">
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-1 pr-3 font-medium">Name</th>
            <th className="py-1 pr-3 font-medium">In</th>
            <th className="py-1 pr-3 font-medium">Type</th>
            <th className="py-1 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {endpoint.parameters.map((p) => (
            <tr key={`${p.in}:${p.name}`} className="align-top">
              <td className="py-1.5 pr-3 font-mono text-[13px] font-semibold whitespace-nowrap">
                {p.name}
                {p.required && <span className="ml-1 text-amber-700">*</span>}
              </td>
              <td className="py-1.5 pr-3 text-xs text-slate-500">{p.in}</td>
              <td className="py-1.5 pr-3 font-mono text-xs text-indigo-700">
                {p.schema?.enum
                  ? p.schema.enum.map((v) => JSON.stringify(v)).join(' | ')
                  : ((p.schema?.type as string | undefined) ?? 'string')}
              </td>
              <td className="py-1.5 text-xs text-slate-600">{p.description && <InlineMarkdown text={p.description} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

function Responses({ doc, endpoint }: { doc: OpenApiDoc; endpoint: EndpointData }) {
  const success = Object.entries(endpoint.op.responses).filter(([status]) => /^[23]/.test(status));
  const errors = errorStatuses(endpoint.op);
  return (
    <Section title="Responses">
      <ul className="space-y-3">
        {success.map(([status, r]) => {
          const schema = r.content?.['application/json']?.schema;
          return (
            <li key={status} className="rounded-md border border-slate-200 bg-slate-50/60 p-3">
              <p className="mb-1 text-sm">
                <Badge tone="emerald" mono>
                  {status}
                </Badge>{' '}
                <span className="text-slate-700">{r.description && <InlineMarkdown text={r.description} />}</span>
              </p>
              {schema && <SchemaTree doc={doc} schema={schema} />}
            </li>
          );
        })}
      </ul>
      {errors.length > 0 && (
        <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          Errors (
          <a href="#errors" className="underline hover:text-slate-700">
            error shape
          </a>
          ):
          {errors.map((status) => {
            const ref = endpoint.op.responses[status].$ref!;
            return (
              <span key={status} title={resolveRef<Response>(doc, ref)?.description}>
                <Badge tone="red" mono>
                  {status} {refName(ref)}
                </Badge>
              </span>
            );
          })}
        </p>
      )}
    </Section>
  );
}

/** An operation's details: description, parameters, request body and responses (rendered once opened). */
export function EndpointDetails({ doc, endpoint }: { doc: OpenApiDoc; endpoint: EndpointData }) {
  const { op } = endpoint;
  const body = op.requestBody?.content?.['application/json']?.schema;
  return (
    <>
      {op.description?.split('\n\n').map((paragraph) => (
        <p key={paragraph} className="text-sm text-slate-600">
          <InlineMarkdown text={paragraph} />
        </p>
      ))}
      <Parameters endpoint={endpoint} />
      {body && (
        <Section title="Request body (application/json)">
          <div className="rounded-md border border-slate-200 bg-slate-50/60 p-3">
            <SchemaTree doc={doc} schema={body} />
          </div>
        </Section>
      )}
      <Responses doc={doc} endpoint={endpoint} />
    </>
  );
}

'use client';

// The raw JSON Schema beside the builder. What is typed here replaces the builder's model as soon
// as it parses to an object schema; until then the builder keeps its last valid state and the
// parse error shows under the text, with its line and column.

type Props = { text: string; error: string | null; serverErrors: string[]; onChange(text: string): void };

export function JsonPane({ text, error, serverErrors, onChange }: Props) {
  const describedBy =
    [error && 'schema-json-error', serverErrors.length > 0 && 'schema-json-server'].filter(Boolean).join(' ') || undefined;
  return (
    // Beside the builder (xl), the pane stays in view while the property list scrolls, short enough
    // to end above the sticky Save bar rather than under it.
    <div className="flex flex-col gap-2 xl:sticky xl:top-16 xl:self-start">
      <label htmlFor="schema-json" className="text-sm font-medium text-slate-700">
        JSON Schema
      </label>
      <textarea
        id="schema-json"
        value={text}
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="h-[32rem] min-h-48 max-h-[calc(100vh-13rem)] resize-y rounded-lg border border-slate-300 bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100 shadow-inner focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40 aria-[invalid=true]:border-red-500"
      />
      {error && (
        <p id="schema-json-error" role="alert" className="text-xs font-medium text-red-600">
          {error}: the builder shows the last valid schema.
        </p>
      )}
      {serverErrors.length > 0 && (
        <ul id="schema-json-server" role="alert" className="list-disc pl-5 text-xs font-medium text-red-600">
          {serverErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** "Unexpected token } in JSON at position 42" -> "Line 3, column 5: Unexpected token }". */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `Line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`;
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

// Test support: what a team's API user does with the document. openapi-typescript turns it into
// `baseplate.d.ts`; a TypeScript file that uses those types is compiled (strict) beside it, and
// the compiler's diagnostics come back as "line: message" (lines of the usage file, 1-based).

export type UsageFile = {
  /** Lines that must compile. */
  good: string[];
  /** Lines that must NOT compile; each is written under `// @ts-expect-error <why>`. */
  bad: Array<{ why: string; line: string }>;
};

export async function generateTypes(document: object): Promise<string> {
  return astToString(await openapiTS(structuredClone(document) as Parameters<typeof openapiTS>[0]));
}

export function usageSource(usage: UsageFile, withDirectives: boolean): { source: string; badLines: number[] } {
  const lines = ["import type { components, paths } from './baseplate';", ...usage.good];
  const badLines: number[] = [];
  for (const bad of usage.bad) {
    if (withDirectives) lines.push(`// @ts-expect-error ${bad.why}`);
    lines.push(bad.line);
    badLines.push(lines.length);
  }
  return { source: `${lines.join('\n')}\n`, badLines };
}

export type Diagnostic = { line: number; file: string; message: string };

/** Compiles `usage.ts` against `baseplate.d.ts` in a temp folder; returns every diagnostic. */
export function compileUsage(types: string, usageTs: string): Diagnostic[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-typed-client-'));
  try {
    writeFileSync(path.join(dir, 'baseplate.d.ts'), types);
    writeFileSync(path.join(dir, 'usage.ts'), usageTs);
    const program = ts.createProgram([path.join(dir, 'usage.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      types: [],
      skipLibCheck: false, // the generated declarations must be valid TypeScript themselves
    });
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return { line, file: d.file ? path.basename(d.file.fileName) : '', message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

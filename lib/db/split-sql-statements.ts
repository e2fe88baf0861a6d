// Splits a migration file into its statements, for files run outside a transaction (migrate.ts):
// PostgreSQL runs a multi-statement query string as one implicit transaction, where CREATE INDEX
// CONCURRENTLY is refused, so such a file is sent a statement at a time. Semicolons inside quotes,
// quoted identifiers, dollar-quoted bodies and comments do not split. Statements that are only
// comments or whitespace are dropped.

const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const skipTo = (end: number) => (i = end < 0 ? sql.length : end);
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') skipTo(sql.indexOf('\n', i));
    else if (c === '/' && next === '*') skipTo(endOfBlockComment(sql, i));
    else if (c === "'" || c === '"') skipTo(endOfQuoted(sql, i, c));
    else if (c === '$' && DOLLAR_TAG.test(sql.slice(i)) && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const tag = (DOLLAR_TAG.exec(sql.slice(i)) as RegExpExecArray)[0];
      const close = sql.indexOf(tag, i + tag.length);
      skipTo(close < 0 ? -1 : close + tag.length);
    } else if (c === ';') {
      statements.push(sql.slice(start, i));
      start = i + 1;
      i++;
    } else i++;
  }
  statements.push(sql.slice(start));
  return statements.map((s) => s.trim()).filter((s) => stripComments(s).trim() !== '');
}

function endOfQuoted(sql: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote)
        i += 2; // a doubled quote is an escaped one
      else return i + 1;
    } else i++;
  }
  return -1;
}

/** Block comments nest in PostgreSQL. */
function endOfBlockComment(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

function stripComments(statement: string): string {
  return statement.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
}

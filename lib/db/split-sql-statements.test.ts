import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './split-sql-statements';

describe('splitSqlStatements', () => {
  it('splits on semicolons and drops empty and comment-only pieces', () => {
    const sql =
      '-- baseplate:no-transaction\n-- why\nCREATE INDEX CONCURRENTLY a ON t (x);\n\n/* note */\nDROP INDEX CONCURRENTLY IF EXISTS b;\n-- end\n';
    expect(splitSqlStatements(sql)).toEqual([
      '-- baseplate:no-transaction\n-- why\nCREATE INDEX CONCURRENTLY a ON t (x)',
      '/* note */\nDROP INDEX CONCURRENTLY IF EXISTS b',
    ]);
  });

  it('does not split inside strings, quoted identifiers, dollar quotes or comments', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
      'CREATE INDEX "odd;name" ON t (x)',
      'DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$',
      'DO $$ BEGIN PERFORM 3; END $$',
      'SELECT 1 /* a; /* nested; */ b; */',
      'SELECT 2 -- trailing; comment\n',
    ].join(';\n');
    expect(splitSqlStatements(sql)).toHaveLength(6);
    expect(splitSqlStatements(sql)[2]).toBe('DO $body$ BEGIN PERFORM 1; PERFORM 2; END $body$');
  });

  it('a $ inside an identifier or a parameter is not a dollar quote', () => {
    expect(splitSqlStatements('SELECT a$b FROM t; SELECT $1')).toEqual(['SELECT a$b FROM t', 'SELECT $1']);
  });
});

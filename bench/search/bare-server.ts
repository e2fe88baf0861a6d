import http from 'node:http';
import pg from 'pg';

// The baseline of the throughput goal: a bare `node:http` + `pg` server that runs the same SQL as
// Baseplate's search for the measured filtered list page (its page and count statements, captured
// from the service, in parallel as the service runs them) and answers the page's rows as JSON. No
// auth, no rate limit, no validation, no blueprint lookup: what Baseplate adds on top is exactly
// what the comparison measures. Started by compare-bare-server.ts as its own process:
//   BARE_SQL='[{"text": "...", "values": [...]}, ...]' DATABASE_URL=... PORT=... tsx bench/search/bare-server.ts

const statements = JSON.parse(process.env.BARE_SQL ?? '[]') as Array<{ text: string; values: unknown[] }>;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const server = http.createServer((req, res) => {
  Promise.all(statements.map((s) => pool.query(s.text, s.values))).then(
    ([page]) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entities: page.rows }));
    },
    (error: Error) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(error.message);
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server ready'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));

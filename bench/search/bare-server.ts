import http from 'node:http';
import pg from 'pg';

// The baseline of the throughput goal: a bare `node:http` + `pg` server that runs one fixed SQL
// statement (the same one Baseplate's compiler produces for the measured filtered list page) and
// answers its rows as JSON. No auth, no rate limit, no validation: what Baseplate adds on top is
// exactly what the comparison measures. Started by run.ts as its own process:
//   BARE_SQL='{"text": "...", "values": [...]}' DATABASE_URL=... PORT=... tsx bench/search/bare-server.ts

const { text, values } = JSON.parse(process.env.BARE_SQL ?? '{}') as { text: string; values: unknown[] };
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const server = http.createServer((req, res) => {
  pool.query(text, values).then(
    (result) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entities: result.rows }));
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

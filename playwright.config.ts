import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, defineConfig } from '@playwright/test';

// End-to-end tier: the real server (`npm start`'s own start script, so a production build) on a
// fresh embedded PostgreSQL in a temp folder, driven in real Chromium. Port and folder are chosen
// once by the runner; workers inherit them through the environment.
//
// API calls with a token take Baseplate's direct dispatcher, everything else Next.js; so every API
// suite runs twice: project `chromium` against the server as shipped, project `next-only` (only the
// *.api.spec.ts files) against a second instance with BASEPLATE_DIRECT_API=false on another port,
// sharing the first one's database (the servers start one after the other; the second reuses the
// build and reads the database's URL from the runtime file the first publishes).

const freePort = () =>
  execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
process.env.BASEPLATE_E2E_PORT ??= freePort();
process.env.BASEPLATE_E2E_NEXT_ONLY_PORT ??= freePort();
process.env.BASEPLATE_E2E_PASSWORD_OFF_PORT ??= freePort();
process.env.BASEPLATE_E2E_OIDC_PORT ??= freePort();
process.env.BASEPLATE_E2E_DATA ??= mkdtempSync(path.join(tmpdir(), 'baseplate-e2e-'));

const port = process.env.BASEPLATE_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const nextOnlyURL = `http://127.0.0.1:${process.env.BASEPLATE_E2E_NEXT_ONLY_PORT}`;
const passwordOffURL = `http://127.0.0.1:${process.env.BASEPLATE_E2E_PASSWORD_OFF_PORT}`;
// Single sign-on: a real OpenID Connect provider (e2e/support/oidc-test-provider.ts) on loopback,
// started first, since each Baseplate server discovers it from OIDC_ISSUER.
const OIDC_TEST_ISSUER = `http://127.0.0.1:${process.env.BASEPLATE_E2E_OIDC_PORT}`;
const oidcClient = { id: 'baseplate-e2e', secret: 'baseplate-e2e-secret' };
const startCommand = `${process.execPath} node_modules/tsx/dist/cli.mjs lib/cli/start.ts`;
const serverEnv = {
  HOST: '127.0.0.1',
  // One access line per request would bury the test report; warnings and errors still show.
  LOG_LEVEL: 'warn',
  BASEPLATE_DATA_DIR: process.env.BASEPLATE_E2E_DATA,
  NEXT_TELEMETRY_DISABLED: '1',
  // Every test registers its own users from 127.0.0.1: lift the per-IP sign-up limit; the
  // per-email login limit stays at its default so the brute-force test sees it bite.
  RATE_LIMIT_AUTH_PER_IP_PER_MINUTE: '100000',
  // The permission matrix sends revoked and suspended credentials from 127.0.0.1 by the
  // hundred: lift the per-address limit on failed bearer authentication (tested in
  // lib/auth/resolve-actor.int.test.ts).
  RATE_LIMIT_BEARER_FAILURES_PER_MINUTE: '100000',
  // The actions journey sends webhooks to a receiver the test starts on loopback, which the
  // outbound guard (lib/net) refuses unless the operator allows it.
  BASEPLATE_OUTBOUND_ALLOW: '127.0.0.1',
  OIDC_ISSUER: OIDC_TEST_ISSUER,
  OIDC_CLIENT_ID: oidcClient.id,
  OIDC_CLIENT_SECRET: oidcClient.secret,
  OIDC_NAME: 'Test IdP',
  OIDC_SCOPE: 'openid email profile groups',
};

/** A Playwright-managed Chromium where one is installed (a laptop), else Debian's package. */
function chromiumExecutable(): string | undefined {
  if (existsSync(chromium.executablePath())) return undefined;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error('No Chromium found: run `npx playwright install chromium` or `apt-get install -y chromium`');
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  // A guard against hangs, not a measure: every wait is for a state. The long journeys (a dozen
  // pages, each reading its entity, links and scorecards) pass 30 s on CI's busy 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /password-off\.spec\.ts$/ },
    // request-path.api.spec.ts drives both servers itself: once is enough.
    { name: 'next-only', testMatch: /.*\.api\.spec\.ts$/, testIgnore: /request-path\.api\.spec\.ts$/, use: { baseURL: nextOnlyURL } },
    // BASEPLATE_PASSWORD_SIGNIN=false: single sign-on only (a third instance on the same database).
    { name: 'password-off', testMatch: /password-off\.spec\.ts$/, use: { baseURL: passwordOffURL } },
  ],
  webServer: [
    {
      command: `${process.execPath} node_modules/tsx/dist/cli.mjs e2e/support/oidc-test-provider.ts`,
      url: `${OIDC_TEST_ISSUER}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        OIDC_TEST_PORT: process.env.BASEPLATE_E2E_OIDC_PORT,
        OIDC_TEST_CLIENT_ID: oidcClient.id,
        OIDC_TEST_CLIENT_SECRET: oidcClient.secret,
        OIDC_TEST_REDIRECT_URIS: [baseURL, nextOnlyURL, passwordOffURL].map((u) => `${u}/api/auth/callback/oidc`).join(','),
      },
    },
    {
      command: startCommand,
      url: `${baseURL}/api/v1/health`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      // DATABASE_URL empty: always the suite's own embedded database, never a developer's.
      env: { ...serverEnv, PORT: port, DATABASE_URL: '' },
    },
    {
      // Started once the first answers: its database is running and its URL published.
      command: `DATABASE_URL="$(${process.execPath} -p "require(process.env.BASEPLATE_DATA_DIR + '/runtime.json').url")" ${startCommand}`,
      url: `${nextOnlyURL}/api/v1/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      env: { ...serverEnv, PORT: process.env.BASEPLATE_E2E_NEXT_ONLY_PORT, BASEPLATE_DIRECT_API: 'false' },
    },
    {
      command: `DATABASE_URL="$(${process.execPath} -p "require(process.env.BASEPLATE_DATA_DIR + '/runtime.json').url")" ${startCommand}`,
      url: `${passwordOffURL}/api/v1/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      env: { ...serverEnv, PORT: process.env.BASEPLATE_E2E_PASSWORD_OFF_PORT, BASEPLATE_PASSWORD_SIGNIN: 'false', JOBS_ENABLED: 'false' },
    },
  ],
});

import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { clientBoundary } from './eslint/client-boundary.mjs';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  clientBoundary,
  globalIgnores(['.next/**', 'lib/generated/**', 'node_modules/**', '.data/**', 'bench/.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
]);

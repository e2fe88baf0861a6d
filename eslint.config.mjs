import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import { clientBoundary } from './eslint/client-boundary.mjs';

// API route handlers are served by two paths: Next.js, and for calls with an Authorization header
// Baseplate's direct dispatcher (lib/cli/direct-api.ts), which calls them with a plain Request
// outside Next's request scope. What only Next's scope provides is forbidden there; the
// replacements work on both paths: the Request's own headers, lib/http/after-response.ts.
const DIRECT_PATH_MESSAGE =
  'app/api handlers are also served by the direct dispatcher (lib/cli/direct-api.ts), which has no Next.js request scope';
const directPathRules = {
  files: ['app/api/**/*.ts', 'app/api/**/*.tsx'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: [
          { name: 'next/headers', message: `${DIRECT_PATH_MESSAGE}: read request.headers instead of headers()/cookies()/draftMode().` },
          {
            name: 'next/server',
            importNames: ['NextRequest', 'after', 'connection', 'userAgent'],
            message: `${DIRECT_PATH_MESSAGE}: take a plain Request; queue work with afterResponse() from lib/http/after-response.ts.`,
          },
        ],
      },
    ],
    'no-restricted-syntax': [
      'error',
      {
        selector: 'MemberExpression[property.name=/^(nextUrl|cookies|geo|ip)$/][object.name=/^(req|request)$/]',
        message: `${DIRECT_PATH_MESSAGE}: NextRequest-only fields are undefined there (use new URL(request.url), request.headers).`,
      },
      {
        selector:
          'ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[id.name=/^(runtime|revalidate|fetchCache|preferredRegion|maxDuration)$/]',
        message: `${DIRECT_PATH_MESSAGE}: it does not honour route segment config other than \`dynamic\`.`,
      },
    ],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  clientBoundary,
  directPathRules,
  globalIgnores([
    '.next/**',
    'lib/generated/**',
    'node_modules/**',
    '.data/**',
    'bench/.data/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
  ]),
]);

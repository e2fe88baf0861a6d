// Server-only modules stay out of browser bundles. Code that runs in the browser (components/,
// and the isomorphic rule modules that both sides import) may not import what touches the
// database, secrets or the environment: a value import of one is a lint error; a type import is
// fine (erased). Why a lint boundary and not `import "server-only"` in those modules: that package
// throws outside a react-server bundle, and the direct API dispatcher (lib/cli/direct-api.ts),
// vitest and the CLI scripts load them with plain Node.

const SERVER_ONLY = [
  '@/lib/db/*',
  '@/lib/auth/*',
  '@/lib/env',
  '@/lib/generated/*',
  '@/lib/test/*',
  '@/lib/audit/*',
  '@/lib/**/*.sql',
  '@/lib/**/*-service',
  '@/lib/**/*.sql.ts',
  'pg',
  '@prisma/*',
  'next-auth',
  'node:*',
];

export const clientBoundary = {
  name: 'baseplate/client-boundary',
  files: [
    'components/**/*.{ts,tsx}',
    'app/providers.tsx',
    'lib/domain/**/*.ts',
    'lib/catalog-view/**/*.ts',
    'lib/forms/**/*.ts',
    'lib/blueprint-editor/**/*.ts',
  ],
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: SERVER_ONLY,
            allowTypeImports: true,
            message: 'Browser code may not import server-only modules (database, secrets, env): move the shared rule to lib/domain.',
          },
        ],
      },
    ],
  },
};

import { blueprintParam } from '@/lib/blueprints/blueprint-params';
import { getDb } from '@/lib/db/prisma';
import { bodySchema } from '@/lib/http/request-body';
import { allowOnlyParams } from '@/lib/http/query-params';
import { withTeam } from '@/lib/http/route';
import type { DefinitionInput } from '@/lib/scorecards/check-scorecard-definition';
import { previewScorecard } from '@/lib/scorecards/evaluate/summarize-scorecard';

// Only "an object" here: checkScorecardDefinition checks the draft (the same faults as a save).
const draftBody = bodySchema<DefinitionInput>({ type: 'object' });

// POST /api/v1/teams/{team}/blueprints/{bp}/scorecards/preview - a draft {filter?, levels?, rules} evaluated now, stored nowhere
export const POST = withTeam({ body: draftBody }, async (ctx, { url, params, body }) => {
  allowOnlyParams(url, []);
  return { body: await previewScorecard(getDb(), ctx, blueprintParam(params.blueprint), body) };
});

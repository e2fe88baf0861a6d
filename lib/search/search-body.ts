import { bodySchema } from '@/lib/http/request-body';

// The request bodies of the search routes for the route wrapper: only "a JSON object" here; the
// shape is checked by parseSearchBody / parseFacetRequest, which name the faulty place precisely
// (`query.rules[2].value`) and count the limits while walking.
export const searchBody = bodySchema<Record<string, unknown>>({ type: 'object' });

import { buildNow } from './build-if-needed';
import { cliLog, runCli } from './log';

// `npm run build`: the production build, stamped with the sources it was built from (as `npm
// start` stamps its own), so that a following `npm start` serves it instead of building again.
runCli(async () => buildNow(cliLog));

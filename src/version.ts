import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** Read from package.json so `--version` and exported files never disagree with the release. */
export const VERSION: string = (require('../package.json') as { version: string }).version;

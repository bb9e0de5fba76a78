import { packageManifest } from './package-root.js';

/** Read from package.json so `--version` and exported files never disagree with the release. */
export const VERSION: string = packageManifest().version;

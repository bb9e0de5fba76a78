#!/usr/bin/env node
import { run } from './program.js';
import { reportError } from './report-error.js';

// dist/ is a bundle (scripts/build.mjs): with THREADMOD_DEBUG=1, stack traces point into src/ through its source maps.
if (process.env.THREADMOD_DEBUG) process.setSourceMapsEnabled(true);

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);

#!/usr/bin/env node
import { run } from './program.js';
import { reportError } from './report-error.js';

// dist/ is a bundle (scripts/build.mjs): with THREADMOD_DEBUG=1, stack traces point into src/ through its source maps.
if (process.env.THREADMOD_DEBUG) process.setSourceMapsEnabled(true);

// `threadmod tree dump | head`: once the reader has gone there is nobody to print for; stop quietly, as cat does.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);

#!/usr/bin/env node
import { run } from './program.js';
import { reportError } from './report-error.js';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);

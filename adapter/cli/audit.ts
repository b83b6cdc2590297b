#!/usr/bin/env node
/** Entry point for `npm run audit -- …`; the logic lives in auditMain.ts so tests run it in-process. */
import { auditMain } from './auditMain';

const controller = new AbortController();
// Ctrl-C stops the pull; what was read is still written, marked INCOMPLETE. A second Ctrl-C quits at once.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

const code = await auditMain(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY === true,
  columns: process.stderr.columns ?? 100,
  signal: controller.signal,
});
process.exitCode = code;

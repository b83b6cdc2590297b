#!/usr/bin/env node
/** Entry point for `npm run carers -- …`; the logic lives in carersMain.ts so tests run it in-process. */
import { carersMain } from './carersMain';

const code = await carersMain(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
process.exitCode = code;

/**
 * `npm start`: the whole product on this machine, for a newcomer.
 *
 * 1. builds the extension (development build: it may reach the loopback sandbox without asking);
 * 2. starts the sandbox (FHIR server + EHR page) on port 8080 — the extension's default server;
 * 3. where a display exists, opens Chromium with the extension loaded on the caseload page;
 *    otherwise prints the addresses and how to load the extension by hand;
 * and keeps serving until Ctrl-C.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandbox } from './server';
import { chromiumStopped, demoChromiumArgs, personaLines } from './startText';

const ROOT = resolve(import.meta.dirname, '..');
const PORT = 8080;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function buildExtension(): string {
  console.log('Building the extension (wxt build --mode development)…');
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', '--mode', 'development'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const dir = join(ROOT, '.output', 'chrome-mv3-dev');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`the build did not produce ${dir}`);
  return dir;
}

function openChromium(extensionDir: string, url: string): { child: ChildProcess; profile: string } {
  const profile = mkdtempSync(join(tmpdir(), 'carer-prompts-demo-'));
  const root = process.getuid?.() === 0;
  if (root) console.log('Running as root: Chromium is started with --no-sandbox (it will not start as root otherwise).');
  const child = spawn(CHROMIUM, demoChromiumArgs({ extensionDir, profile, url, root }), { stdio: ['ignore', 'ignore', 'pipe'] });
  // The last lines Chromium wrote, to say why it stopped if it does (it writes no patient data there).
  const tail: string[] = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail.push(...chunk.split('\n'));
    tail.splice(0, Math.max(0, tail.length - 20));
  });
  child.on('exit', (code, signal) => console.log(chromiumStopped(code, signal, tail)));
  return { child, profile };
}

async function main(): Promise<void> {
  const extensionDir = buildExtension();
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({ port: PORT });
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    console.error(inUse ? `Port ${PORT} is in use: stop whatever runs there (the extension expects its sandbox at http://127.0.0.1:${PORT}/fhir).` : 'The sandbox could not start.');
    process.exitCode = 1;
    return;
  }
  const caseload = `${sandbox.origin}/ehr/`;
  console.log(`
Carer Prompts sandbox is running.
  EHR (caseload):  ${caseload}
  FHIR server:     ${sandbox.fhirBase}
  Extension:       ${extensionDir}

Named patients (each shows a carers' charter situation; the caseload also lists generated patients):
${personaLines(sandbox.origin).join('\n')}
`);

  let browser: { child: ChildProcess; profile: string } | undefined;
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) {
    if (existsSync(CHROMIUM)) {
      browser = openChromium(extensionDir, caseload);
      console.log('Chromium is starting with the extension loaded: choose a patient from the caseload, or open a named patient above.');
    } else {
      console.log(`No Chromium at ${CHROMIUM} (set CHROMIUM_PATH): load the extension by hand as below.`);
    }
  }
  if (!browser) {
    console.log(`To try it in your own Chrome or Chromium:
  1. open chrome://extensions and turn on Developer mode;
  2. choose "Load unpacked" and select ${extensionDir};
  3. open ${caseload} and choose a patient: the Carer Prompts panel docks on the right.`);
  }
  console.log('\nPress Ctrl-C to stop.');

  const stop = async (): Promise<void> => {
    browser?.child.kill();
    if (browser) rmSync(browser.profile, { recursive: true, force: true });
    await sandbox.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void main();

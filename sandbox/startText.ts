/**
 * What `npm start` tells a newcomer and how it opens Chromium, kept apart from the process wiring
 * in start.ts so it can be tested.
 */
import { PERSONAS } from './personas';

/**
 * Chromium's flags for the demo. As root (containers, CI images, a root shell with Xvfb) Chromium
 * refuses to start without `--no-sandbox` and exits at once; a normal user keeps the sandbox.
 */
export function demoChromiumArgs(options: { extensionDir: string; profile: string; url: string; root: boolean }): string[] {
  return [
    ...(options.root ? ['--no-sandbox'] : []),
    `--user-data-dir=${options.profile}`,
    '--no-first-run',
    '--disable-sync',
    `--disable-extensions-except=${options.extensionDir}`,
    `--load-extension=${options.extensionDir}`,
    options.url,
  ];
}

/** The named personas, each with the EHR page that opens them, so nobody hunts among the generated patients. */
export function personaLines(origin: string): string[] {
  return Object.values(PERSONAS).map((p) => `  ${`${p.given} ${p.family}`.padEnd(20)} ${origin}/ehr/patients/${p.patientId}\n      ${p.situation}`);
}

/** Why Chromium stopped, from its exit and the last lines it wrote to stderr. */
export function chromiumStopped(code: number | null, signal: string | null, stderrTail: readonly string[]): string {
  if (code === 0) return 'Chromium closed; the sandbox keeps running until Ctrl-C.';
  const how = signal ? `was stopped by ${signal}` : `exited with code ${code ?? 'unknown'}`;
  const said = stderrTail.filter((line) => line.trim() !== '').slice(-5);
  const hint = said.some((line) => /no-sandbox|--no-sandbox|Running as root/i.test(line))
    ? '\n  It refuses to run as root without --no-sandbox: run `npm start` as a normal user, or as root (it then adds --no-sandbox).'
    : said.some((line) => /Missing X server|cannot open display|platform failed to initialize/i.test(line))
      ? '\n  It found no display: set DISPLAY (e.g. run under Xvfb), or load the extension by hand as below.'
      : '';
  return `Chromium ${how}; the sandbox keeps running until Ctrl-C.${said.length ? `\n  Chromium said:\n${said.map((l) => `    ${l}`).join('\n')}` : ''}${hint}`;
}

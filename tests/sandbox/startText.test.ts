import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { chromiumStopped, demoChromiumArgs, personaLines } from '../../sandbox/startText';

const where = { extensionDir: '/ext', profile: '/tmp/p', url: 'http://127.0.0.1:8080/ehr/' };

describe('npm start, for a newcomer', () => {
  it('starts Chromium with --no-sandbox when run as root (it exits at once otherwise), and with its sandbox otherwise', () => {
    expect(demoChromiumArgs({ ...where, root: true })[0]).toBe('--no-sandbox');
    expect(demoChromiumArgs({ ...where, root: false })).not.toContain('--no-sandbox');
    expect(demoChromiumArgs({ ...where, root: false })).toContain('--load-extension=/ext');
  });

  it('says why Chromium stopped, with what it said, instead of only "closed"', () => {
    const message = chromiumStopped(1, null, ['[123:123:ERROR:zygote_host_impl_linux.cc(101)] Running as root without --no-sandbox is not supported.', '']);
    expect(message).toMatch(/^Chromium exited with code 1/);
    expect(message).toContain('Running as root without --no-sandbox is not supported.');
    expect(message).toContain('run `npm start` as a normal user');
    expect(chromiumStopped(1, null, ['Missing X server or $DISPLAY'])).toContain('found no display');
    expect(chromiumStopped(0, null, [])).toBe('Chromium closed; the sandbox keeps running until Ctrl-C.');
  });

  it('lists every named persona with the link that opens them', () => {
    const lines = personaLines('http://127.0.0.1:8080').join('\n');
    for (const persona of Object.values(PERSONAS)) {
      expect(lines).toContain(`http://127.0.0.1:8080/ehr/patients/${persona.patientId}`);
      expect(lines).toContain(`${persona.given} ${persona.family}`);
    }
  });
});

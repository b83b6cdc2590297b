import { describe, expect, it } from 'vitest';
import { parseSandboxFlags } from '../../sandbox/cli';

describe('the sandbox --auth flag', () => {
  it('keeps open mode the default', () => {
    expect(parseSandboxFlags([]).auth).toBe('open');
  });

  it('turns on the SMART authorization server with --auth smart, optionally with the audit\'s public key', () => {
    expect(parseSandboxFlags(['--auth', 'smart']).auth).toBe('smart');
    expect(parseSandboxFlags(['--auth=smart', '--auth-public-key', 'audit.pub.pem'])['auth-public-key']).toBe('audit.pub.pem');
  });

  it.each([
    [['--auth', 'oauth'], '--auth must be open or smart'],
    [['--auth-public-key', 'k.pem'], '--auth-public-key only applies with --auth smart'],
  ])('%j fails with one clear line', (argv, message) => {
    expect(() => parseSandboxFlags(argv)).toThrow(message);
  });
});

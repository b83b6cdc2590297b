import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { TEST_NOW } from './support/fhirFetch';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 0, now: TEST_NOW });
});
afterAll(async () => {
  await sandbox.close();
});

const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

describe('CORS', () => {
  it.each([EXTENSION, 'http://127.0.0.1:3000', 'http://localhost:5173'])('reflects the allowed origin %s and exposes ETag and Location', async (origin) => {
    const response = await fetch(`${sandbox.fhirBase}/Patient/${PERSONAS.amiraKhan.patientId}`, { headers: { origin } });
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/ETag/);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Location/);
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('answers a preflight from the extension with the methods and headers writes need', async () => {
    const response = await fetch(`${sandbox.fhirBase}/Consent/x`, {
      method: 'OPTIONS',
      headers: { origin: EXTENSION, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'if-match, content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['if-match', 'if-none-exist', 'prefer', 'authorization', 'content-type']) expect(allowed).toContain(header);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each(['https://evil.example.com', 'http://127.0.0.1.evil.example', 'null'])('gives no CORS access to %s', async (origin) => {
    const response = await fetch(`${sandbox.fhirBase}/Patient/${PERSONAS.amiraKhan.patientId}`, { headers: { origin } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sets no-store and CORS on error responses too', async () => {
    const response = await fetch(`${sandbox.fhirBase}/Patient/missing`, { headers: { origin: EXTENSION } });
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe(EXTENSION);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/server';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, patients: 5, seed: 1 });
});

afterAll(async () => {
  await sandbox?.close();
});

function get(path: string, init?: RequestInit): Promise<Response> {
  return fetch(new URL(path, sandbox.origin), { redirect: 'manual', ...init });
}

describe('the sandbox serves the EHR page', () => {
  it('sends the home page to the caseload', async () => {
    const response = await get('/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/ehr/');
  });

  it.each(['/ehr/', '/ehr/patients/some-id', '/ehr/patients/some-id/contacts'])('answers %s with the app shell', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/ehr/assets/app.js"></script>');
    expect(html).toContain('<meta name="fhir-base" content="/fhir">');
    expect(html).toContain('id="caseload"');
    expect(html).toContain('id="main"');
  });

  it('forbids inline and foreign script and caching on every answer', async () => {
    for (const path of ['/ehr/', '/ehr/assets/app.js', '/ehr/assets/app.css']) {
      const response = await get(path);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("object-src 'none'");
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves the app bundled from TypeScript as a JavaScript module', async () => {
    const response = await get('/ehr/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const script = await response.text();
    expect(script).toContain('patient-banner');
    // Bundled: no module imports left for the browser to resolve.
    expect(script).not.toMatch(/(^|[;}\s])import[\s{*]/);
  });

  it('serves its stylesheet', async () => {
    const response = await get('/ehr/assets/app.css');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await response.text()).toContain('#005eb8');
  });

  it('answers an unknown record page with 404 and the app, which says the page was not found', async () => {
    const response = await get('/ehr/letters');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('/ehr/assets/app.js');
  });

  it('refuses writes', async () => {
    const response = await get('/ehr/', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('leaves the FHIR server its own paths', async () => {
    const response = await get('/fhir/metadata');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe('CapabilityStatement');
  });
});

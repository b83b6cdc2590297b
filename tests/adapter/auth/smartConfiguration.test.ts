import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { discoverSmartConfiguration } from '../../../adapter/auth/smartConfiguration';
import type { FhirError } from '../../../adapter/errors';
import { useFhirServer } from '../support/mswServer';

const net = useFhirServer();
const BASE = 'https://fhir.trust.example/R4';
const WELL_KNOWN = `${BASE}/.well-known/smart-configuration`;

const TrustConfiguration = {
  issuer: 'https://auth.trust.example',
  authorization_endpoint: 'https://auth.trust.example/authorize',
  token_endpoint: 'https://auth.trust.example/token',
  code_challenge_methods_supported: ['S256'],
  capabilities: ['launch-standalone', 'client-public', 'permission-v2'],
  vendor_extra: { kept: true },
};

const serve = (body: Record<string, unknown>, status = 200) => net.server.use(http.get(WELL_KNOWN, () => HttpResponse.json(body, { status })));
const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as FhirError);

describe('SMART discovery', () => {
  it('reads the endpoints from <fhirBase>/.well-known/smart-configuration', async () => {
    serve(TrustConfiguration);
    const config = await discoverSmartConfiguration(`${BASE}/`);
    expect(config.authorization_endpoint).toBe('https://auth.trust.example/authorize');
    expect(config.token_endpoint).toBe('https://auth.trust.example/token');
  });

  it('refuses a server that does not offer PKCE with S256', async () => {
    serve({ ...TrustConfiguration, code_challenge_methods_supported: ['plain'] });
    const error = await failure(discoverSmartConfiguration(BASE));
    expect(error?.kind).toBe('unsupported');
    expect(error?.message).toMatch(/S256/);
    serve({ ...TrustConfiguration, code_challenge_methods_supported: undefined });
    expect((await failure(discoverSmartConfiguration(BASE)))?.kind).toBe('unsupported');
  });

  it('refuses endpoints that would send codes or tokens in clear over the network', async () => {
    serve({ ...TrustConfiguration, token_endpoint: 'http://auth.trust.example/token' });
    const error = await failure(discoverSmartConfiguration(BASE));
    expect(error?.message).toMatch(/token_endpoint/);
  });

  it('says plainly when the server offers no SMART sign-in', async () => {
    serve({ resourceType: 'OperationOutcome' }, 404);
    const error = await failure(discoverSmartConfiguration(BASE));
    expect(error?.kind).toBe('unsupported');
    expect(error?.userMessage).toMatch(/does not offer SMART sign-in/);
  });

  it('fails as a network error when the server cannot be reached', async () => {
    net.server.use(http.get(WELL_KNOWN, () => HttpResponse.error()));
    expect((await failure(discoverSmartConfiguration(BASE)))?.kind).toBe('network');
  });
});

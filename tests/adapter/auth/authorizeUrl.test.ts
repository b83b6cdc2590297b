import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../../adapter/auth/authorizeUrl';

describe('the authorization request', () => {
  it('asks for a code with PKCE S256, the state and the FHIR base as audience', () => {
    const url = new URL(
      buildAuthorizeUrl({
        authorizationEndpoint: 'https://auth.trust.example/authorize?tenant=mh',
        clientId: 'carer-prompts',
        redirectUri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
        scope: 'openid fhirUser user/Consent.crus',
        state: 'state-value-with-128-bit',
        aud: 'https://fhir.trust.example/R4',
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://auth.trust.example/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'mh',
      response_type: 'code',
      client_id: 'carer-prompts',
      redirect_uri: 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      scope: 'openid fhirUser user/Consent.crus',
      state: 'state-value-with-128-bit',
      aud: 'https://fhir.trust.example/R4',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
  });
});

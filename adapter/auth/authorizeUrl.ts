/**
 * The authorization request of SMART App Launch 2 (standalone launch, public client, PKCE S256).
 * @see https://hl7.org/fhir/smart-app-launch/app-launch.html#obtain-authorization-code
 */
export interface AuthorizeRequest {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  /** The FHIR base the token is for: the server refuses to issue a token for another audience. */
  aud: string;
  codeChallenge: string;
}

export function buildAuthorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(request.authorizationEndpoint);
  const params: [string, string][] = [
    ['response_type', 'code'],
    ['client_id', request.clientId],
    ['redirect_uri', request.redirectUri],
    ['scope', request.scope],
    ['state', request.state],
    ['aud', request.aud],
    ['code_challenge', request.codeChallenge],
    ['code_challenge_method', 'S256'],
  ];
  for (const [name, value] of params) url.searchParams.set(name, value);
  return url.href;
}

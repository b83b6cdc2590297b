/**
 * The `fhirUser` claim of an ID token (who records changes). The token comes straight from the
 * token endpoint over TLS, which OpenID Connect Core §3.1.3.7 accepts in place of checking its
 * signature for the code flow; it is used to name the recorder, never to decide access.
 */
export function fhirUserFromIdToken(idToken: string | undefined): string | undefined {
  if (idToken === undefined) return undefined;
  const payload = idToken.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    const fhirUser = typeof claims === 'object' && claims !== null ? (claims as { fhirUser?: unknown }).fhirUser : undefined;
    return typeof fhirUser === 'string' && /^(https?:\/\/\S+\/)?(Practitioner|PractitionerRole|Patient|RelatedPerson|Person)\/[A-Za-z0-9\-.]{1,64}$/.test(fhirUser) ? fhirUser : undefined;
  } catch {
    return undefined;
  }
}

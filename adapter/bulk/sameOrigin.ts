import { FhirError } from '../errors';

/**
 * Resolves a URL the server handed us (Content-Location, a manifest file URL, a Bundle `next` link)
 * and refuses it unless it is on the FHIR server's own origin: the fetch we were given may carry the
 * user's token, and a token must never be sent anywhere else.
 *
 * @param what names the link in the error ("export file", "next page link"); never a URL with a query.
 */
export function sameOriginUrl(link: string, fhirBase: string | URL, what: string): URL {
  const base = new URL(fhirBase);
  let url: URL;
  try {
    url = new URL(link, base);
  } catch (cause) {
    throw new FhirError({
      kind: 'invalid-response',
      cause,
      message: `the server's ${what} is not a valid URL`,
      userMessage: `The FHIR server gave an ${what} that is not a valid address, so the pull stopped.`,
    });
  }
  if (url.origin !== base.origin) {
    throw new FhirError({
      kind: 'forbidden',
      message: `refused to follow the ${what} on another origin (${url.origin}); only ${base.origin} is trusted`,
      userMessage: `The FHIR server pointed the ${what} to another site (${url.origin}). It was not followed, so your sign-in is not sent anywhere but ${base.origin}.`,
    });
  }
  return url;
}

/**
 * The one error a caller sees when the session with the FHIR server is over (expired, revoked,
 * never started, or a refresh that failed): a FhirError of kind `unauthorized` whose sentence tells
 * the clinician to sign in again and that what they typed is kept. Keeping the draft is the UI's
 * job; this error promises it so the UI must not drop the draft on `unauthorized`.
 */
import { displayText } from '../../shared/displayText';
import { FhirError } from '../errors';

export type SignInAgainReason = 'no-session' | 'expired' | 'revoked' | 'refresh-failed' | 'state-mismatch' | 'denied';

export const SIGN_IN_AGAIN_MESSAGE = 'Your sign-in to the FHIR server has ended. Sign in again: what you entered has been kept and nothing was lost.';

const TECHNICAL: Record<SignInAgainReason, string> = {
  'no-session': 'sign in again: there is no session with the FHIR server',
  expired: 'sign in again: the access token expired and there is no refresh token to use',
  revoked: 'sign in again: the authorization server rejected the grant (revoked or expired)',
  'refresh-failed': 'sign in again: the token refresh did not complete',
  'state-mismatch': 'sign in again: the sign-in answer did not match the request (state)',
  denied: 'sign in again: the sign-in was refused or cancelled',
};

export function signInAgain(reason: SignInAgainReason, cause?: unknown): FhirError {
  return new FhirError({
    kind: 'unauthorized',
    message: TECHNICAL[reason],
    userMessage: reason === 'denied' ? 'Sign-in to the FHIR server was cancelled or refused. Sign in again to continue: what you entered has been kept.' : SIGN_IN_AGAIN_MESSAGE,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** Before the first sign-in of this browser session: nothing has ended, the clinician has yet to sign in. */
export const NOT_SIGNED_IN_MESSAGE = 'You are not signed in to the FHIR server yet. Sign in to see and record carers’ details.';

const NOT_SIGNED_IN_TECHNICAL = 'sign in: nobody has signed in to the FHIR server in this browser session';

export function notSignedInYet(): FhirError {
  return new FhirError({ kind: 'unauthorized', message: NOT_SIGNED_IN_TECHNICAL, userMessage: NOT_SIGNED_IN_MESSAGE });
}

/** The error (or the error it was caused by) says nobody has signed in yet: the button says "Sign in", not "Sign in again". */
export function isNotSignedInYet(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (e instanceof FhirError && e.kind === 'unauthorized' && e.message === NOT_SIGNED_IN_TECHNICAL) return true;
  }
  return false;
}

/** What the authorization server's `error` codes (RFC 6749 §4.1.2.1) mean to the person signing in. */
const REFUSALS: Record<string, string> = {
  access_denied: 'access was refused',
  invalid_scope: 'it would not grant the permissions Carer Prompts asks for (ask your IT service desk to check the client’s registered scopes)',
  unauthorized_client: 'this client id may not sign in this way (ask your IT service desk to check the client registration)',
  invalid_request: 'the sign-in request was not accepted (ask your IT service desk to check the client id and redirect address)',
  unsupported_response_type: 'it does not offer the sign-in Carer Prompts uses (authorization code)',
  server_error: 'it had an error of its own',
  temporarily_unavailable: 'it is busy or down for maintenance; try again in a few minutes',
};

/** The server's own text, shown as text: hidden and control characters made visible (displayText), and short. */
function cleanText(value: string | null, max: number): string {
  return displayText((value ?? '').replace(/\s+/g, ' ').trim()).slice(0, max);
}

/**
 * The authorization server answered the sign-in with an `error` (after the state matched): its code
 * in words and its `error_description`, so the clinician and the service desk know why. The answer
 * carries no token or code to leak: an error answer has none.
 */
export function signInRefused(error: string | null, description: string | null): FhirError {
  const code = cleanText(error, 64) || 'unknown';
  const said = cleanText(description, 300);
  const meaning = REFUSALS[code] ?? 'it refused the sign-in';
  return new FhirError({
    kind: 'unauthorized',
    message: `sign in again: the authorization server answered error=${code}`,
    userMessage: `The sign-in server did not sign you in: ${meaning}.${said ? ` It said: “${said}”` : ''} (${code}). What you entered has been kept.`,
  });
}

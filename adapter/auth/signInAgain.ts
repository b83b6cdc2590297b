/**
 * The one error a caller sees when the session with the FHIR server is over (expired, revoked,
 * never started, or a refresh that failed): a FhirError of kind `unauthorized` whose sentence tells
 * the clinician to sign in again and that what they typed is kept. Keeping the draft is the UI's
 * job; this error promises it so the UI must not drop the draft on `unauthorized`.
 */
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

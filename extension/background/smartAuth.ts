import { browser, storage } from '#imports';
import { createSmartSession, notSignedInYet, type SessionStore, type SignedIn, type SmartSession } from '../../adapter/auth';
import { FhirError } from '../../adapter/errors';
import type { ExtensionOptions } from '../storage/options';

/**
 * SMART App Launch 2 in the background worker only: the content script and the panel never see a
 * token. The session's state (pending sign-in, tokens) lives in `storage.session` alone: memory
 * only, gone when the browser closes, and at its default access level (TRUSTED_CONTEXTS) not
 * readable by content scripts. Nothing auth-related is ever written to `local:` or `sync:`.
 */
export const smartAuthItem = storage.defineItem<unknown>('session:smart-auth');

/**
 * Whether the clinician has signed in during this browser session (memory only, like the tokens):
 * with no tokens, it tells "your sign-in ended" from "not signed in yet". Cleared on sign-out.
 */
export const signedInBeforeItem = storage.defineItem<boolean>('session:smart-signed-in-before', { fallback: false, version: 1 });

/** The SessionStore the SMART session keeps its state in: storage.session, nothing else. */
export function sessionStorageStore(): SessionStore {
  return {
    read: () => smartAuthItem.getValue(),
    write: (session) => smartAuthItem.setValue(session),
    clear: () => smartAuthItem.removeValue(),
  };
}

/** The worker's own fetch (the adapter's default transport is for Node). */
const workerFetch: typeof fetch = (input, init) => fetch(input, init);

const sessions = new Map<string, SmartSession>();

/** The SMART session for the configured server and client id; undefined in open mode. */
export function smartSessionFor(options: ExtensionOptions): SmartSession | undefined {
  if (options.authMode !== 'smart' || options.clientId === undefined) return undefined;
  const key = `${options.fhirBaseUrl}|${options.clientId}`;
  let session = sessions.get(key);
  if (!session) {
    session = withSignInHistory(createSmartSession({ fhirBase: options.fhirBaseUrl, clientId: options.clientId, redirectUri: browser.identity.getRedirectURL(), store: sessionStorageStore(), fetch: workerFetch }));
    sessions.set(key, session);
  }
  return session;
}

/** The session, saying "not signed in yet" (not "ended") until the first sign-in of this browser session. */
function withSignInHistory(session: SmartSession): SmartSession {
  return {
    ...session,
    async completeSignIn(redirectUrl) {
      const signedIn = await session.completeSignIn(redirectUrl);
      await signedInBeforeItem.setValue(true);
      return signedIn;
    },
    async getToken(hint) {
      if ((await session.signedIn()) === undefined && !(await signedInBeforeItem.getValue())) throw notSignedInYet();
      return session.getToken(hint);
    },
    async signOut() {
      await signedInBeforeItem.removeValue();
      await session.signOut();
    },
  };
}

/** The sign-in window closed (or the browser could not open it) before the server answered. */
export const SIGN_IN_WINDOW_CLOSED = 'The sign-in window closed before you signed in. Choose “Sign in again” to try again: what you entered has been kept.';

/**
 * Signs the clinician in through the browser's own sign-in window (redirect
 * https://<extension-id>.chromiumapp.org/). A closed window, or the server's refusal (its `error`
 * and `error_description` in words), is "sign in again", never an unexpected exception.
 */
export async function signIn(session: SmartSession): Promise<SignedIn> {
  const url = await session.beginSignIn();
  let answer: string | undefined;
  try {
    answer = await browser.identity.launchWebAuthFlow({ url, interactive: true });
  } catch (error) {
    throw new FhirError({ kind: 'unauthorized', message: 'sign in again: the sign-in window closed', userMessage: SIGN_IN_WINDOW_CLOSED, cause: error });
  }
  if (answer === undefined) throw new FhirError({ kind: 'unauthorized', message: 'sign in again: the sign-in window returned nothing', userMessage: SIGN_IN_WINDOW_CLOSED });
  return session.completeSignIn(answer);
}

import { browser, storage } from '#imports';
import { createSmartSession, signInAgain, type SessionStore, type SignedIn, type SmartSession } from '../../adapter/auth';
import type { ExtensionOptions } from '../storage/options';

/**
 * SMART App Launch 2 in the background worker only: the content script and the panel never see a
 * token. The session's state (pending sign-in, tokens) lives in `storage.session` alone: memory
 * only, gone when the browser closes, and at its default access level (TRUSTED_CONTEXTS) not
 * readable by content scripts. Nothing auth-related is ever written to `local:` or `sync:`.
 */
export const smartAuthItem = storage.defineItem<unknown>('session:smart-auth');

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
    session = createSmartSession({ fhirBase: options.fhirBaseUrl, clientId: options.clientId, redirectUri: browser.identity.getRedirectURL(), store: sessionStorageStore(), fetch: workerFetch });
    sessions.set(key, session);
  }
  return session;
}

/**
 * Signs the clinician in through the browser's own sign-in window (redirect
 * https://<extension-id>.chromiumapp.org/). A closed window or a refusal is "sign in again", never
 * an unexpected exception.
 */
export async function signIn(session: SmartSession): Promise<SignedIn> {
  const url = await session.beginSignIn();
  let answer: string | undefined;
  try {
    answer = await browser.identity.launchWebAuthFlow({ url, interactive: true });
  } catch (error) {
    throw signInAgain('denied', error);
  }
  if (answer === undefined) throw signInAgain('denied');
  return session.completeSignIn(answer);
}

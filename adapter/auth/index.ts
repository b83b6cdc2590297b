/**
 * SMART on FHIR for Carer Prompts: App Launch 2 for the extension (browser-safe: WebCrypto and
 * fetch only) and, from `./backend`, Backend Services for the audit (node:crypto). See docs/auth.md.
 */
export { createSmartSession, type SmartSession, type SmartSessionOptions, type SignedIn, type TokenHint } from './session';
export { memorySessionStore, type SessionStore, type StoredSession, type StoredTokens } from './sessionStore';
export { discoverSmartConfiguration, parseSmartConfiguration, type SmartConfiguration } from './smartConfiguration';
export { grantedCapabilities, type Allowance, type GrantedCapabilities } from './grantedCapabilities';
export { CLINICIAN_SCOPE, CLINICIAN_SCOPES, AUDIT_SYSTEM_SCOPE } from './scopes';
export { isNotSignedInYet, notSignedInYet, signInAgain, signInRefused, NOT_SIGNED_IN_MESSAGE, SIGN_IN_AGAIN_MESSAGE, type SignInAgainReason } from './signInAgain';
export { createPkce, s256Challenge, type Pkce } from './pkce';
export { newState, sameState } from './state';
export { buildAuthorizeUrl, type AuthorizeRequest } from './authorizeUrl';

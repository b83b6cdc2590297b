export { smartAuth, type SmartAuth } from './handler';
export { SmartAuthServer, SANDBOX_CLIENT_ID, AUDIT_CLIENT_ID, SANDBOX_FHIR_USER, CHROMIUM_EXTENSION_REDIRECT, type AuthServerOptions, type BackendClient, type PublicClient } from './authServer';
export { publicKeyFromPem } from './assertion';
export { sandboxSmartAuth, AUDIT_CLIENT_SCOPES, EXTENSION_CLIENT_SCOPES } from './sandboxAuth';

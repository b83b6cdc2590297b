/** Node-only auth for the audit command: Backend Services (private-key JWT) and a bearer token from the environment. */
export { clientAssertion, kidFromJwks, signingKeyFromPem, type AssertionAlgorithm, type SigningKey } from './clientAssertion';
export { authorizedFetch, backendServicesToken, bearerFromEnv, DEFAULT_TOKEN_ENV, type BackendServicesOptions, type TokenSource } from './tokenSources';

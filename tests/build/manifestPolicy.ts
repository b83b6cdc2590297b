/**
 * What the built manifest may ask for, each with the reason it is needed. A permission that is not
 * here fails the build test: adding one means adding it here, with its reason, in review.
 */
export const ALLOWED_PERMISSIONS: Readonly<Record<string, string>> = {
  storage: 'Options in storage.local; tab state, in-flight writes and drafts in storage.session (memory only).',
  identity: 'SMART App Launch sign-in: launchWebAuthFlow opens the authorization server in the browser’s own window and returns to https://<extension-id>.chromiumapp.org/ (getRedirectURL); no Google account access.',
  scripting: 'Registers the content script at runtime for the EHR origins the trust configured, and runs the profile probe on an open EHR tab from the options page.',
};

/** Optional host permissions: requested at runtime, one origin at a time, from the options page. */
export const ALLOWED_OPTIONAL_HOST_PERMISSIONS: Readonly<Record<string, string>> = {
  'http://*/*': 'A trust’s FHIR server or EHR on an internal http origin, granted per origin at runtime.',
  'https://*/*': 'A trust’s FHIR server or EHR, granted per origin at runtime.',
};

/** Declared host permissions: none in production; loopback only in the development build (sandbox, e2e). */
export const DEVELOPMENT_HOST_PERMISSIONS: readonly string[] = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * Every manifest key the extension may use; anything else (externally_connectable, update_url,
 * sandbox, …) fails. `key` is allowed in the development build only (its stable id, for policy
 * and SMART redirect tests); `storage` carries only the managed (enterprise policy) schema.
 */
export const ALLOWED_MANIFEST_KEYS: readonly string[] = [
  'manifest_version',
  'name',
  'description',
  'version',
  'permissions',
  'host_permissions',
  'optional_host_permissions',
  'content_security_policy',
  'web_accessible_resources',
  'background',
  'options_ui',
  'content_scripts',
  'storage',
  'icons',
  'action',
  'key',
  // A keyboard shortcut (Alt+Shift+C) that moves focus to the panel; it grants no permission.
  'commands',
];

/** The directives extension pages must carry (a stricter or extra directive needs a change here). */
export const REQUIRED_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
  'connect-src': ["'self'", 'http:', 'https:'],
  'img-src': ["'self'", 'data:'],
};

export interface BuiltManifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_security_policy?: { extension_pages?: string; sandbox?: string };
  web_accessible_resources?: { resources: string[]; matches?: string[]; extension_ids?: string[]; use_dynamic_url?: boolean }[];
  background?: { service_worker?: string; type?: string };
  content_scripts?: { matches: string[]; js?: string[]; all_frames?: boolean; world?: string }[];
  externally_connectable?: unknown;
  [key: string]: unknown;
}

/** Parses a CSP string into directive → sources. */
export function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

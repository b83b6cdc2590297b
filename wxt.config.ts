import { execFileSync } from 'node:child_process';
import { defineConfig } from 'wxt';
import { FOCUS_PANEL_COMMAND, FOCUS_PANEL_SHORTCUT } from './extension/commands/focusPanel';
import { ehrMatchPatterns } from './extension/framing/matchPatterns';
import { MANAGED_SCHEMA_FILE, managedSchema } from './extension/storage/managedSchema';

/**
 * The development build's public key (SubjectPublicKeyInfo, base64): it fixes the extension id to
 * `DEVELOPMENT_EXTENSION_ID` wherever the build is loaded unpacked, so an enterprise policy, a SMART
 * redirect URI (https://<id>.chromiumapp.org/) and the e2e suite can name it. The private key was
 * never kept: loading unpacked needs none, and the production id comes from the trust's or the
 * store's signing key (docs/deploy.md).
 */
export const DEVELOPMENT_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0otxjIYUHYD5q2rBfplYZZAVOSVsR0MpaXsQlvkUjwHFC98uywglFLKxpKbRcVShYDgIkxKG+7MXl5Lg2wnYptyjRWJmM91bzwPF4AGS1GsyMdBdVP26v0L5qycHr8bHdH+/QNA+aq4rbUNpSZeqmM816j2fcbrtRNtiJTT/AZXyYBiCwoD499tzEYvDjns9163PRa8FcZfc3cl2n9M3ipXQdyCFSFimFjKWcbfN7URLi4RPyIpnRYITnoLQEpqIYnE802Rb7vF3inKe9ryb5Uw+wFG72b8osdiu8CQAX81rWxSoNrynjbFFRDZ3tBzDnotOSmSb2NGXzaG71ejpowIDAQAB';
export const DEVELOPMENT_EXTENSION_ID = 'doafpcnmhahahgakcdidmcgoebeknkfb';

/** Which source a build came from, shown on the options page (the commit, or "unknown" outside git). */
function buildLabel(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

/**
 * Loopback origins the development build declares up front, so `npm start` and the e2e suite
 * need no permission prompt. The production build declares none: the options page asks for
 * exactly the configured FHIR and EHR origins at runtime (least privilege).
 */
export const LOOPBACK_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

/**
 * Who may frame the panel (web_accessible_resources). Development: the sandbox's loopback origins.
 * Production: the trust's EHR origins, given to the build as `CARER_PROMPTS_EHR_ORIGINS`
 * (comma-separated, e.g. `https://ehr.example.nhs.uk`); a build without them allows https pages
 * only, never plain http. Wherever it is framed, the panel shows nothing unless its one ancestor is
 * a configured EHR origin, and the background gives a panel nothing unless that ancestor is the
 * page the content script recognised in the same tab.
 */
export function panelFrameMatches(development: boolean, ehrOrigins: string | undefined): string[] {
  if (development) return LOOPBACK_MATCHES;
  const configured = ehrMatchPatterns((ehrOrigins ?? '').split(',').map((o) => o.trim()).filter((o) => o !== ''));
  return configured.length > 0 ? configured : ['https://*/*'];
}

/**
 * Host access declared by the build. Development: loopback (the sandbox). Production: the trust's
 * EHR and FHIR origins when the build is given them (`CARER_PROMPTS_EHR_ORIGINS`,
 * `CARER_PROMPTS_FHIR_ORIGINS`, comma-separated): Chrome and Edge grant a force-installed
 * extension its declared hosts without a prompt, so nobody has to visit the options page and choose
 * Allow. Without them, none: the options page asks for the configured origins at runtime.
 */
export function declaredHostPermissions(development: boolean, env: { ehrOrigins?: string | undefined; fhirOrigins?: string | undefined }): string[] {
  if (development) return LOOPBACK_MATCHES;
  const list = (value: string | undefined) => (value ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  return ehrMatchPatterns([...list(env.ehrOrigins), ...list(env.fhirOrigins)]);
}

/**
 * Extension pages (panel, options) and the service worker: only our own packaged scripts run, no
 * plugins, no <base> rewriting, no form navigation, no frames inside our pages. Network only from
 * the service worker to the FHIR server the trust configured (its origin is known only at runtime,
 * so http(s) generally; host permissions are what actually gate it). No frame-ancestors: the panel
 * is framed by the trust's EHR pages, whose origins are configured at runtime, and
 * web_accessible_resources already limits who can frame it.
 */
export const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "connect-src 'self' http: https:",
  "img-src 'self' data:",
].join('; ');

export default defineConfig({
  srcDir: 'extension',
  // Explicit imports from '#imports' only (CONVENTIONS.md: no invisible auto-imports).
  imports: false,
  // CARER_PROMPTS_OUT_DIR lets the e2e suite build into its own folder while `npm start` runs.
  outDir: process.env.CARER_PROMPTS_OUT_DIR ?? '.output',
  // Icons (drawn by scripts/icons.ts) beside the sources they belong to.
  publicDir: 'extension/public',
  vite: () => ({ define: { 'import.meta.env.CARER_PROMPTS_BUILD': JSON.stringify(buildLabel()) } }),
  manifest: ({ mode }) => {
    const development = mode === 'development';
    return {
      name: development ? 'Carer Prompts (development)' : 'Carer Prompts',
      description: "Carers' charter prompts beside the clinical record: identify carers, record consent, offer assessments.",
      permissions: ['storage', 'scripting', 'identity'],
      host_permissions: declaredHostPermissions(development, { ehrOrigins: process.env.CARER_PROMPTS_EHR_ORIGINS, fhirOrigins: process.env.CARER_PROMPTS_FHIR_ORIGINS }),
      optional_host_permissions: ['http://*/*', 'https://*/*'],
      content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
      // Enterprise policy (Chrome/Edge `3rdparty` extension policy) may set every option; the schema
      // is generated from the options' zod schema at build time (hooks below).
      storage: { managed_schema: MANAGED_SCHEMA_FILE },
      icons: ICONS,
      // No popup: a click opens the panel on the current tab (background: action.onClicked).
      action: { default_title: 'Open Carer Prompts', default_icon: ICONS },
      ...(development ? { key: DEVELOPMENT_PUBLIC_KEY } : {}),
      // A keyboard route to the panel (WCAG 2.1.1); people can change the keys at chrome://extensions/shortcuts.
      commands: { [FOCUS_PANEL_COMMAND]: { suggested_key: { default: FOCUS_PANEL_SHORTCUT }, description: 'Move focus to the Carer Prompts panel' } },
      web_accessible_resources: [
        // The panel is an extension page framed over the EHR; a dynamic URL stops pages probing for it.
        { resources: ['panel.html'], matches: panelFrameMatches(development, process.env.CARER_PROMPTS_EHR_ORIGINS), use_dynamic_url: true },
      ],
    };
  },
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: MANAGED_SCHEMA_FILE, contents: `${JSON.stringify(managedSchema(), null, 2)}\n` });
    },
    // Development builds inject the content script on loopback pages from the manifest (no race with
    // runtime registration at install); production registers it at runtime for the configured EHR origins.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'development') return;
      manifest.content_scripts = [
        ...(manifest.content_scripts ?? []),
        { matches: LOOPBACK_MATCHES, js: ['content-scripts/content.js'], run_at: 'document_idle' },
      ];
    },
  },
});

import { defineConfig } from 'wxt';
import { ehrMatchPatterns } from './extension/framing/matchPatterns';
import { FOCUS_PANEL_COMMAND, FOCUS_PANEL_SHORTCUT } from './extension/commands/focusPanel';

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
  manifest: ({ mode }) => {
    const development = mode === 'development';
    return {
      name: development ? 'Carer Prompts (development)' : 'Carer Prompts',
      description: "Carers' charter prompts beside the clinical record: identify carers, record consent, offer assessments.",
      permissions: ['storage', 'scripting', 'identity'],
      host_permissions: development ? LOOPBACK_MATCHES : [],
      optional_host_permissions: ['http://*/*', 'https://*/*'],
      content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
      // A keyboard route to the panel (WCAG 2.1.1); people can change the keys at chrome://extensions/shortcuts.
      commands: { [FOCUS_PANEL_COMMAND]: { suggested_key: { default: FOCUS_PANEL_SHORTCUT }, description: 'Move focus to the Carer Prompts panel' } },
      web_accessible_resources: [
        // The panel is an extension page framed over the EHR; a dynamic URL stops pages probing for it.
        { resources: ['panel.html'], matches: panelFrameMatches(development, process.env.CARER_PROMPTS_EHR_ORIGINS), use_dynamic_url: true },
      ],
    };
  },
  hooks: {
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

import { defineConfig } from 'wxt';

/**
 * Loopback origins the development build declares up front, so `npm start` and the e2e suite
 * need no permission prompt. The production build declares none: the options page asks for
 * exactly the configured FHIR and EHR origins at runtime (least privilege).
 */
export const LOOPBACK_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

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
      permissions: ['storage', 'scripting'],
      host_permissions: development ? LOOPBACK_MATCHES : [],
      optional_host_permissions: ['http://*/*', 'https://*/*'],
      web_accessible_resources: [
        // The panel is an extension page framed over the EHR; a dynamic URL stops pages probing for it.
        { resources: ['panel.html'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true },
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

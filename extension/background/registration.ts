import { browser } from '#imports';
import type { ExtensionOptions } from '../storage/options';

const SCRIPT_ID = 'carer-prompts-ehr';

/** `scheme://host/*` match patterns for the configured EHR origins (ports are matched by host in Chrome). */
export function ehrMatchPatterns(origins: readonly string[]): string[] {
  const patterns = new Set<string>();
  for (const origin of origins) {
    try {
      const url = new URL(origin);
      if (url.protocol === 'http:' || url.protocol === 'https:') patterns.add(`${url.protocol}//${url.hostname}/*`);
    } catch {
      // Invalid origins are refused by the options page; skip any that slipped into storage.
    }
  }
  return [...patterns];
}

/** True when a manifest match pattern already covers this one (same scheme and host). */
export function coveredBy(manifestMatches: readonly string[], pattern: string): boolean {
  return manifestMatches.includes(pattern);
}

/**
 * Registers the content script for the EHR origins the trust configured and granted, and only
 * those (least privilege). Origins the manifest already covers (development loopback) are skipped.
 */
export async function registerEhrContentScripts(options: ExtensionOptions): Promise<void> {
  const manifestMatches = (browser.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  const granted: string[] = [];
  for (const pattern of ehrMatchPatterns(options.ehrOrigins)) {
    if (coveredBy(manifestMatches, pattern)) continue;
    if (await browser.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length === 0) return;
  await browser.scripting.registerContentScripts([{ id: SCRIPT_ID, matches: granted, js: ['content-scripts/content.js'], runAt: 'document_idle', persistAcrossSessions: true }]);
}

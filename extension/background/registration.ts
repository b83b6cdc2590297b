import { browser } from '#imports';
import type { ExtensionOptions } from '../storage/options';
import { ehrMatchPatterns } from '../framing/matchPatterns';

const SCRIPT_ID = 'carer-prompts-ehr';

export { ehrMatchPatterns };

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

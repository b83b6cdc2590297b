/**
 * `scheme://host/*` match patterns for EHR origins (ports are matched by host in Chrome). Pure, so
 * the build (web_accessible_resources) and the background (content-script registration) share it.
 */
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

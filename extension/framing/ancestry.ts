/** Which pages may frame the panel: the trust's configured EHR origins, and loopback in the development build. */
export interface FramingPolicy {
  ehrOrigins: readonly string[];
  /** Development build only: the sandbox EHR on 127.0.0.1 / localhost, any port. */
  loopback: boolean;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * Whether the panel is framed directly by a top-level EHR page: exactly one ancestor (so no other
 * site's frame sits between it and the EHR page) and that ancestor a configured EHR origin.
 * `ancestorOrigins` comes from the browser (`location.ancestorOrigins`), which no page can forge.
 *
 * @example framedByEhrPage(['https://ehr.example.nhs.uk'], { ehrOrigins: ['https://ehr.example.nhs.uk'], loopback: false }) // true
 */
export function framedByEhrPage(ancestorOrigins: readonly string[], policy: FramingPolicy): boolean {
  if (ancestorOrigins.length !== 1) return false;
  const parent = originParts(ancestorOrigins[0] ?? '');
  if (!parent) return false;
  if (policy.loopback && parent.protocol === 'http:' && LOOPBACK_HOSTS.has(parent.hostname)) return true;
  return policy.ehrOrigins.some((configured) => originParts(configured)?.origin === parent.origin);
}

function originParts(text: string): { origin: string; protocol: string; hostname: string } | undefined {
  try {
    const url = new URL(text);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return { origin: `${url.protocol}//${url.host}`, protocol: url.protocol, hostname: url.hostname };
  } catch {
    return undefined;
  }
}

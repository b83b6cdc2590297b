/** The parts of `runtime.MessageSender` the checks read (so tests pass plain objects). */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/**
 * A content script of this extension: our id, in a tab's top frame. Anything else (other
 * extensions, frames we did not inject) is ignored.
 */
export function isOwnContentScript(sender: SenderLike, extensionId: string, extensionOrigin: string): sender is SenderLike & { tab: { id: number } } {
  return sender.id === extensionId && typeof sender.tab?.id === 'number' && sender.frameId === 0 && !(sender.url ?? '').startsWith(extensionOrigin);
}

/** The panel page of this extension, framed in a tab (a sub-frame: never the tab's top document). */
export function isOwnPanel(sender: SenderLike, extensionId: string, extensionOrigin: string): sender is SenderLike & { tab: { id: number } } {
  if (sender.id !== extensionId || typeof sender.tab?.id !== 'number' || !sender.url) return false;
  if (typeof sender.frameId !== 'number' || sender.frameId <= 0) return false;
  try {
    const url = new URL(sender.url);
    // protocol + host rather than URL.origin, which is "null" for chrome-extension: outside Chrome.
    return `${url.protocol}//${url.host}` === extensionOrigin && url.pathname === '/panel.html';
  } catch {
    return false;
  }
}

/** The options page of this extension (opened in its own tab or embedded in chrome://extensions). */
export function isOwnOptionsPage(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || !sender.url) return false;
  try {
    const url = new URL(sender.url);
    return `${url.protocol}//${url.host}` === extensionOrigin && url.pathname === '/options.html';
  } catch {
    return false;
  }
}

/** `scheme://host[:port]` of a sender's URL (protocol + host: URL.origin is "null" for some schemes outside Chrome). */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

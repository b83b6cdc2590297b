import { buildExtension } from './extensionBuild';

/** Builds the extension once for the whole e2e run; each file loads it into its own Chromium. */
export default function setup(): void {
  buildExtension();
}

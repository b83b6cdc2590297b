import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** The e2e suite builds into its own folder, so `npm start` (which builds .output/) can run beside it. */
export const E2E_OUT_DIR = join(ROOT, '.output', 'e2e');
/** The development build: loopback origins declared up front, so no permission prompt in tests. */
export const EXTENSION_DIR = join(E2E_OUT_DIR, 'chrome-mv3-dev');

/** Builds the development extension once (wxt build --mode development). */
export function buildExtension(outDir: string = E2E_OUT_DIR): string {
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build', '--mode', 'development'], {
    cwd: ROOT,
    env: { ...process.env, CARER_PROMPTS_OUT_DIR: outDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const dir = join(outDir, 'chrome-mv3-dev');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`wxt build did not produce ${dir}/manifest.json`);
  return dir;
}

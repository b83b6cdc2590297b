import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Chromium on Linux reads mandatory policy (every *.json file, merged). */
export const CHROMIUM_MANAGED_POLICY_DIR = '/etc/chromium/policies/managed';

/** The extension id Chromium gives a manifest `key` (SPKI, base64): sha256, first 32 hex digits as a–p. */
export function extensionIdOf(publicKeyBase64: string): string {
  const hex = createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * A copy of a built extension under a key made for this run alone, so the policy written for its
 * id reaches no other Chromium on this machine (other e2e runs load the development id).
 * Nothing else in the build changes.
 */
export function copyWithOwnId(extensionDir: string): { dir: string; id: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'carer-prompts-managed-'));
  const dir = join(root, 'extension');
  cpSync(extensionDir, dir, { recursive: true });
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, key }));
  return { dir, id: extensionIdOf(key), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * An enterprise policy file that sets this extension's managed storage and nothing else
 * (`3rdparty` → `extensions` → id), as Group Policy or a Linux admin would. Written whole and
 * renamed into place, so Chromium never reads half a file. `remove()` deletes it.
 */
export function managedPolicyFile(extensionId: string): { write(values: Record<string, unknown>): void; remove(): void } {
  mkdirSync(CHROMIUM_MANAGED_POLICY_DIR, { recursive: true });
  const path = join(CHROMIUM_MANAGED_POLICY_DIR, `carer-prompts-e2e-${extensionId}.json`);
  return {
    write(values) {
      // Staged beside the folder (same file system): Chromium reads every file inside it.
      const staging = join(CHROMIUM_MANAGED_POLICY_DIR, '..', `carer-prompts-e2e-${randomUUID()}.tmp`);
      writeFileSync(staging, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: values } } }));
      renameSync(staging, path);
    },
    remove: () => rmSync(path, { force: true }),
  };
}

/**
 * Files the audit writes that hold patient data, or sit beside it: created only by this process
 * (exclusive create, `wx`), readable by this user only (0600), in folders only this user can enter
 * (0700). A name planted in advance — a symlink to the user's own files, or a file another user can
 * read — is never written through: exclusive create refuses any existing path, a symlink included,
 * and a rename replaces the link itself, never its target.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** A folder the audit will not write into; the message names the folder and why, nothing else. */
export class UnsafeFolderError extends Error {
  override readonly name = 'UnsafeFolderError';
}

const ownUid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * A folder the audit creates for itself (the kept export files): made 0700, and refused if the name
 * is a symlink or another user's folder; tightened to 0700 if it is ours but open to others.
 */
export async function ensurePrivateDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  const info = await lstat(path);
  if (info.isSymbolicLink() || !info.isDirectory()) throw new UnsafeFolderError(`${path} is not a plain folder (a symlink?); nothing was written into it`);
  const uid = ownUid();
  if (uid !== undefined && info.uid !== uid) throw new UnsafeFolderError(`${path} belongs to another user; nothing was written into it`);
  if ((info.mode & 0o077) !== 0) await chmod(path, PRIVATE_DIR_MODE);
}

/**
 * The folder the user named for the outputs (--out): created 0700 if it does not exist; an existing
 * one is used as it is (it may be a symlink the user chose, or a team's group folder) but must be
 * this user's and not writable by every user (/tmp), where anyone could plant or swap names.
 */
export async function ensureOutputDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true, mode: PRIVATE_DIR_MODE });
  const info = await stat(path);
  if (!info.isDirectory()) throw new UnsafeFolderError(`${path} is not a folder`);
  const uid = ownUid();
  if (uid !== undefined && info.uid !== uid) throw new UnsafeFolderError(`${path} belongs to another user; choose a folder of your own`);
  if ((info.mode & 0o002) !== 0) throw new UnsafeFolderError(`${path} can be written by every user; choose a folder of your own`);
}

/** Writes a whole file atomically: a new temporary file (exclusive, 0600) renamed over the target. */
export async function writePrivateFile(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, content, { encoding: 'utf8', flag: 'wx', mode: PRIVATE_FILE_MODE });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * A stream to a new file (exclusive, 0600). Whatever is at the name already — a `.part` left by an
 * interrupted run, or a planted symlink — is removed first (the link, never its target); if anything
 * is put back before the file is created, the create fails instead of following it.
 */
export async function createPrivateWriteStream(path: string): Promise<WriteStream> {
  await rm(path, { force: true });
  return createWriteStream(path, { flags: 'wx', mode: PRIVATE_FILE_MODE });
}

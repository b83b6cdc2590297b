import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ensurePrivateDir, writePrivateFile } from '../files/privateFiles';

/**
 * A small record of an export in progress, kept in the audit's --out directory so an interrupted
 * pull resumes without re-downloading finished files. It holds only the job's URLs and the names
 * of finished files — no patient data.
 *
 * The finished files' contents are kept beside it (`bulk-export-files/`, owner-only permissions)
 * because the audit needs their resources again when it resumes; they are deleted with the
 * checkpoint once the pull completes.
 */
const checkpointSchema = z.object({
  version: z.literal(1),
  kickOffUrl: z.string(),
  statusUrl: z.string(),
  transactionTime: z.string().optional(),
  finished: z.array(z.object({ url: z.string(), file: z.string() })),
});

export type BulkCheckpoint = z.infer<typeof checkpointSchema>;

const CHECKPOINT_FILE = 'bulk-export-checkpoint.json';
const FILES_DIR = 'bulk-export-files';

export class CheckpointStore {
  readonly filesDir: string;
  private readonly path: string;

  constructor(outDir: string) {
    this.path = join(outDir, CHECKPOINT_FILE);
    this.filesDir = join(outDir, FILES_DIR);
  }

  /** The saved checkpoint, or undefined when there is none or it cannot be read (then we start afresh). */
  async load(): Promise<BulkCheckpoint | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = checkpointSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Written to a new temporary file and renamed, so a crash mid-write never leaves a torn checkpoint. */
  async save(checkpoint: BulkCheckpoint): Promise<void> {
    await ensurePrivateDir(this.filesDir);
    await writePrivateFile(this.path, `${JSON.stringify(checkpoint, null, 2)}\n`);
  }

  /** Removes the checkpoint and every kept file: the export is done (or abandoned). */
  async clear(): Promise<void> {
    await rm(this.path, { force: true });
    await rm(this.filesDir, { recursive: true, force: true });
  }

  localFile(name: string): string {
    return join(this.filesDir, name);
  }
}

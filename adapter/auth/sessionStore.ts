/**
 * Where a sign-in's state lives between calls. The extension backs it with `storage.session`
 * (memory only, cleared with the browser, not readable by content scripts); tests and the CLI use
 * memory. What is read back is parsed, so a corrupt or old value means "not signed in", never a crash.
 */
import { z } from 'zod';

export const StoredSessionSchema = z.object({
  /** An authorization request awaiting its answer: state and PKCE verifier, used once. */
  pending: z.object({ state: z.string(), verifier: z.string(), startedAt: z.number() }).optional(),
  tokens: z
    .object({
      accessToken: z.string(),
      /** Epoch milliseconds. */
      expiresAt: z.number(),
      /** The scopes actually granted. */
      scope: z.string(),
      refreshToken: z.string().optional(),
      fhirUser: z.string().optional(),
      patient: z.string().optional(),
    })
    .optional(),
});

export type StoredSession = z.infer<typeof StoredSessionSchema>;
export type StoredTokens = NonNullable<StoredSession['tokens']>;

export interface SessionStore {
  read(): Promise<unknown>;
  write(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

export async function readSession(store: SessionStore): Promise<StoredSession> {
  const parsed = StoredSessionSchema.safeParse(await store.read());
  return parsed.success ? parsed.data : {};
}

export function memorySessionStore(): SessionStore {
  let value: StoredSession | undefined;
  return {
    read: async () => (value === undefined ? undefined : structuredClone(value)),
    write: async (session) => {
      value = structuredClone(session);
    },
    clear: async () => {
      value = undefined;
    },
  };
}

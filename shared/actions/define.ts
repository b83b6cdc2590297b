/**
 * What a write action is, declared once (refined-github's one-file-per-feature, applied to writes):
 * the message the panel sends (its zod input), the FHIR interaction it makes, the SMART scopes it
 * needs, whether a Provenance goes with it, and the prompts it closes. The registry (./index.ts)
 * lists every action; the message schema, the capability and scope gating and the panel's form
 * lookup are derived from it, so an action is named in one place.
 */
import type * as z from 'zod/mini';
import type { PromptCode } from '../domain/types';

/** SMART v2 permission letters an action needs on a resource type (create, read, update, search). */
export type ScopePermission = 'c' | 'r' | 'u' | 's';

/** The resource types Carer Prompts writes. */
export type WrittenType = 'RelatedPerson' | 'Consent' | 'Task' | 'List' | 'Communication';

export interface WriteActionDefinition<K extends string = string, S extends z.ZodMiniObject = z.ZodMiniObject> {
  kind: K;
  /** What the clinician does, as it reads after "You cannot …" ("record a consent decision"). */
  what: string;
  /** The one FHIR interaction it makes: turned off, with the server's reason, when the CapabilityStatement lacks it. */
  writes: { resourceType: WrittenType; interaction: 'create' | 'update' };
  /** Scopes it needs (conditional create searches, versioned update reads), besides reading the record. */
  needs: readonly (readonly [resourceType: string, permissions: readonly ScopePermission[]])[];
  /**
   * A Provenance goes with the change (so `Provenance.cs` is needed too where the server takes one).
   * The one place that decides it: adapter/actions/perform.ts passes it down to the send (H30).
   */
  audited: boolean;
  /** The prompts recording it closes (a conventions test ties each suggestion to its entry). */
  closes: readonly PromptCode[];
  /** The runtime message the panel sends for it, parsed where it arrives (the `kind` literal included). */
  input: S;
}

export function defineWriteAction<const K extends string, S extends z.ZodMiniObject>(definition: WriteActionDefinition<K, S> & { input: S }): WriteActionDefinition<K, S> {
  return definition;
}

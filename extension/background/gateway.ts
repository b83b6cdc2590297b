import type { CarerContext, PatientReference } from '../../shared/domain/types';
import type { PageIdentityMessage } from '../protocol/page';
import type { Action, Conflict } from '../protocol/messages';
import type { ReadyView } from '../protocol/view';

/** What the background needs from the FHIR side: read a patient's carers, write an action, say what is writable. */
export interface Gateway {
  /** Resolves the page's patient (FHIR id first, else NHS number) and reads their carer context. */
  readForPage(identity: PageIdentityMessage, signal: AbortSignal): Promise<CarerContext>;
  /** Re-reads a known patient (after a write). */
  read(patient: PatientReference, signal: AbortSignal): Promise<CarerContext>;
  /**
   * Performs one write for the patient it is bound to, and returns the patient's record as re-read
   * after it (undefined when the write was saved but the re-read failed). Throws GatewayError.
   * `requestId` (a UUID) makes a create idempotent: the same id sent again never makes a second record.
   */
  write(patient: PatientReference, action: Action, signal: AbortSignal, requestId: string): Promise<CarerContext | undefined>;
  /** Which actions the server allows (from its CapabilityStatement). */
  writes(signal: AbortSignal): Promise<ReadyView['writes']>;
}

/** A failure in terms the panel shows: a sentence to act on, and for conflicts the newer version. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  constructor(
    /** `sign-in`: the SMART session ended; the panel offers "Sign in again" and keeps the draft. */
    readonly kind: 'conflict' | 'not-found' | 'unavailable' | 'aborted' | 'failed' | 'sign-in',
    readonly userMessage: string,
    readonly conflict?: Conflict,
    options?: ErrorOptions,
  ) {
    super(`${kind}: ${userMessage}`, options);
  }
}

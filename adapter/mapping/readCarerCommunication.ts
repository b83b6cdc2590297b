/**
 * Communication in the project's carer-action CodeSystem (docs/actions.md "Carers heard, enquiries
 * and disclosures") → what passed between a carer and the service: the carer heard, an enquiry from
 * them, an answer (`inResponseTo` the enquiry), general information given, a disclosure without
 * consent. Only a completed Communication counts (anything else has not happened, or was a mistake);
 * one with a modifier extension is not read at all (its meaning may be reversed).
 *
 * A disclosure without consent is read here and nowhere else: it is never a Consent, and the decision
 * in force (shared/consent/decisionInForce.ts) never sees it.
 */
import type { DisclosureBasisKind } from '../../shared/domain/types';
import {
  CARER_COMMUNICATION_CODES,
  carerActionCodeSystemUrl,
  DISCLOSURE_BASES,
  disclosureBasisCodeSystemUrl,
  PATIENT_TOLD,
  patientToldExtensionUrl,
  type CarerCommunicationCode,
  type PatientTold,
} from '../../shared/terminology';
import { CommunicationSchema } from '../fhir/schemas';
import { extensionsOf } from './extensions';
import { hasModifierExtension } from './modifierExtensions';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface CarerCommunicationRead {
  communication: `Communication/${string}`;
  kind: CarerCommunicationCode;
  /** The carer it came from or went to. */
  carerRef: string;
  /** The Patient it is about (Communication.subject), when named. */
  patient?: string;
  /** When it came (received) or was given (sent). */
  on: string;
  /** The Communication it answers. */
  inResponseTo?: string;
  basis?: DisclosureBasisKind;
  patientTold?: PatientTold;
}

export interface ReadCarerCommunicationOptions {
  extensionBase: string;
  aliases?: ReadonlyMap<string, string>;
}

/** The carer-communication code of a raw Communication at the configured base (cheap, never throws). */
export function carerCommunicationOf(raw: unknown, extensionBase: string): CarerCommunicationCode | undefined {
  const system = carerActionCodeSystemUrl(extensionBase);
  const categories = typeof raw === 'object' && raw !== null ? (raw as { category?: unknown }).category : undefined;
  if (!Array.isArray(categories)) return undefined;
  for (const category of categories as unknown[]) {
    const codings = typeof category === 'object' && category !== null ? (category as { coding?: unknown }).coding : undefined;
    if (!Array.isArray(codings)) continue;
    for (const coding of codings as unknown[]) {
      if (typeof coding !== 'object' || coding === null) continue;
      const { system: s, code: c } = coding as { system?: unknown; code?: unknown };
      if (s !== system) continue;
      const found = (Object.keys(CARER_COMMUNICATION_CODES) as CarerCommunicationCode[]).find((k) => CARER_COMMUNICATION_CODES[k].code === c);
      if (found) return found;
    }
  }
  return undefined;
}

const FROM_CARER: ReadonlySet<CarerCommunicationCode> = new Set<CarerCommunicationCode>(['carer-heard', 'carer-enquiry']);

export function readCarerCommunication(raw: unknown, options: ReadCarerCommunicationOptions): CarerCommunicationRead | ReadWarning {
  const parsed = parseResource(CommunicationSchema, raw, 'Communication', ['note', 'topic', 'reasonCode']);
  if (!parsed.ok) return { warning: parsed.warning };
  const communication = parsed.value;
  const ref = `Communication/${communication.id}` as const;
  const kind = carerCommunicationOf(communication, options.extensionBase);
  if (!kind) return ignored(`${ref} is not about a carer`);
  if (communication.status !== 'completed') return ignored(`${ref} has status ${communication.status} and is ignored`);
  if (hasModifierExtension(raw)) return { warning: `${ref} has a modifier extension Carer Prompts does not understand, so it is not read — check in the EHR` };
  const fromCarer = FROM_CARER.has(kind);
  const carerRef = fromCarer
    ? resolveReference(communication.sender, 'RelatedPerson', options.aliases)
    : (communication.recipient ?? []).map((r) => resolveReference(r, 'RelatedPerson', options.aliases)).find((r) => r !== undefined);
  if (!carerRef) return { warning: `${ref} records a carer communication but names no RelatedPerson as ${fromCarer ? 'sender' : 'recipient'}` };
  const on = fromCarer ? (communication.received ?? communication.sent) : (communication.sent ?? communication.received);
  if (!on) return { warning: `${ref} records a carer communication with no date` };
  const read: CarerCommunicationRead = { communication: ref, kind, carerRef, on };
  const patient = resolveReference(communication.subject, 'Patient', options.aliases);
  if (patient) read.patient = patient;
  const answered = (communication.inResponseTo ?? []).map((r) => resolveReference(r, 'Communication', options.aliases)).find((r) => r !== undefined);
  if (answered) read.inResponseTo = answered;
  if (kind === 'disclosure-without-consent') {
    const basisSystem = disclosureBasisCodeSystemUrl(options.extensionBase);
    const basis = (communication.reasonCode ?? [])
      .flatMap((c) => c.coding ?? [])
      .filter((c) => c.system === basisSystem)
      .map((c) => (Object.keys(DISCLOSURE_BASES) as DisclosureBasisKind[]).find((k) => DISCLOSURE_BASES[k].code === c.code))
      .find((k) => k !== undefined);
    const toldUrl = patientToldExtensionUrl(options.extensionBase);
    const told = extensionsOf((raw as { extension?: unknown }).extension).find((e) => e.url === toldUrl)?.valueCode;
    if (basis === undefined) return { warning: `${ref} records a disclosure without consent with no basis Carer Prompts can read` };
    read.basis = basis;
    // Not saying whether the patient was told is read as "to be told": the conversation is still owed.
    read.patientTold = typeof told === 'string' && (PATIENT_TOLD as readonly string[]).includes(told) ? (told as PatientTold) : 'to-be-told';
  }
  return read;
}

/**
 * A patient's carer Communications (./readCarerCommunication.ts) → what each carer's record says:
 * when they were last heard, their enquiries with when each was answered (the first answer
 * `inResponseTo` it), and disclosures made to them without consent. Only Communications about this
 * patient (subject) and one of their related persons count; an answer to an enquiry that is not
 * theirs answers nothing.
 */
import { compareDates, toCalendarDate } from '../../shared/domain/dates';
import type { Carer, CarerEnquiry, DisclosureWithoutConsent } from '../../shared/domain/types';
import type { RawResource } from '../fhir/rawStore';
import { readCarerCommunication, type CarerCommunicationRead } from './readCarerCommunication';
import { compareRecency } from './recency';

export interface CarerCommunications {
  byCarer: Map<string, Pick<Carer, 'heardOn' | 'enquiries' | 'disclosures'>>;
  warnings: string[];
}

export function readCarerCommunications(
  resources: readonly RawResource[],
  options: { patientRef: string; carerRefs: ReadonlySet<string>; extensionBase: string; aliases: ReadonlyMap<string, string>; timeZone: string },
): CarerCommunications {
  const warnings: string[] = [];
  const reads: CarerCommunicationRead[] = [];
  for (const resource of resources) {
    const read = readCarerCommunication(resource, { extensionBase: options.extensionBase, aliases: options.aliases });
    if ('warning' in read) {
      if (!read.ignored && aboutThisPatient(resource, options.patientRef)) warnings.push(read.warning);
      continue;
    }
    if (read.patient !== options.patientRef || !options.carerRefs.has(read.carerRef)) continue;
    reads.push(read);
  }
  const byCarer: CarerCommunications['byCarer'] = new Map();
  const entry = (carer: string) => {
    const found = byCarer.get(carer) ?? {};
    byCarer.set(carer, found);
    return found;
  };
  const answers = reads.filter((r) => r.kind === 'carer-enquiry-answer' && r.inResponseTo !== undefined);
  for (const read of reads) {
    const carer = entry(read.carerRef);
    if (read.kind === 'carer-heard' && (carer.heardOn === undefined || compareRecency({ primary: read.on }, { primary: carer.heardOn }) > 0)) carer.heardOn = read.on;
    if (read.kind === 'carer-enquiry') {
      const enquiry: CarerEnquiry = { communication: read.communication, receivedOn: read.on };
      const answer = answers
        .filter((a) => a.inResponseTo === read.communication && a.carerRef === read.carerRef)
        .sort((a, b) => compareRecency({ primary: a.on }, { primary: b.on }))[0];
      if (answer) {
        enquiry.answeredOn = answer.on;
        enquiry.answer = answer.communication;
      }
      (carer.enquiries ??= []).push(enquiry);
    }
    if (read.kind === 'disclosure-without-consent' && read.basis !== undefined && read.patientTold !== undefined) {
      const disclosure: DisclosureWithoutConsent = { communication: read.communication, on: read.on, basis: read.basis, patientTold: read.patientTold };
      (carer.disclosures ??= []).push(disclosure);
    }
  }
  for (const carer of byCarer.values()) {
    carer.enquiries?.sort((a, b) => byDate(a.receivedOn, b.receivedOn, options.timeZone));
    carer.disclosures?.sort((a, b) => byDate(a.on, b.on, options.timeZone));
  }
  for (const [key, value] of byCarer) if (Object.keys(value).length === 0) byCarer.delete(key);
  return { byCarer, warnings };
}

function byDate(a: string, b: string, timeZone: string): number {
  const x = toCalendarDate(a, timeZone);
  const y = toCalendarDate(b, timeZone);
  if (x === undefined || y === undefined) return 0;
  return compareDates(x, y);
}

function aboutThisPatient(resource: RawResource, patientRef: string): boolean {
  const subject = resource.subject;
  const reference = typeof subject === 'object' && subject !== null ? (subject as { reference?: unknown }).reference : undefined;
  return reference === undefined || reference === patientRef;
}

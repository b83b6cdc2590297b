/**
 * Conventions as code (one meaning, one place): the registry's `audited` (shared/actions) is the one
 * place that says a write carries a Provenance. Every action is performed as the panel performs it
 * (adapter/actions/perform.ts) against a server that takes transactions: an audited action leaves
 * exactly one Provenance naming what it wrote and who recorded it, any other action none. A new
 * action fails to compile here until it has its example.
 */
import { describe, expect, it } from 'vitest';
import { performWrite } from '../../adapter/actions/perform';
import { grantedCapabilities } from '../../adapter/auth/grantedCapabilities';
import { createFhirAdapter, type FhirAdapter } from '../../adapter/client';
import { WRITE_ACTION_LIST, type WriteInputOf, type WriteKind } from '../../shared/actions/index';
import type { ContactKey } from '../../shared/domain/types';
import { useFhirServer } from '../adapter/support/mswServer';
import { performContext } from '../adapter/support/performContext';
import { alexRecord, asStored, PatientAlex } from '../adapter/support/personas';
import { EXTENSION_CLIENT_SCOPES } from '../../sandbox/auth/sandboxAuth';

const net = useFhirServer();
const NOW = new Date('2026-11-23T10:15:00Z');
const recorder = { reference: 'Practitioner/dr-okafor', display: 'Dr Okafor' } as const;
const PatientAlexWithMother = { ...PatientAlex, contact: [{ relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'MTH' }] }], name: { given: ['Mary'], family: 'Rivers' } }] };

/** What the panel would send for each action on Alex's record (the carer Grace, her consent and assessment offer). */
const EXAMPLES: { [K in WriteKind]: (contact: ContactKey) => WriteInputOf<K> } = {
  'add-carer': () => ({ kind: 'add-carer', name: 'Ruth Rivers' }),
  'record-no-carers': () => ({ kind: 'record-no-carers' }),
  'mark-carer': () => ({ kind: 'mark-carer', carer: 'RelatedPerson/sam' }),
  'mark-not-carer': () => ({ kind: 'mark-not-carer', carer: 'RelatedPerson/sam' }),
  'answer-contact': (contact) => ({ kind: 'answer-contact', contact, isCarer: true }),
  'edit-carer': () => ({ kind: 'edit-carer', carer: 'RelatedPerson/grace', phone: '07700 900456' }),
  'record-consent': () => ({ kind: 'record-consent', carer: 'RelatedPerson/grace', decision: 'deny', mayShare: [], mayNotShare: [] }),
  'withdraw-consent': () => ({ kind: 'withdraw-consent', carer: 'RelatedPerson/grace', consent: 'Consent/consent-grace' }),
  'offer-assessment': () => ({ kind: 'offer-assessment', carer: 'RelatedPerson/grace' }),
  'record-assessment-outcome': () => ({ kind: 'record-assessment-outcome', carer: 'RelatedPerson/grace', task: 'Task/task-grace', outcome: 'accepted' }),
  'record-signposting': () => ({ kind: 'record-signposting', carer: 'RelatedPerson/grace', given: ['carers-centre'] }),
  'refer-young-carer': () => ({ kind: 'refer-young-carer', carer: 'RelatedPerson/grace', referredTo: "Northshire young carers' service" }),
  'defer-prompt': () => ({ kind: 'defer-prompt', code: 'offer-assessment', carer: 'RelatedPerson/grace', deferral: 'not-now', reason: 'patient-declined', days: 30 }),
  'end-deferral': () => ({ kind: 'end-deferral', task: 'Task/task-grace' }),
  'involve-carer-in-care-plan': () => ({ kind: 'involve-carer-in-care-plan', carer: 'RelatedPerson/grace', carePlan: 'CarePlan/plan-alex' }),
  'record-contingency-plan': () => ({ kind: 'record-contingency-plan', carer: 'RelatedPerson/grace', plan: 'Her brother steps in.' }),
  'record-crisis-numbers': () => ({ kind: 'record-crisis-numbers', carer: 'RelatedPerson/grace', given: ['crisis-line'] }),
  'record-carer-heard': () => ({ kind: 'record-carer-heard', carer: 'RelatedPerson/grace', given: ['carers-centre'], noPersonalInformation: true }),
  'record-carer-enquiry': () => ({ kind: 'record-carer-enquiry', carer: 'RelatedPerson/grace', about: 'Visiting times' }),
  'answer-carer-enquiry': () => ({ kind: 'answer-carer-enquiry', carer: 'RelatedPerson/grace', enquiry: 'Communication/enquiry-grace' }),
  'record-disclosure': () => ({ kind: 'record-disclosure', carer: 'RelatedPerson/grace', basis: 'serious-harm', what: 'Risk of self-harm tonight', patientTold: 'to-be-told' }),
  'request-transition-assessment': () => ({ kind: 'request-transition-assessment', carer: 'RelatedPerson/grace', requestedFrom: 'Adult social care' }),
  'refer-carer-assessment': () => ({ kind: 'refer-carer-assessment', carer: 'RelatedPerson/grace', organisation: 'local-authority' }),
  'record-carer-sharing-consent': () => ({ kind: 'record-carer-sharing-consent', carer: 'RelatedPerson/grace', decision: 'permit', organisation: 'local-authority' }),
  'record-circumstances-changed': () => ({ kind: 'record-circumstances-changed', carer: 'RelatedPerson/grace', what: 'carer-illness' }),
  'record-discharge-involvement': () => ({ kind: 'record-discharge-involvement', carer: 'RelatedPerson/grace', episode: 'EpisodeOfCare/episode-alex', how: 'Discharge planning meeting', shared: 'general-information-only' }),
  'record-children-asked': () => ({ kind: 'record-children-asked', childHelps: false }),
};

async function contactOf(adapter: FhirAdapter): Promise<ContactKey> {
  const contact = (await adapter.readCarerContext('Patient/alex')).context.contacts?.[0]?.key;
  if (contact === undefined) throw new Error('Alex has no contact to answer for');
  return contact;
}

describe('a Provenance goes with a write exactly when its registry entry is audited', () => {
  it('has audited and unaudited actions to check (the registry scan itself works)', () => {
    expect(WRITE_ACTION_LIST.filter((a) => a.audited).length).toBeGreaterThan(0);
    expect(WRITE_ACTION_LIST.filter((a) => !a.audited).length).toBeGreaterThan(0);
  });

  it.each(WRITE_ACTION_LIST.map((a) => [a.kind, a.audited] as const))('%s (audited: %s)', async (kind, audited) => {
    const fhir = net.fhir({ alsoOffers: ['Communication'] }).seed(...asStored(PatientAlexWithMother), ...alexRecord().slice(1));
    let uuid = 0;
    const adapter = createFhirAdapter({ baseUrl: fhir.base, recorder, testing: { sleep: async () => undefined, clock: () => NOW, newUuid: () => `00000000-0000-4000-8000-${String(++uuid).padStart(12, '0')}` } });
    const input = (EXAMPLES[kind] as (contact: ContactKey) => WriteInputOf<WriteKind>)(await contactOf(adapter));
    const result = await performWrite(input, performContext(adapter, 'Patient/alex', '7d0c6a52-1b7e-4f4e-9a39-2f6f7b0e5c11', NOW));
    const provenances = fhir.all('Provenance');
    if (!audited) {
      expect(provenances).toEqual([]);
      return;
    }
    expect(provenances).toHaveLength(1);
    expect(provenances[0]).toMatchObject({ target: [{ reference: result.written.reference }], recorded: NOW.toISOString(), agent: [{ who: recorder }] });
  });
});

describe('the scopes asked for cover the Provenance of every audited action', () => {
  const audited = WRITE_ACTION_LIST.filter((a) => a.audited).map((a) => a.kind);

  it.each(audited)('%s is allowed by the scopes the sandbox registers for the extension, and needs Provenance create and search', (kind) => {
    expect(grantedCapabilities(EXTENSION_CLIENT_SCOPES.join(' ')).writes[kind]).toEqual({ allowed: true });
    const withoutProvenance = EXTENSION_CLIENT_SCOPES.filter((scope) => !scope.startsWith('user/Provenance.')).join(' ');
    expect(grantedCapabilities(withoutProvenance).writes[kind]).toMatchObject({ allowed: false, reason: expect.stringContaining('create Provenance, search Provenance') });
  });

  it('records a disclosure without consent among them (H30)', () => {
    expect(audited).toContain('record-disclosure');
  });
});

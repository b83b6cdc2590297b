import type { Communication, Consent, List, Patient, RelatedPerson, Resource, Task } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS, personaResources } from '../../sandbox/personas';
import type { Sandbox } from '../../sandbox/server';
import { startSandbox } from '../../sandbox/server';
import { isTestRangeNhsNumber, isValidNhsNumber } from '../../shared/nhsNumber';
import { PROMPT_CODES } from '../../shared/domain/types';
import { addDays, compareDates, today as todayIn } from '../../shared/domain/dates';
import { DEFAULT_POLICY } from '../../shared/policy';
import { enquiryAnswerDue } from '../../shared/prompts/carer-enquiry-overdue';
import { PAID_CAREGIVER_OCCUPATION, WRITE_CARER_ROLE, carerStatusExtensionUrl, consentBasisExtensionUrl, consentReviewDueExtensionUrl } from '../../shared/terminology';
import { validateR4 } from '../support/validateR4';
import { TEST_NOW, fhirFetch } from './support/fhirFetch';

const resources: Resource[] = [...personaResources(TEST_NOW)];
const today = TEST_NOW.toISOString().slice(0, 10);
const of = <T extends Resource>(type: T['resourceType'], patientId: string): T[] =>
  resources.filter((r): r is T => r.resourceType === type && JSON.stringify(r).includes(`"Patient/${patientId}"`));
const carersOf = (patientId: string) => of<RelatedPerson>('RelatedPerson', patientId);
const isCarer = (rp: RelatedPerson) => (rp.relationship ?? []).some((c) => c.coding?.some((x) => x.code === WRITE_CARER_ROLE.code));
const consentsFor = (carerId: string) =>
  resources.filter((r): r is Consent => r.resourceType === 'Consent' && r.provision?.actor?.some((a) => a.reference?.reference === `RelatedPerson/${carerId}`) === true);
const taskFor = (carerId: string) => resources.find((r): r is Task => r.resourceType === 'Task' && r.for?.reference === `RelatedPerson/${carerId}`);
const ageOn = (birthDate: string) => Math.floor((TEST_NOW.getTime() - Date.parse(birthDate)) / (365.25 * 86_400_000));

describe('personas', () => {
  it('have stable demo- ids, valid test-range NHS numbers and documented situations', () => {
    for (const persona of Object.values(PERSONAS)) {
      expect(persona.patientId).toMatch(/^demo-[a-z-]+$/);
      expect(isValidNhsNumber(persona.nhsNumber)).toBe(true);
      expect(isTestRangeNhsNumber(persona.nhsNumber)).toBe(true);
      expect(persona.situation.length).toBeGreaterThan(20);
      for (const code of persona.expectedPrompts) expect(PROMPT_CODES).toContain(code);
      expect(carersOf(persona.patientId).map((rp) => rp.id)).toEqual(persona.relatedPersonIds);
    }
  });

  it('are valid FHIR R4', () => {
    expect(resources.flatMap((r) => validateR4(r).map((i) => `${r.resourceType}/${r.id}: ${i}`))).toEqual([]);
  });

  it('Amira Khan: a daughter carer with no consent decision and no assessment offer', () => {
    const [daughter] = carersOf(PERSONAS.amiraKhan.patientId);
    expect(daughter && isCarer(daughter)).toBe(true);
    expect(daughter?.relationship?.flatMap((c) => c.coding ?? []).map((c) => c.code)).toContain('DAU');
    expect(consentsFor(daughter?.id ?? '')).toEqual([]);
    expect(taskFor(daughter?.id ?? '')).toBeUndefined();
  });

  it('George Wilson: no related person and no "asked: no carers" List (never asked)', () => {
    expect(carersOf(PERSONAS.georgeWilson.patientId)).toEqual([]);
    expect(of<List>('List', PERSONAS.georgeWilson.patientId)).toEqual([]);
  });

  it('Fatima Begum: a dated, empty "asked: no carers" List with emptyReason nilknown', () => {
    const [list] = of<List>('List', PERSONAS.fatimaBegum.patientId);
    expect(list?.entry).toBeUndefined();
    expect(list?.emptyReason?.coding?.[0]?.code).toBe('nilknown');
    expect(list?.date && list.date < today).toBe(true);
  });

  it('Daniel Okafor: his carer is his 14-year-old son', () => {
    const [son] = carersOf(PERSONAS.danielOkafor.patientId);
    expect(ageOn(son?.birthDate ?? '')).toBe(14);
    expect(son && isCarer(son)).toBe(true);
  });

  it('Helen Price: partial consent — a permit with nested deny provisions', () => {
    const [consent] = consentsFor(PERSONAS.helenPrice.relatedPersonIds[0] ?? '');
    expect(consent?.provision?.type).toBe('permit');
    expect(consent?.provision?.provision?.map((p) => p.type)).toEqual(['deny', 'deny']);
  });

  it('Rajesh Patel: withdrawn consent (status inactive)', () => {
    expect(consentsFor(PERSONAS.rajeshPatel.relatedPersonIds[0] ?? '').map((c) => c.status)).toEqual(['inactive']);
  });

  it('Margaret Evans: an active consent whose review date has passed (the review-due extension; its validity is open)', () => {
    const [consent] = consentsFor(PERSONAS.margaretEvans.relatedPersonIds[0] ?? '');
    expect(consent?.status).toBe('active');
    expect(reviewDueOf(consent) < today).toBe(true);
    expect(consent?.provision?.period).toBeUndefined();
  });

  it('Lucy Brennan: an assessment offered more than 28 days ago with no answer', () => {
    const task = taskFor(PERSONAS.lucyBrennan.relatedPersonIds[0] ?? '');
    expect(task?.status).toBe('requested');
    expect(ageInDays(task?.authoredOn)).toBeGreaterThan(28);
  });

  it('Thomas Reid: an assessment completed more than 12 months ago', () => {
    const task = taskFor(PERSONAS.thomasReid.relatedPersonIds[0] ?? '');
    expect(task?.status).toBe('completed');
    expect(ageInDays(task?.executionPeriod?.end)).toBeGreaterThan(365);
  });

  it('Olivia Nowak: a next-of-kin contact not marked carer or not-carer', () => {
    const [father] = carersOf(PERSONAS.oliviaNowak.patientId);
    expect(father && isCarer(father)).toBe(false);
    expect(father?.extension).toBeUndefined();
    expect(father?.relationship?.flatMap((c) => c.coding ?? []).map((c) => c.code)).toContain('N');
  });

  it('Samuel Adeyemi: a Consent naming no carer and a carer with no contact details', () => {
    const orphan = of<Consent>('Consent', PERSONAS.samuelAdeyemi.patientId).filter((c) => !c.provision?.actor);
    expect(orphan).toHaveLength(1);
    const [partner] = carersOf(PERSONAS.samuelAdeyemi.patientId);
    expect(partner?.telecom).toBeUndefined();
    expect(partner?.address).toBeUndefined();
  });

  it('Grace Taylor: a neighbour asked and confirmed not a carer (project extension)', () => {
    const neighbour = carersOf(PERSONAS.graceTaylor.patientId).find((rp) => rp.id === 'demo-grace-taylor-neighbour');
    const extension = neighbour?.extension?.find((e) => e.url === carerStatusExtensionUrl());
    expect(extension?.extension?.find((e) => e.url === 'isCarer')?.valueBoolean).toBe(false);
    expect(extension?.extension?.find((e) => e.url === 'askedOn')?.valueDateTime).toBeDefined();
  });

  it('Kwame Mensah: a deny consent and a declined assessment with its reason', () => {
    const carerId = PERSONAS.kwameMensah.relatedPersonIds[0] ?? '';
    expect(consentsFor(carerId)[0]?.provision?.type).toBe('deny');
    const task = taskFor(carerId);
    expect(task?.status).toBe('rejected');
    expect(task?.statusReason?.text).toBeTruthy();
  });
});

describe('personas for issue 8 (consent the clinician can trust)', () => {
  it('Chloe Fraser: one Consent permitting everyone, with a nested refusal naming her father', () => {
    const consents = of<Consent>('Consent', PERSONAS.chloeFraser.patientId);
    expect(consents).toHaveLength(1);
    expect(consents[0]?.provision?.type).toBe('permit');
    expect(consents[0]?.provision?.actor).toBeUndefined();
    expect(consents[0]?.provision?.provision).toEqual([expect.objectContaining({ type: 'deny', actor: [expect.objectContaining({ reference: { reference: 'RelatedPerson/demo-chloe-fraser-father' } })] })]);
  });

  it('Peter Hughes: a permit whose validity (provision.period.end) ended before today, though its review date has not come', () => {
    const [consent] = consentsFor(PERSONAS.peterHughes.relatedPersonIds[0] ?? '');
    expect((consent?.provision?.period?.end ?? '9999') < today).toBe(true);
    expect(reviewDueOf(consent) > today).toBe(true);
  });

  it('Priya Sharma: a timed permit and a date-only deny for her sister on the same day', () => {
    const consents = consentsFor(PERSONAS.priyaSharma.relatedPersonIds[0] ?? '');
    expect(consents.map((c) => c.provision?.type).sort()).toEqual(['deny', 'permit']);
    expect(new Set(consents.map((c) => c.dateTime?.slice(0, 10))).size).toBe(1);
    expect(consents.map((c) => c.dateTime?.length).sort()).toEqual([10, 20]);
  });

  it('Edith Clarke: a permit decided by her daughter, who holds a lasting power of attorney (performer + basis lpa)', () => {
    const [consent] = consentsFor('demo-edith-clarke-husband');
    expect(consent?.performer?.map((p) => p.reference)).toEqual(['RelatedPerson/demo-edith-clarke-daughter']);
    expect(consent?.extension?.find((e) => e.url === consentBasisExtensionUrl())?.valueCode).toBe('lpa');
    expect(carersOf(PERSONAS.edithClarke.patientId).find((rp) => rp.id === 'demo-edith-clarke-daughter')?.patient?.reference).toBe(`Patient/${PERSONAS.edithClarke.patientId}`);
  });

  it('Alan Brooks: unable to decide at present — proposed, basis lacks-capacity, ask again on a future date, no performer', () => {
    const [consent] = consentsFor(PERSONAS.alanBrooks.relatedPersonIds[0] ?? '');
    expect(consent?.status).toBe('proposed');
    expect(consent?.extension?.find((e) => e.url === consentBasisExtensionUrl())?.valueCode).toBe('lacks-capacity');
    expect(reviewDueOf(consent) > today).toBe(true);
    expect(consent?.performer).toBeUndefined();
    expect(consent?.provision?.type).toBeUndefined();
  });

  it('Harold Baker: died before today, with his wife recorded as his carer', () => {
    const patient = resources.find((r): r is Patient => r.resourceType === 'Patient' && r.id === PERSONAS.haroldBaker.patientId);
    expect((patient?.deceasedDateTime ?? '9999') < today).toBe(true);
    expect(carersOf(PERSONAS.haroldBaker.patientId).filter(isCarer)).toHaveLength(1);
  });

  it('Joan Murphy: a care worker coded only as the paid-carer occupation (SNOMED 229774002)', () => {
    const worker = carersOf(PERSONAS.joanMurphy.patientId).find((rp) => rp.id === 'demo-joan-murphy-care-worker');
    expect(worker?.relationship?.flatMap((c) => c.coding ?? []).map((c) => c.code)).toEqual([PAID_CAREGIVER_OCCUPATION.code]);
  });

  it('Brian Walsh: his wife recorded twice with the same name and relationship', () => {
    const [first, second] = carersOf(PERSONAS.brianWalsh.patientId);
    expect(first?.name).toEqual(second?.name);
    expect(first?.relationship).toEqual(second?.relationship);
    expect(first?.id).not.toBe(second?.id);
  });
});

describe('persona enquiries whatever the day the sandbox starts', () => {
  // The panel and the e2e tests run the sandbox on today's date: an enquiry documented as overdue must
  // stay overdue when bank holidays (Christmas and New Year, Easter) fall in its working days.
  it('keeps every unanswered enquiry overdue on each day from December to April', () => {
    for (let day = '2026-12-01'; compareDates(day, '2027-04-30') <= 0; day = addDays(day, 1)) {
      const now = new Date(`${day}T12:00:00Z`);
      const communications = [...personaResources(now)].filter((r): r is Communication & { id: string } => r.resourceType === 'Communication');
      const answered = new Set(communications.flatMap((c) => (c.inResponseTo ?? []).map((r) => r.reference)));
      const unanswered = communications.filter((c) => c.category?.some((k) => k.coding?.some((x) => x.code === 'carer-enquiry')) && !answered.has(`Communication/${c.id}`));
      expect(unanswered.length, day).toBeGreaterThan(0);
      for (const enquiry of unanswered) expect(compareDates(todayIn(now, DEFAULT_POLICY.timeZone), enquiryAnswerDue(enquiry.received ?? '', DEFAULT_POLICY) ?? '9999-12-31'), `${enquiry.id} on ${day}`).toBeGreaterThan(0);
    }
  });
});

/** The review date (the review-due extension), which must be there. */
function reviewDueOf(consent: Consent | undefined): string {
  const due = consent?.extension?.find((e) => e.url === consentReviewDueExtensionUrl())?.valueDate;
  expect(due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  return due ?? '';
}

function ageInDays(date: string | undefined): number {
  return (TEST_NOW.getTime() - Date.parse(date ?? '')) / 86_400_000;
}

describe('markup in names is stored and served verbatim, as text', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, patients: 0, now: TEST_NOW });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it('returns the given name exactly as recorded, markup included', async () => {
    const reply = await fhirFetch<Patient>(`${sandbox.fhirBase}/Patient/${PERSONAS.markupName.patientId}`);
    expect(reply.body?.name?.[0]?.given?.[0]).toBe('<img src=x onerror=alert(1)>');
    expect(reply.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
  });
});

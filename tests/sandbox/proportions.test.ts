import type { Consent, List, Patient, RelatedPerson, Resource, Task } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { generateCaseload } from '../../sandbox/generate/caseload';
import { PROPORTIONS } from '../../sandbox/generate/proportions';
import { READ_CARER_ROLES, SYSTEM, codingMatches } from '../../shared/terminology';
import { TEST_NOW } from './support/fhirFetch';

/** Re-derives each patient's and carer's state from the resources alone, as a reader would. */
function measure(resources: Resource[]) {
  const patients = resources.filter((r): r is Patient => r.resourceType === 'Patient');
  const related = resources.filter((r): r is RelatedPerson => r.resourceType === 'RelatedPerson');
  const consents = resources.filter((r): r is Consent => r.resourceType === 'Consent');
  const tasks = resources.filter((r): r is Task => r.resourceType === 'Task');
  const lists = resources.filter((r): r is List => r.resourceType === 'List');
  const isCarer = (rp: RelatedPerson) => (rp.relationship ?? []).some((c) => (c.coding ?? []).some((coding) => codingMatches(coding, READ_CARER_ROLES)));
  const carers = related.filter(isCarer);
  const carersOf = new Map<string, RelatedPerson[]>();
  for (const c of carers) carersOf.set(c.patient.reference ?? '', [...(carersOf.get(c.patient.reference ?? '') ?? []), c]);
  const asked = new Set(lists.map((l) => l.subject?.reference));

  const share = (n: number, of: number) => n / of;
  const withCarers = patients.filter((p) => carersOf.has(`Patient/${p.id}`));
  const askedNone = patients.filter((p) => !carersOf.has(`Patient/${p.id}`) && asked.has(`Patient/${p.id}`));
  const neverAsked = patients.filter((p) => !carersOf.has(`Patient/${p.id}`) && !asked.has(`Patient/${p.id}`));

  const decisionOf = (carer: RelatedPerson): string => {
    const latest = consents
      .filter((c) => c.provision?.actor?.some((a) => a.reference?.reference === `RelatedPerson/${carer.id}`))
      .sort((a, b) => (b.dateTime ?? '').localeCompare(a.dateTime ?? ''))[0];
    if (!latest) return 'none';
    if (latest.status === 'inactive') return 'withdrawn';
    if (latest.provision?.provision?.length) return 'partial';
    return latest.provision?.type ?? 'unknown';
  };
  const yearAgo = new Date(TEST_NOW.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
  const assessmentOf = (carer: RelatedPerson): string => {
    const task = tasks.find((t) => t.for?.reference === `RelatedPerson/${carer.id}`);
    if (!task) return 'notOffered';
    if (task.status === 'completed') return (task.executionPeriod?.end ?? '') < yearAgo ? 'completedReviewDue' : 'completed';
    return task.status;
  };
  const count = <T,>(items: T[], key: (t: T) => string) => {
    const out: Record<string, number> = {};
    for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
    return out;
  };
  const decisions = count(carers, decisionOf);
  const assessments = count(carers, assessmentOf);
  const age = (birthDate: string) => (TEST_NOW.getTime() - Date.parse(birthDate)) / (365.25 * 86_400_000);
  return {
    patients: patients.length,
    carers: carers.length,
    identified: share(withCarers.length, patients.length),
    askedNoCarers: share(askedNone.length, patients.length),
    neverAsked: share(neverAsked.length, patients.length),
    decision: (k: string) => share(decisions[k] ?? 0, carers.length),
    assessment: (k: string) => share(assessments[k] ?? 0, carers.length),
    youngCarers: carers.filter((c) => c.birthDate && age(c.birthDate) < 18).length,
    missingDetails: share(carers.filter((c) => !c.telecom?.length && !c.address?.length).length, carers.length),
    unmarkedContacts:
      related.filter((r) => !isCarer(r) && !r.extension?.length && r.relationship?.some((c) => c.coding?.some((x) => x.system === SYSTEM.v2ContactRole))).length +
      patients.reduce((n, p) => n + (p.contact?.length ?? 0), 0),
    nextOfKinOnlyInPatientContact: patients.filter((p) => p.contact?.some((c) => c.relationship?.some((r) => r.coding?.some((x) => x.system === SYSTEM.v2ContactRole && x.code === 'N')))).length,
  };
}

describe('caseload proportions (4,000 generated patients)', () => {
  const m = measure([...generateCaseload({ patients: 4000, seed: 2024, now: TEST_NOW, personas: false })]);
  const near = (actual: number, target: number, tolerance = 0.03) => expect(Math.abs(actual - target), `${actual} vs ${target}`).toBeLessThanOrEqual(tolerance);

  it('identifies carers for about 45 % of patients, has "asked: none" for 15 % and leaves 40 % never asked', () => {
    near(m.identified, PROPORTIONS.patient.carerIdentified);
    near(m.askedNoCarers, PROPORTIONS.patient.askedNoCarers);
    near(m.neverAsked, PROPORTIONS.patient.neverAsked);
  });

  it('records a consent decision for about 35 % of carers, in every kind', () => {
    near(m.decision('none'), PROPORTIONS.consent.none);
    near(m.decision('permit'), PROPORTIONS.consent.permit);
    near(m.decision('partial'), PROPORTIONS.consent.partial, 0.02);
    near(m.decision('deny'), PROPORTIONS.consent.deny, 0.02);
    near(m.decision('withdrawn'), PROPORTIONS.consent.withdrawn, 0.02);
  });

  it('offers most carers no assessment yet, and spreads the rest over every state', () => {
    near(m.assessment('notOffered'), PROPORTIONS.assessment.notOffered);
    near(m.assessment('requested'), PROPORTIONS.assessment.offeredRecently + PROPORTIONS.assessment.offeredNoAnswer);
    near(m.assessment('accepted'), PROPORTIONS.assessment.accepted, 0.02);
    near(m.assessment('rejected'), PROPORTIONS.assessment.declined, 0.02);
    near(m.assessment('completed'), PROPORTIONS.assessment.completed, 0.02);
    near(m.assessment('completedReviewDue'), PROPORTIONS.assessment.completedReviewDue, 0.02);
  });

  it('includes young carers, carers without contact details and contacts not yet asked about', () => {
    expect(m.youngCarers).toBeGreaterThan(20);
    near(m.missingDetails, PROPORTIONS.carerMissingDetails);
    expect(m.unmarkedContacts).toBeGreaterThan(0.1 * m.patients);
  });

  it('keeps some patients\' next of kin only in Patient.contact, as many EHRs do (issue 14)', () => {
    expect(m.nextOfKinOnlyInPatientContact).toBeGreaterThan(0.05 * m.patients);
  });
});

/**
 * Issue 11: "`carers explain` on a record with a completed referral Task shows no 'not offered'
 * prompt" — and the carer's own consent to share their assessment is never read as the patient's.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCarerReferral, buildCarerSharingConsent } from '../../adapter/writes/build';
import { CarerGrace, ConsentGracePermit, EXTENSION_BASE, EpisodeAlex, PatientAlex } from '../fixtures/fhir/personas';
import { bundleJson, explainFile } from './support/commands';

const NOW = '2026-11-23T12:00:00Z';
const ORG = { name: "The local carers' centre" };
const referral = { ...buildCarerReferral({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', organisation: ORG, on: '2026-07-01T10:00:00Z' }), id: 'grace-referral', status: 'completed' };
const own = { ...buildCarerSharingConsent({ patient: 'Patient/alex', carer: 'RelatedPerson/grace', decision: 'permit', organisation: ORG, referral: 'Task/grace-referral', on: '2026-07-01T10:05:00Z', extensionBase: EXTENSION_BASE }), id: 'grace-own' };
const record = [PatientAlex, EpisodeAlex, CarerGrace, ConsentGracePermit];

let dir: string;
const file = (name: string) => join(dir, name);
const explain = (name: string) => explainFile(file(name), NOW);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carers-referral-'));
  await writeFile(file('not-referred.json'), bundleJson(record));
  await writeFile(file('referred.json'), bundleJson([...record, referral]));
  await writeFile(file('referred-own-consent.json'), bundleJson([...record, referral, own]));
});

describe('carers explain: a referral for the statutory carer’s assessment (recommendation 3)', () => {
  it('says "not offered" for a carer with no offer and no referral (the record the next test changes)', async () => {
    expect((await explain('not-referred.json')).prompts.map((p) => p.code)).toContain('offer-assessment');
  });

  it('shows no "not offered" prompt when the record holds a completed referral Task', async () => {
    const codes = (await explain('referred.json')).prompts.map((p) => p.code);
    expect(codes).not.toContain('offer-assessment');
    expect(codes).not.toContain('follow-up-assessment-offer');
    expect(codes).toContain('carer-sharing-consent');
  });

  it("reads the carer's own consent as hers, not the patient's: no consent prompt appears because of it", async () => {
    const withOwn = await explain('referred-own-consent.json');
    const without = await explain('referred.json');
    const codes = withOwn.prompts.map((p) => p.code);
    for (const code of ['consent-without-carer', 'consent-cannot-interpret', 'carer-sharing-consent', 'offer-assessment']) expect(codes).not.toContain(code);
    expect(withOwn.carers.find((c) => c.reference === 'RelatedPerson/grace')?.consent).toEqual(without.carers.find((c) => c.reference === 'RelatedPerson/grace')?.consent);
  });
});

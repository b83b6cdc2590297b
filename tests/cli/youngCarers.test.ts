/**
 * Issue 11, commitment 6 (young carers), through the real `carers explain`: a carer who is the
 * patient's child with no birth date is asked for one; a carer aged 17 gets `young-carer-transition`;
 * the assessment cited follows ages.
 */
import { describe, expect, it } from 'vitest';
import { explainRecord } from './support/commands';

const NOW = '2026-11-23T12:00:00Z';
const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RoleCode';
const CARER = { system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-AdditionalPersonRelationshipRole', code: 'Carer' };

const patient = (birthDate = '1980-04-04') => ({ resourceType: 'Patient', id: 'nadia', birthDate, name: [{ family: 'Okoro', given: ['Nadia'] }] });
const child = (id: string, code: string, birthDate?: string) => ({
  resourceType: 'RelatedPerson',
  id,
  active: true,
  patient: { reference: 'Patient/nadia' },
  relationship: [{ coding: [CARER] }, { coding: [{ system: V3, code }] }],
  name: [{ family: 'Okoro', given: [id] }],
  telecom: [{ system: 'phone', value: '07700 900178' }],
  ...(birthDate ? { birthDate } : {}),
  period: { start: '2026-11-13' },
});

const explain = (resources: readonly unknown[]) => explainRecord(resources, NOW);

describe('carers explain: young carers', () => {
  it("asks for the date of birth of a carer who is the patient's child and has none", async () => {
    const report = await explain([patient(), child('Ama', 'DAUC')]);
    const prompt = report.prompts.find((p) => p.code === 'carer-missing-details');
    expect(prompt?.summary).toBe('Ama Okoro (Daughter): date of birth not recorded');
    expect(prompt?.carer).toBe('RelatedPerson/Ama');
  });

  it('does not ask once the date of birth is recorded', async () => {
    const report = await explain([patient(), child('Ama', 'DAUC', '1999-01-01')]);
    expect(report.prompts.filter((p) => p.code === 'carer-missing-details')).toEqual([]);
  });

  it('gives a carer aged 17 young-carer-transition (Care Act 2014 s.63)', async () => {
    const report = await explain([patient(), child('Kwame', 'SONC', '2009-06-01')]);
    const prompt = report.prompts.find((p) => p.code === 'young-carer-transition');
    expect(prompt?.summary).toBe("Kwame Okoro (Son) is 17 — ask the local authority for a young carer's transition assessment before 18");
    expect(prompt?.detail).toContain('Care Act 2014 s.63(1)');
  });

  it('does not give it on the carer’s 18th birthday, nor at 16', async () => {
    expect((await explain([patient(), child('Kwame', 'SONC', '2008-11-23')])).prompts.some((p) => p.code === 'young-carer-transition')).toBe(false);
    expect((await explain([patient(), child('Kwame', 'SONC', '2009-11-24')])).prompts.some((p) => p.code === 'young-carer-transition')).toBe(false);
  });

  it("cites a parent carer's needs assessment (Children Act 1989 s.17ZD) for the mother of a patient under 18, never Care Act s.10", async () => {
    const mother = { ...child('Grace', 'MTH', '1985-02-02') };
    const report = await explain([patient('2012-05-05'), mother]);
    const offer = report.prompts.find((p) => p.code === 'offer-assessment');
    expect(offer?.detail).toContain('Children Act 1989 s.17ZD');
    expect(offer?.detail).not.toContain('s.10');
  });
});

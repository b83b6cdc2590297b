/**
 * `carers --json` is a stable contract: the same record gives the same bytes whatever order the
 * server returns it in.
 */
import { describe, expect, it } from 'vitest';
import { CarerReportSchema } from '../../shared/report/carerReport';
import { WRITE_CARER_ROLE } from '../../shared/terminology';
import type { Resource } from '../adapter/support/fakeFhirServer';
import { useFhirServer } from '../adapter/support/mswServer';
import { asStored, PatientAlex } from '../adapter/support/personas';
import { runCarers } from './support/commands';

const net = useFhirServer();
const NOW = '2026-11-23T12:00:00Z';

const carer = (id: string, given: string, family: string): Resource => ({
  resourceType: 'RelatedPerson',
  id,
  patient: { reference: 'Patient/alex' },
  relationship: [{ coding: [{ ...WRITE_CARER_ROLE }] }],
  name: [{ given: [given], family }],
  telecom: [{ system: 'phone', value: '07700 900000' }],
});

const CARERS = [carer('z1', 'Zoë', 'Adams'), carer('s2', 'Sam', 'Smith'), carer('a1', 'adam', 'Brown'), carer('e1', 'Émile', 'Clark'), carer('s1', 'Sam', 'Smith')];

async function promptsJson(base: string): Promise<string> {
  const { code, stdout, stderr } = await runCarers(['prompts', '--fhir', base, '--patient', 'alex', '--now', NOW, '--json']);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout;
}

describe('carers --json order', () => {
  it('lists carers by name then id, and their prompts in the same order, whatever order the server returns them in', async () => {
    const inOrder = net.fhir({ base: 'https://fhir-one.test/R4' }).seed(...asStored(PatientAlex), ...CARERS);
    const scrambled = net.fhir({ base: 'https://fhir-two.test/R4' }).seed(...asStored(PatientAlex), ...[...CARERS].reverse().slice(2), ...[...CARERS].reverse().slice(0, 2));
    const first = await promptsJson(inOrder.base);
    const second = await promptsJson(scrambled.base);
    expect(second).toBe(first);
    const report = CarerReportSchema.parse(JSON.parse(first));
    expect(report.carers.map((c) => c.reference)).toEqual(['RelatedPerson/a1', 'RelatedPerson/e1', 'RelatedPerson/s1', 'RelatedPerson/s2', 'RelatedPerson/z1']);
    const consentPrompts = report.prompts.filter((p) => p.code === 'record-consent').map((p) => p.carer);
    expect(consentPrompts).toEqual(report.carers.map((c) => c.reference));
  });
});

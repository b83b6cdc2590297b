/**
 * Issue 11: `carers explain` on a saved record whose patient has a current crisis plan and a carer
 * (Grace, partial consent: involvement permitted) the plan does not involve.
 */
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../adapter/cli/carersMain';
import { CarerReportSchema } from '../../shared/report/carerReport';
import { alexRecord } from '../fixtures/fhir/personas';
import { runCarers, withSavedRecord } from './support/commands';

const NOW = '2026-11-23T12:00:00Z';
const crisisPlan = {
  resourceType: 'CarePlan',
  id: 'alex-crisis',
  status: 'active',
  intent: 'plan',
  category: [{ coding: [{ system: 'http://snomed.info/sct', code: '401276009', display: 'Mental health crisis plan' }] }],
  title: 'Crisis plan',
  subject: { reference: 'Patient/alex' },
};

/** The run itself (its exit code and stderr are the tests' to check), the report parsed. */
async function explain(resources: readonly unknown[]) {
  const { code, stdout, stderr } = await withSavedRecord(resources, (path) => runCarers(['explain', path, '--now', NOW, '--json']));
  return { code, stderr, report: CarerReportSchema.parse(JSON.parse(stdout)) };
}

describe('carers explain on a record with a care plan', () => {
  it('prompts to involve a permitted carer the crisis plan does not involve, citing the charter, and says what may not be shared', async () => {
    const run = await explain([...alexRecord, crisisPlan]);
    expect(run.code).toBe(EXIT.ok);
    expect(run.stderr).toBe('');
    const prompt = run.report.prompts.find((p) => p.code === 'involve-carer-in-care-plan');
    expect(prompt).toMatchObject({ carer: 'RelatedPerson/grace', severity: 'warning' });
    expect(prompt?.summary).toContain('crisis plan “Crisis plan”');
    expect(prompt?.detail).toContain('"We will ensure that carers are involved in advance care planning"');
    expect(prompt?.detail).toMatch(/do not share/);
    // Carers whose decision does not permit involvement are not prompted.
    expect(run.report.prompts.filter((p) => p.code === 'involve-carer-in-care-plan').map((p) => p.carer)).toEqual(['RelatedPerson/grace']);
  });

  it('says nothing once the plan names the carer as a contributor', async () => {
    const run = await explain([...alexRecord, { ...crisisPlan, contributor: [{ reference: 'RelatedPerson/grace' }] }]);
    expect(run.report.prompts.map((p) => p.code)).not.toContain('involve-carer-in-care-plan');
  });
});

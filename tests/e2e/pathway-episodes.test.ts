/**
 * Issue 11 items 5 and 8 through the panel, as a clinician: involve a carer in discharge planning
 * (the Task names the inpatient episode), re-offer an assessment whose review an admission made due,
 * follow up an accepted assessment, record a significant change (the review becomes due now), and
 * ask "no carers" again at a new episode. Each prompt clears once the record says it was done.
 */
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, prompt, saveAndWaitGone, saveForm, searchFhir, startFromPrompt, type E2E, useExtensionAgainstSandbox } from './harness';

interface Resource {
  id: string;
  resourceType: string;
  status?: string;
  [key: string]: unknown;
}

// The live region says "Saved." and then the new to-do count; the prompt leaving is the state that
// matters, so these saves wait for it alone (announced: false).
const QUIET = { announced: false };

describe('deadlines that follow the record, and discharge (issue 11 items 5 and 8)', () => {
  const env = useExtensionAgainstSandbox();
  const open = async (e: E2E, patientId: string) => openPatient(e, await e.browser.context.newPage(), patientId);

  it('records the carer’s involvement in discharge planning for the inpatient episode, and re-offers the assessment the admission made due', async () => {
    const dev = PERSONAS.devPatelWard;
    const carer = dev.relatedPersonIds[0];
    const panel = await open(env(), dev.patientId);
    await expect(prompt(panel, 'assessment-review-due').first().innerText()).resolves.toMatch(/due now: the patient was detained under the Mental Health Act/);
    const form = await startFromPrompt(panel, 'involve-carer-in-discharge', 'record-discharge-involvement');
    await form.getByLabel('How was the carer involved?').fill('Discharge planning meeting on the ward');
    await form.getByLabel("The patient's information, as their consent decision allows").check();
    await saveAndWaitGone(panel, form, 'Record involvement', 'involve-carer-in-discharge', QUIET);
    const tasks = await searchFhir<Resource>(env(), `Task?subject=RelatedPerson/${carer}`);
    const involved = tasks.find((t) => JSON.stringify(t.code).includes('discharge-planning-involved'));
    expect(involved).toMatchObject({ status: 'completed', for: { reference: `RelatedPerson/${carer}` }, focus: { reference: 'EpisodeOfCare/demo-dev-patel-admission' } });

    const offer = await startFromPrompt(panel, 'assessment-review-due', 'offer-assessment');
    await saveAndWaitGone(panel, offer, 'Record offer', 'assessment-review-due', QUIET);
  });

  it('follows up an accepted assessment until it is recorded, and a recorded change makes another carer’s review due now', async () => {
    const lena = PERSONAS.lenaMorrisAccepted;
    const panel = await open(env(), lena.patientId);
    const outcome = await startFromPrompt(panel, 'follow-up-accepted-assessment', 'record-assessment-outcome');
    await outcome.getByLabel('Assessment completed').check();
    await saveAndWaitGone(panel, outcome, 'Record outcome', 'follow-up-accepted-assessment', QUIET);

    await expect(prompt(panel, 'assessment-review-due').count()).resolves.toBe(0);
    await panel.locator('[data-carer="demo-lena-morris-sister"] [data-action="record-circumstances-changed"]').click();
    const change = panel.locator('form.form');
    await change.waitFor();
    await change.getByLabel("The carer's own illness").check();
    await saveForm(change, 'Record change');
    await expect(prompt(panel, 'assessment-review-due').first().innerText()).resolves.toMatch(/Jo Morris .*due now: the carer's own illness \(recorded\)/s);
    const tasks = await searchFhir<Resource>(env(), 'Task?subject=RelatedPerson/demo-lena-morris-sister');
    expect(tasks.find((t) => JSON.stringify(t.code).includes('circumstances-changed'))?.input).toContainEqual(expect.objectContaining({ valueCode: 'carer-illness' }));

    const offer = await startFromPrompt(panel, 'assessment-review-due', 'offer-assessment');
    await saveAndWaitGone(panel, offer, 'Record offer', 'assessment-review-due', QUIET);
  });

  it('asks "no carers" again at a new episode, and the new answer holds', async () => {
    const omar = PERSONAS.omarNewEpisode;
    const panel = await open(env(), omar.patientId);
    await expect(prompt(panel, 'identify-carers').first().innerText()).resolves.toMatch(/New episode of care from/);
    const form = await startFromPrompt(panel, 'identify-carers', 'record-no-carers');
    await saveAndWaitGone(panel, form, 'Record the answer', 'identify-carers', QUIET);
  });
});

/**
 * Issue 11, commitments 3 and 7, through the panel as a clinician: the carer of a patient who refused
 * consent is recorded as heard (general information only, no personal information) and the prompt
 * clears; a disclosure without consent is recorded and the decision stays a refusal; a carer's
 * overdue enquiry is answered and its prompt clears; a new enquiry is recorded from the carer's card.
 */
import { describe, expect, it } from 'vitest';
import type { FrameLocator } from 'playwright-core';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, prompt, saveForm, searchFhir, type E2E, useExtensionAgainstSandbox, waitForSaved } from './harness';

interface Communication {
  id: string;
  resourceType: 'Communication';
  category?: { coding?: { code?: string }[] }[];
  inResponseTo?: { reference?: string }[];
  payload?: { contentString?: string }[];
  sender?: { reference?: string };
  recipient?: { reference?: string }[];
  reasonCode?: { coding?: { code?: string }[] }[];
  topic?: { text?: string };
}

interface Provenance {
  target?: { reference?: string }[];
  recorded?: string;
  agent?: { who?: { reference?: string; display?: string } }[];
}

const owen = PERSONAS.owenDavies;
const carys = `RelatedPerson/${owen.relatedPersonIds[0]}`;
const codeOf = (c: Communication) => c.category?.[0]?.coding?.[0]?.code;

async function save(panel: FrameLocator, button: string): Promise<void> {
  await saveForm(panel.locator('form.form'), button);
  await waitForSaved(panel, 20_000);
}

describe('carers heard, their enquiries answered, disclosures recorded (issue 11, commitments 3 and 7)', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });
  const open = async (e: E2E) => openPatient(e, await e.browser.context.newPage(), owen.patientId);
  const communications = () => searchFhir<Communication>(env(), `Communication?subject=Patient/${owen.patientId}&_count=100`);

  it('a disclosure without consent is recorded as a Communication and never read as consent: the refusal stands', async () => {
    const panel = await open(env());
    await prompt(panel, 'consent-declined-still-listen').locator('[data-action="record-disclosure"]').click();
    const form = panel.locator('form[data-form="record-disclosure"]');
    await form.waitFor();
    await form.locator('input[name="basis"][value="serious-harm"]').check();
    await form.locator('[name="what"]').fill('Owen had left the ward again');
    await form.locator('input[name="patientTold"][value="to-be-told"]').check();
    await save(panel, 'Record disclosure');
    const disclosures = (await communications()).filter((c) => codeOf(c) === 'disclosure-without-consent');
    expect(disclosures).toHaveLength(2);
    expect(disclosures.every((d) => d.recipient?.[0]?.reference === carys)).toBe(true);
    // H30: attested like a consent change, by a Provenance written in the same transaction.
    const recorded = disclosures.find((d) => d.topic?.text === 'Owen had left the ward again');
    const provenance = await searchFhir<Provenance>(env(), `Provenance?target=Communication/${recorded?.id}`);
    expect(provenance).toHaveLength(1);
    expect(provenance[0]?.target).toEqual([{ reference: `Communication/${recorded?.id}` }]);
    expect(provenance[0]?.agent?.[0]?.who).toBeDefined();
    expect(await searchFhir(env(), `Consent?patient=Patient/${owen.patientId}`)).toHaveLength(1);
    expect(await panel.locator(`[data-carer="${owen.relatedPersonIds[0]}"] [data-consent]`).getAttribute('data-consent')).toBe('deny');
    await prompt(panel, 'consent-declined-still-listen').waitFor();
  });

  it('records the carer heard, with general information given and no personal information, and the prompt clears', async () => {
    const panel = await open(env());
    await prompt(panel, 'consent-declined-still-listen').locator('[data-action="record-carer-heard"]').click();
    const form = panel.locator('form[data-form="record-carer-heard"]');
    await form.waitFor();
    await form.locator('input[name="given"][value="medication-in-general"]').check();
    await form.locator('input[name="given"][value="carers-centre"]').check();
    // Nothing is recorded until the clinician confirms no personal information was given.
    await form.getByRole('button', { name: 'Record carer heard', exact: true }).click();
    await form.locator('.field--error input[name="noPersonalInformation"]').waitFor();
    expect((await communications()).filter((c) => codeOf(c) === 'general-information')).toEqual([]);
    await form.locator('input[name="noPersonalInformation"]').check();
    await save(panel, 'Record carer heard');
    await prompt(panel, 'consent-declined-still-listen').waitFor({ state: 'detached', timeout: 20_000 });
    const all = await communications();
    const heard = all.filter((c) => codeOf(c) === 'carer-heard' && c.sender?.reference === carys);
    const given = all.find((c) => codeOf(c) === 'general-information');
    expect(heard).toHaveLength(2);
    expect(given?.payload?.map((p) => p.contentString)).toEqual(['Medication in general', "The local carers' centre"]);
    expect(heard.map((h) => `Communication/${h.id}`)).toContain(given?.inResponseTo?.[0]?.reference);
  });

  it('answers the overdue enquiry, and the prompt clears; a new enquiry is recorded from the carer’s card', async () => {
    const panel = await open(env());
    await prompt(panel, 'carer-enquiry-overdue').locator('[data-action="answer-carer-enquiry"]').click();
    const form = panel.locator('form[data-form="answer-carer-enquiry"]');
    await form.waitFor();
    await save(panel, 'Record answer');
    await prompt(panel, 'carer-enquiry-overdue').waitFor({ state: 'detached', timeout: 20_000 });
    const answers = (await communications()).filter((c) => codeOf(c) === 'carer-enquiry-answer');
    expect(answers.map((a) => a.inResponseTo?.[0]?.reference).sort()).toEqual(['Communication/demo-owen-davies-enquiry-1', 'Communication/demo-owen-davies-enquiry-2']);

    await panel.locator(`[data-carer="${owen.relatedPersonIds[0]}"] [data-action="record-carer-enquiry"]`).click();
    const enquiry = panel.locator('form[data-form="record-carer-enquiry"]');
    await enquiry.waitFor();
    await enquiry.locator('[name="about"]').fill('Discharge date');
    await save(panel, 'Record enquiry');
    // Recorded today, so not yet due: no prompt, and an answer can be recorded from the card.
    await panel.locator(`[data-carer="${owen.relatedPersonIds[0]}"] [data-action="answer-carer-enquiry"]`).waitFor();
    expect(await prompt(panel, 'carer-enquiry-overdue').count()).toBe(0);
    expect((await communications()).filter((c) => codeOf(c) === 'carer-enquiry')).toHaveLength(3);
  });
});

import { DEFAULT_EXTENSION_BASE } from '../../shared/terminology';
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { fillDate, openPatient, prompt, saveAndWaitGone, saveForm, searchFhir, startFromPrompt, type E2E, useExtensionAgainstSandbox, waitForSaved } from './harness';

interface Coding {
  system?: string;
  code?: string;
}
interface Resource {
  id: string;
  resourceType: string;
  status?: string;
  [key: string]: unknown;
}

describe('acting on prompts writes FHIR and the prompt goes away', () => {
  const env = useExtensionAgainstSandbox();
  const open = async (e: E2E, patientId: string) => openPatient(e, await e.browser.context.newPage(), patientId);

  it('records "asked: no carers" as a List with no entries', async () => {
    const george = PERSONAS.georgeWilson;
    const panel = await open(env(), george.patientId);
    const form = await startFromPrompt(panel, 'identify-carers', 'record-no-carers');
    await saveAndWaitGone(panel, form, 'Record the answer', 'identify-carers');
    const lists = await searchFhir<Resource>(env(), `List?subject=Patient/${george.patientId}`);
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ status: 'current', mode: 'snapshot', emptyReason: { coding: [{ code: 'nilknown' }] } });
    expect(lists[0]?.entry).toBeUndefined();
    expect(await panel.locator('.asked').innerText()).toMatch(/no carers named/);
  });

  it('adds a carer as a RelatedPerson coded as the patient’s carer', async () => {
    const fatima = PERSONAS.fatimaBegum;
    const panel = await open(env(), fatima.patientId);
    await panel.locator('[data-action="add-carer"]').first().click();
    const form = panel.getByRole('form', { name: 'Add a carer' });
    await form.getByLabel('Name').fill('Nadia Begum');
    await form.getByLabel('Relationship to the patient').selectOption('SIS');
    await form.getByLabel('Phone (optional)').fill('07700 900999');
    await saveForm(form, 'Add carer');
    const people = await searchFhir<Resource>(env(), `RelatedPerson?patient=Patient/${fatima.patientId}`);
    const added = people.find((p) => JSON.stringify(p.name).includes('Nadia Begum'));
    expect(added).toBeDefined();
    const codes = (added?.relationship as { coding?: Coding[] }[]).flatMap((r) => r.coding ?? []).map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['Carer', 'SIS']));
    await panel.locator(`[data-carer="${added?.id}"]`).waitFor();
  });

  it('records the patient’s consent to share with a carer', async () => {
    const amira = PERSONAS.amiraKhan;
    const panel = await open(env(), amira.patientId);
    const form = await startFromPrompt(panel, 'record-consent', 'record-consent');
    await form.getByLabel('Agrees to share', { exact: true }).check();
    await fillDate(form, 'reviewDue', '2027-06-30');
    await saveAndWaitGone(panel, form, 'Record decision', 'record-consent');
    const consents = await searchFhir<Resource>(env(), `Consent?patient=Patient/${amira.patientId}`);
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      status: 'active',
      performer: [{ reference: `Patient/${amira.patientId}` }],
      extension: [{ url: `${DEFAULT_EXTENSION_BASE}/consent-review-due`, valueDate: '2027-06-30' }],
      provision: { type: 'permit', actor: [{ reference: { reference: `RelatedPerson/${amira.relatedPersonIds[0]}` } }] },
    });
    // The review date is not the decision's validity: nothing else would read it as expiring.
    expect((consents[0] as { provision?: { period?: unknown } }).provision?.period).toBeUndefined();
    expect(await panel.locator(`[data-carer="${amira.relatedPersonIds[0]}"] [data-consent]`).innerText()).toContain('The patient agreed to share information');
  });

  it('records an assessment offer as a requested Task for the carer', async () => {
    const amira = PERSONAS.amiraKhan;
    const panel = await open(env(), amira.patientId);
    const form = await startFromPrompt(panel, 'offer-assessment', 'offer-assessment');
    await saveAndWaitGone(panel, form, 'Record offer', 'offer-assessment');
    const tasks = await searchFhir<Resource>(env(), `Task?subject=RelatedPerson/${amira.relatedPersonIds[0]}`);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'requested', intent: 'proposal', code: { coding: [{ code: '512321000000109' }] } });
  });

  it('records the carer’s answer to an assessment offer', async () => {
    const lucy = PERSONAS.lucyBrennan;
    const panel = await open(env(), lucy.patientId);
    const form = await startFromPrompt(panel, 'follow-up-assessment-offer', 'record-assessment-outcome');
    await form.getByLabel('Carer accepted the offer').check();
    await saveAndWaitGone(panel, form, 'Record outcome', 'follow-up-assessment-offer');
    const tasks = await searchFhir<Resource>(env(), `Task?subject=RelatedPerson/${lucy.relatedPersonIds[0]}`);
    expect(tasks.map((t) => t.status)).toEqual(['accepted']);
  });

  it('offers a carer’s assessment and records the carer’s answer on the same day: both save', async () => {
    const daniel = PERSONAS.danielOkafor;
    const carer = daniel.relatedPersonIds[0];
    const panel = await open(env(), daniel.patientId);
    const offer = await startFromPrompt(panel, 'offer-assessment', 'offer-assessment');
    await saveAndWaitGone(panel, offer, 'Record offer', 'offer-assessment');
    await panel.locator(`[data-carer="${carer}"] [data-action="record-assessment-outcome"]`).click();
    const outcome = panel.locator('form.form');
    await outcome.getByLabel('Carer accepted the offer').check();
    await saveForm(outcome, 'Record outcome');
    await waitForSaved(panel);
    const tasks = await searchFhir<Resource & { authoredOn?: string; lastModified?: string }>(env(), `Task?subject=RelatedPerson/${carer}`);
    expect(tasks.map((t) => t.status)).toEqual(['accepted']);
    expect(Date.parse(tasks[0]?.lastModified ?? '')).toBeGreaterThanOrEqual(Date.parse(tasks[0]?.authoredOn ?? ''));
  });

  it('records that a next of kin is not a carer, and stops asking', async () => {
    const olivia = PERSONAS.oliviaNowak;
    const panel = await open(env(), olivia.patientId);
    const form = await startFromPrompt(panel, 'confirm-carer-status', 'mark-not-carer');
    await saveAndWaitGone(panel, form, 'Not a carer', 'confirm-carer-status');
    const [father] = await searchFhir<Resource>(env(), `RelatedPerson?_id=${olivia.relatedPersonIds[0]}`);
    const status = (father?.extension as { url: string; extension?: { url: string; valueBoolean?: boolean }[] }[]).find((e) => e.url.endsWith('/carer-status'));
    expect(status?.extension?.find((e) => e.url === 'isCarer')?.valueBoolean).toBe(false);
    expect(await panel.locator(`[data-carer="${olivia.relatedPersonIds[0]}"]`).innerText()).toContain('Not a carer');
  });

  it('withdraws consent with a versioned update, keeping the decision as inactive', async () => {
    const thomas = PERSONAS.thomasReid;
    const panel = await open(env(), thomas.patientId);
    await panel.locator(`[data-carer="${thomas.relatedPersonIds[0]}"] [data-action="withdraw-consent"]`).click();
    const form = panel.locator('form.form');
    await saveForm(form, 'Withdraw consent');
    const consents = await searchFhir<Resource>(env(), `Consent?patient=Patient/${thomas.patientId}`);
    expect(consents.map((c) => c.status)).toEqual(['inactive']);
    expect(await panel.locator(`[data-carer="${thomas.relatedPersonIds[0]}"] [data-consent]`).innerText()).toContain('withdrawn');
    await prompt(panel, 'consent-declined-still-listen').waitFor();
  });

  it('records a partial consent with what may and may not be shared', async () => {
    const margaret = PERSONAS.margaretEvans;
    const panel = await open(env(), margaret.patientId);
    const form = await startFromPrompt(panel, 'review-consent', 'record-consent');
    await form.getByLabel('Agrees to share some things').check();
    await form.getByLabel('May be shared').fill('Appointments\nMedication');
    await form.getByLabel('Must not be shared').fill('Therapy notes');
    await saveAndWaitGone(panel, form, 'Record decision', 'review-consent');
    const consents = await searchFhir<Resource>(env(), `Consent?patient=Patient/${margaret.patientId}&status=active`);
    const latest = consents.find((c) => JSON.stringify(c).includes('Therapy notes'));
    expect(latest).toBeDefined();
    expect(await panel.locator(`[data-carer="${margaret.relatedPersonIds[0]}"] [data-consent]`).innerText()).toContain('Therapy notes');
  });

  it('defers a prompt with a coded reason in the record, for this patient only, and lists it under "Deferred"', async () => {
    const helen = PERSONAS.helenPrice;
    const panel = await open(env(), helen.patientId);
    const form = await startFromPrompt(panel, 'signpost-support', 'defer-prompt');
    expect(await form.innerText()).toMatch(/Defers “Signpost .*” for this patient and carer until \d+ \w+ \d{4}/);
    await form.getByLabel('Reason').selectOption('done-elsewhere');
    await saveAndWaitGone(panel, form, 'Defer', 'signpost-support');
    expect(await panel.locator('[data-deferred-code="signpost-support"]').innerText()).toMatch(/deferred by .* until .*, done elsewhere/);
    const tasks = await searchFhir<Resource>(env(), `Task?subject=RelatedPerson/${helen.relatedPersonIds[0]}`);
    expect(tasks.filter((t) => JSON.stringify(t.code).includes('prompt-deferred'))).toHaveLength(1);
    // Another patient's signposting prompt is untouched.
    const other = await open(env(), PERSONAS.kwameMensah.patientId);
    await prompt(other, 'signpost-support').waitFor();
  });
});

/**
 * Issue 11, commitment 6 (young carers), acted on through the panel as a clinician: Nadia Okoro's
 * daughter Ama is recorded as her child with no date of birth (carer-missing-details asks for it);
 * her son Kwame is 17 (young-carer-transition). Recording the birth date and the transition
 * assessment request clears each prompt; Ama is then recognised as a young carer, and the audit
 * counts the young carer's referral.
 */
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { auditSandbox, fillDate, openPatient, readFhir, saveForm, searchFhir, useExtensionAgainstSandbox } from './harness';

const nadia = PERSONAS.nadiaOkoro;
const [AMA, KWAME] = nadia.relatedPersonIds as [string, string];
const promptFor = (code: string, carer: string) => `li[data-prompt-code="${code}"][data-prompt-carer="RelatedPerson/${carer}"]`;

/** A date of birth 15 years and 10 days before today (UTC date; the panel counts in the policy zone). */
function birthDateAged15(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear() - 15, now.getUTCMonth(), now.getUTCDate() - 10)).toISOString().slice(0, 10);
}

describe('young carers through the panel', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });

  it("a child carer's birth date, then a 17-year-old's transition assessment request and referral, each clearing its prompt; the audit counts the referral", async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, nadia.patientId);

    // Ama: recorded as the patient's daughter, no date of birth.
    const missing = panel.locator(promptFor('carer-missing-details', AMA));
    await missing.waitFor();
    expect(await missing.innerText()).toContain('date of birth not recorded');
    await missing.locator('[data-action="edit-carer"]').click();
    const edit = panel.locator('form[data-form="edit-carer"]');
    await edit.waitFor();
    const born = birthDateAged15();
    await fillDate(edit, 'birthDate', born);
    await saveForm(edit, 'Save details');
    await missing.waitFor({ state: 'detached', timeout: 20_000 });
    expect((await readFhir<{ birthDate?: string }>(env(), `RelatedPerson/${AMA}`)).birthDate).toBe(born);
    // With her birth date recorded, she is recognised as a young carer.
    await panel.locator(promptFor('young-carer-referral', AMA)).waitFor({ timeout: 20_000 });

    // Kwame, 17: ask the local authority for his transition assessment (Care Act 2014 s.63).
    const transition = panel.locator(promptFor('young-carer-transition', KWAME));
    await transition.waitFor();
    await transition.locator('[data-action="request-transition-assessment"]').click();
    const request = panel.locator('form[data-form="request-transition-assessment"]');
    await request.waitFor();
    await request.locator('[name="requestedFrom"]').fill('Northshire adult social care');
    await saveForm(request, 'Record request');
    await transition.waitFor({ state: 'detached', timeout: 20_000 });
    const tasks = await searchFhir<{ status: string; code?: { coding?: { code?: string }[] }; input?: { valueString?: string }[] }>(env(), `Task?subject=RelatedPerson/${KWAME}`);
    expect(tasks).toContainEqual(expect.objectContaining({ status: 'completed', code: expect.objectContaining({ coding: [expect.objectContaining({ code: 'transition-assessment-requested' })] }), input: [expect.objectContaining({ valueString: 'Northshire adult social care' })] }));

    // And his referral to young carers' support.
    const referral = panel.locator(promptFor('young-carer-referral', KWAME));
    await referral.locator('[data-action="refer-young-carer"]').click();
    const refer = panel.locator('form[data-form="refer-young-carer"]');
    await refer.waitFor();
    await refer.locator('[name="referredTo"]').fill("Northshire young carers' service");
    await saveForm(refer, 'Record referral');
    await referral.waitFor({ state: 'detached', timeout: 20_000 });

    const audit = await auditSandbox(env());
    expect(audit.coverage.carers.youngReferred).toBe(1);
    expect(audit.coverage.rates.youngCarersReferred.numerator).toBe(1);
    await page.close();
  });
});

/**
 * Issue 11, commitment 4 (recommendation 3: "Involvement of the carer support organisations at
 * assessment and subject to carers consent, sharing the statutory assessment"), through the panel as
 * a clinician: refer a carer who accepted an assessment, then record the carer's own decision about
 * sharing it; each prompt clears. A carer already referred (a completed referral Task) is never told
 * "not offered", and their own consent raises no patient-consent prompt.
 */
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, saveForm, useExtensionAgainstSandbox } from './harness';

describe("referral to carers' support and the carer's own consent (recommendation 3)", () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });

  it('refers Dev for his statutory assessment, then records his consent to share it: both prompts clear', async () => {
    const persona = PERSONAS.priyaShah;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, persona.patientId);

    const refer = panel.locator('li[data-prompt-code="refer-carer-assessment"]');
    await refer.waitFor();
    await refer.locator('[data-action="refer-carer-assessment"]').click();
    const referral = panel.locator('form[data-form="refer-carer-assessment"]');
    await referral.waitFor();
    await referral.locator('select[name="organisation"]').selectOption('carers-centre');
    await referral.locator('[name="note"]').fill('Dev asked for the carers’ centre to assess him');
    await saveForm(referral, 'Record referral');
    await refer.waitFor({ state: 'detached', timeout: 20_000 });

    const ask = panel.locator('li[data-prompt-code="carer-sharing-consent"]');
    await ask.waitFor({ timeout: 20_000 });
    expect(await ask.innerText()).toContain("The local carers' centre");
    await ask.locator('[data-action="record-carer-sharing-consent"]').click();
    const decision = panel.locator('form[data-form="record-carer-sharing-consent"]');
    await decision.waitFor();
    expect(await decision.locator('select[name="organisation"]').inputValue()).toBe('carers-centre');
    await decision.locator('input[name="decision"][value="permit"]').check();
    await saveForm(decision, 'Record the carer’s decision');
    await ask.waitFor({ state: 'detached', timeout: 20_000 });

    // The carer's own consent is not the patient's: no patient-consent prompt appears because of it.
    const codes = await Promise.all((await panel.locator('li[data-prompt-code]').all()).map((li) => li.getAttribute('data-prompt-code')));
    for (const code of ['offer-assessment', 'follow-up-assessment-offer', 'consent-without-carer', 'consent-cannot-interpret', 'record-consent']) expect(codes).not.toContain(code);
    await page.close();
  });

  it('a carer with a completed referral and her own consent on record is not told "not offered"', async () => {
    const persona = PERSONAS.owenPrice;
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, persona.patientId);
    await panel.locator(`[data-carer="${persona.relatedPersonIds[0]}"]`).waitFor();
    // Nothing about the assessment or consent: only the per-carer plans the pathway asks of every carer.
    const codes = await Promise.all((await panel.locator('li[data-prompt-code]').all()).map((li) => li.getAttribute('data-prompt-code')));
    expect(new Set(codes)).toEqual(new Set(persona.expectedPrompts));
    for (const code of ['offer-assessment', 'follow-up-assessment-offer', 'follow-up-accepted-assessment', 'refer-carer-assessment', 'carer-sharing-consent']) expect(codes).not.toContain(code);
    await page.close();
  });
});

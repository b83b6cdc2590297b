/**
 * Issue 11, commitments 1 and 2, through the panel as a clinician: Rosa Alvarez's crisis plan does
 * not involve her husband Luis, whose partial consent permits involvement. The clinician sees what
 * may not be shared, records his involvement, his contingency plan and the crisis numbers given; each
 * prompt clears, and the FHIR server holds the Tasks, the involvement one focused on the CarePlan.
 */
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { openPatient, saveForm, searchFhir, useExtensionAgainstSandbox } from './harness';

describe('carers across the pathway: care plans, contingency plans and crisis numbers', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });

  it('involves the carer in the crisis plan (showing what may not be shared), records his contingency plan and crisis numbers, and each prompt clears', async () => {
    const rosa = PERSONAS.rosaAlvarez;
    const luis = rosa.relatedPersonIds[0] ?? '';
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, rosa.patientId);

    const involve = panel.locator('li[data-prompt-code="involve-carer-in-care-plan"]');
    await involve.waitFor();
    expect(await involve.innerText()).toContain('crisis plan “Staying well and crisis plan”');
    await involve.locator('[data-action="involve-carer-in-care-plan"]').click();
    const form = panel.locator('form[data-form="involve-carer-in-care-plan"]');
    await form.waitFor();
    expect(await form.locator('[data-do-not-share]').innerText()).toContain('Notes of her therapy sessions');
    expect(await form.locator('input[name="carePlan"]').isChecked()).toBe(true);
    await form.locator('[name="note"]').fill('Luis joined the crisis plan review.');
    await saveForm(form, 'Record involvement');
    await involve.waitFor({ state: 'detached', timeout: 20_000 });

    const contingency = panel.locator('li[data-prompt-code="carer-contingency-plan"]');
    await contingency.locator('[data-action="record-contingency-plan"]').click();
    const plan = panel.locator('form[data-form="record-contingency-plan"]');
    await plan.locator('[name="plan"]').fill('His sister Marta steps in; the crisis team is called on the number given.');
    await plan.locator('input[name="emergencyCard"]').check();
    await saveForm(plan, 'Record plan');
    await contingency.waitFor({ state: 'detached', timeout: 20_000 });

    const crisis = panel.locator('li[data-prompt-code="give-crisis-numbers"]');
    await crisis.locator('[data-action="record-crisis-numbers"]').click();
    const numbers = panel.locator('form[data-form="record-crisis-numbers"]');
    for (const box of await numbers.locator('input[name="given"]').all()) await box.check();
    await saveForm(numbers, 'Record numbers given');
    await crisis.waitFor({ state: 'detached', timeout: 20_000 });

    const tasks = await searchFhir<{ code?: { coding?: { code?: string }[] }; focus?: { reference?: string }; input?: { valueString?: string }[] }>(env(), `Task?subject=RelatedPerson/${luis}`);
    const byCode = (code: string) => tasks.find((t) => t.code?.coding?.some((c) => c.code === code));
    expect(byCode('care-plan-involved')?.focus?.reference).toBe('CarePlan/demo-rosa-alvarez-crisis-plan');
    expect(byCode('contingency-plan-agreed')?.input?.map((i) => i.valueString)).toContain('His sister Marta steps in; the crisis team is called on the number given.');
    expect(byCode('crisis-numbers-given')?.input?.map((i) => i.valueString)).toContain("The trust's 24-hour mental health crisis line");
    await page.close();
  });
});

/**
 * Issue 11, commitment 6 (young carers), Think Family, acted on through the panel as a clinician:
 * Leon Hughes is a father (his son Jayden is recorded as his child, not a carer) and nobody has
 * asked whether children in the household help. Recording the answer (a child helps) shows the
 * hint to add the child as a carer, writes a completed children-asked Task for the Patient, and
 * clears the prompt; the audit counts the answer.
 */
import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../sandbox/personas';
import { auditSandbox, openPatient, saveForm, searchFhir, useExtensionAgainstSandbox } from './harness';

const leon = PERSONAS.leonHughes;

describe('Think Family through the panel', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });

  it('a parent asked whether children in the household help: the answer is recorded and the prompt clears; the audit counts it', async () => {
    const page = await env().browser.context.newPage();
    const panel = await openPatient(env(), page, leon.patientId);

    const prompt = panel.locator('li[data-prompt-code="think-family"]');
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain('children in the household');
    await prompt.locator('[data-action="record-children-asked"]').click();
    const form = panel.locator('form[data-form="record-children-asked"]');
    await form.waitFor();
    await form.locator('[name="childHelps"][value="yes"]').check();
    // A child who helps is added as a carer with their birth date (add-carer), so the young carer prompts follow.
    expect(await form.locator('[data-hint="add-child-carer"]').innerText()).toContain('add the child as a carer');
    await saveForm(form, 'Record the answer');
    await prompt.waitFor({ state: 'detached', timeout: 20_000 });

    const tasks = await searchFhir<{ status: string; for?: { reference?: string }; code?: { coding?: { code?: string }[] }; input?: { valueBoolean?: boolean }[] }>(env(), `Task?subject=Patient/${leon.patientId}`);
    expect(tasks).toContainEqual(
      expect.objectContaining({
        status: 'completed',
        for: { reference: `Patient/${leon.patientId}` },
        code: expect.objectContaining({ coding: [expect.objectContaining({ code: 'children-asked' })] }),
        input: [expect.objectContaining({ valueBoolean: true })],
      }),
    );

    const audit = await auditSandbox(env());
    expect(audit.coverage.patients.childrenAsked).toBe(1);
    expect(audit.coverage.patients.childrenAskedChildHelps).toBe(1);
    await page.close();
  });
});

import { READ_OPTIONS } from '../../fixtures/fhir/personas';
/**
 * The hostile corpus (tests/fixtures/hostile) through the adapter's mapping and the prompt rules:
 * nothing throws, what could not be read is said plainly, and no warning repeats record text
 * (names, NHS numbers, markup) — warnings name a resource by type and id only.
 */
import { describe, expect, it } from 'vitest';
import { MAX_WARNINGS, toCarerContext } from '../../../adapter/mapping/carerContext';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { evaluatePrompts } from '../../../shared/prompts/index';
import { HOSTILE_CARER_NAMES, HOSTILE_CASES, SCRIPT_PAYLOADS } from '../../fixtures/hostile/corpus';

const PATIENT_ID = 'hostile';
const NHS_NUMBER = '9990155542';
const NOW = new Date('2026-11-23T12:00:00Z');

/** Record text that must never be echoed in a warning. */
const RECORD_TEXT = [NHS_NUMBER, '999 015 5542', 'Hostile Testcase', ...HOSTILE_CARER_NAMES.flatMap((n) => [n, ...n.split(' ')]), ...Object.values(SCRIPT_PAYLOADS), '<', 'WWWW'];

const read = (resources: unknown[]) => toCarerContext(JSON.parse(JSON.stringify(resources)) as unknown[], { patient: `Patient/${PATIENT_ID}`, ...READ_OPTIONS });

describe('the adapter on hostile FHIR', { timeout: 60_000 }, () => {
  it.each(HOSTILE_CASES.map((c) => [c.title, c] as const))('reads a record with %s without throwing, and evaluates its prompts', (_title, hostile) => {
    const result = read(hostile.build(PATIENT_ID, NHS_NUMBER));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const prompts = evaluatePrompts(result.context, DEFAULT_POLICY, NOW);
    expect(prompts.length).toBeGreaterThan(0);
    if (hostile.expectPrompt) expect(prompts.map((p) => p.code)).toContain(hostile.expectPrompt);
    if (hostile.expectWarning) expect(result.context.warnings.length).toBeGreaterThan(0);
    else expect(result.context.warnings).toEqual([]);
  });

  it.each(HOSTILE_CASES.map((c) => [c.title, c] as const))('never repeats record text in warnings or prompt wording, for a record with %s', (_title, hostile) => {
    const result = read(hostile.build(PATIENT_ID, NHS_NUMBER));
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.warnings.length).toBeLessThanOrEqual(MAX_WARNINGS + 1);
    for (const warning of result.context.warnings) {
      expect(warning.length).toBeLessThan(400);
      for (const text of RECORD_TEXT) expect(warning).not.toContain(text);
    }
  });

  it('says which resources could not be read, by type and id, when elements have the wrong type', () => {
    const wrongTypes = HOSTILE_CASES.find((c) => c.title.startsWith('wrong types'));
    if (!wrongTypes) throw new Error('corpus case missing');
    const result = read(wrongTypes.build(PATIENT_ID, NHS_NUMBER));
    if (!result.ok) throw new Error(result.reason);
    const warned = result.context.warnings.map((w) => /^(\w+\/[\w.-]+)/.exec(w)?.[1]);
    expect(warned).toEqual(expect.arrayContaining([`RelatedPerson/${PATIENT_ID}-c1`, `RelatedPerson/${PATIENT_ID}-c2`, `Consent/${PATIENT_ID}-consent`, `Task/${PATIENT_ID}-task`]));
  });

  it('keeps markup as literal text in names and contact details (the panel renders text, never HTML)', () => {
    const markup = HOSTILE_CASES[0];
    if (!markup) throw new Error('corpus case missing');
    const result = read(markup.build(PATIENT_ID, NHS_NUMBER));
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.patient.name).toContain(SCRIPT_PAYLOADS.script);
    expect(result.context.carers[0]?.telecom.map((t) => t.value)).toContain(SCRIPT_PAYLOADS.javascriptUrl);
  });

  it('reads every one of three thousand carers and prompts for each', () => {
    const many = HOSTILE_CASES.find((c) => c.title === 'three thousand carers');
    if (!many) throw new Error('corpus case missing');
    const result = read(many.build(PATIENT_ID, NHS_NUMBER));
    if (!result.ok) throw new Error(result.reason);
    expect(result.context.carers).toHaveLength(3_000);
    const consentPrompts = evaluatePrompts(result.context, DEFAULT_POLICY, NOW).filter((p) => p.code === 'record-consent');
    expect(consentPrompts).toHaveLength(3_000);
  });
});

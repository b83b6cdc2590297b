/**
 * Issue 8 in the browser: the personas whose consent record is easy to misread, and the people who
 * must not be prompted, opened in the real panel against the sandbox; and the consent form's
 * "unable to decide at present" and "decided by an attorney", recorded by real clicks and read back
 * from the FHIR server.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import type { FrameLocator } from 'playwright-core';
import { PERSONAS, type PersonaKey } from '../../sandbox/personas';
import { addDays } from '../../shared/domain/dates';
import { displayDate } from '../../shared/domain/describe';
import type { PromptCode } from '../../shared/domain/types';
import { DEFAULT_EXTENSION_BASE, consentBasisExtensionUrl, consentReviewDueExtensionUrl } from '../../shared/terminology';
import { dateValue, fillDate, openPatient, prompt, readFhir, saveForm, searchFhir, useExtensionAgainstSandbox, waitForSaved, type E2E } from './harness';

interface Extension {
  url: string;
  valueDate?: string;
  valueCode?: string;
}
interface ConsentResource {
  id: string;
  status: string;
  extension?: Extension[];
  performer?: { reference?: string; display?: string }[];
  provision?: { type?: string; actor?: { reference?: { reference?: string } }[] };
}

const reviewDueUrl = consentReviewDueExtensionUrl(DEFAULT_EXTENSION_BASE);
const basisUrl = consentBasisExtensionUrl(DEFAULT_EXTENSION_BASE);
const extensionValue = (consent: ConsentResource | undefined, url: string): Extension | undefined => consent?.extension?.find((e) => e.url === url);

/** Opens the persona's page in a new tab, closed when the test ends. */
async function open(e: E2E, patientId: string): Promise<FrameLocator> {
  const page = await e.browser.context.newPage();
  onTestFinished(() => page.close());
  return openPatient(e, page, patientId);
}

const consentOf = (panel: FrameLocator, carerId: string | undefined) => panel.locator(`[data-carer="${carerId}"] [data-consent]`);

/** The prompt codes the panel shows, once the view with the persona's carers is drawn. */
async function shownCodes(panel: FrameLocator): Promise<string[]> {
  return panel.locator('[data-prompt-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-prompt-code') ?? ''));
}

interface CardExpectation {
  carer: string;
  /** The `data-consent` attribute: the decision in force. */
  decision: string;
  /** Text the card's consent line must say. */
  says: readonly (string | RegExp)[];
}

interface PanelExpectation {
  persona: PersonaKey;
  cards: readonly CardExpectation[];
  shown: readonly PromptCode[];
  notShown: readonly PromptCode[];
}

const ids = (key: PersonaKey) => PERSONAS[key].relatedPersonIds;

const CASES: readonly PanelExpectation[] = [
  {
    persona: 'chloeFraser',
    cards: [
      { carer: 'demo-chloe-fraser-father', decision: 'deny', says: ['The patient declined to share information'] },
      { carer: 'demo-chloe-fraser-mother', decision: 'permit', says: ['The patient agreed to share information'] },
    ],
    shown: ['consent-declined-still-listen', 'signpost-support'],
    notShown: ['record-consent', 'consent-cannot-interpret', 'consent-conflict'],
  },
  {
    persona: 'peterHughes',
    cards: [{ carer: 'demo-peter-hughes-wife', decision: 'expired', says: [/^The decision \(agreed [^)]+\) was valid until [^:]+: ask again/] }],
    shown: ['review-consent', 'signpost-support'],
    notShown: ['record-consent', 'consent-declined-still-listen'],
  },
  {
    persona: 'priyaSharma',
    cards: [{ carer: 'demo-priya-sharma-sister', decision: 'conflict', says: ['Conflicting decisions — check in the EHR'] }],
    shown: ['consent-conflict', 'offer-assessment', 'signpost-support'],
    notShown: ['record-consent', 'review-consent', 'consent-declined-still-listen'],
  },
  {
    persona: 'edithClarke',
    cards: [{ carer: 'demo-edith-clarke-husband', decision: 'permit', says: ['Agreed to share information', 'Decided for the patient by Ruth Clarke, an attorney under a lasting power of attorney for health and welfare'] }],
    shown: ['signpost-support'],
    notShown: ['record-consent', 'consent-cannot-interpret', 'confirm-carer-status'],
  },
  {
    persona: 'alanBrooks',
    cards: [{ carer: 'demo-alan-brooks-wife', decision: 'lacks-capacity', says: ['Unable to decide at present'] }],
    shown: ['offer-assessment', 'signpost-support'],
    notShown: ['record-consent', 'review-consent', 'consent-cannot-interpret'],
  },
  {
    persona: 'haroldBaker',
    cards: [{ carer: 'demo-harold-baker-wife', decision: 'none', says: ['Not recorded'] }],
    shown: ['signpost-support'],
    notShown: ['record-consent', 'offer-assessment', 'identify-carers', 'carer-missing-details'],
  },
  {
    persona: 'joanMurphy',
    cards: [{ carer: 'demo-joan-murphy-son', decision: 'permit', says: ['The patient agreed to share information'] }],
    shown: ['signpost-support'],
    notShown: ['confirm-carer-status', 'carer-coded-as-paid', 'record-consent', 'offer-assessment'],
  },
  {
    persona: 'brianWalsh',
    cards: [
      { carer: 'demo-brian-walsh-wife', decision: 'permit', says: ['The patient agreed to share information'] },
      { carer: 'demo-brian-walsh-wife-again', decision: 'none', says: ['Not recorded'] },
    ],
    shown: ['possible-duplicate-carer', 'record-consent', 'offer-assessment', 'signpost-support'],
    notShown: ['consent-conflict', 'carer-missing-details'],
  },
];

describe('what the panel says for the consent personas of issue 8', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });

  it.each(CASES.map((c) => [c.persona, c] as const))('%s: shows the decision in force on each card and the documented prompts', async (key, expected) => {
    const persona = PERSONAS[key];
    const panel = await open(env(), persona.patientId);
    for (const card of expected.cards) {
      expect(ids(key)).toContain(card.carer);
      const consent = consentOf(panel, card.carer);
      await consent.waitFor();
      expect(await consent.getAttribute('data-consent')).toBe(card.decision);
      const text = await consent.innerText();
      for (const words of card.says) expect(text).toMatch(words);
    }
    for (const code of expected.shown) await prompt(panel, code).first().waitFor();
    const codes = await shownCodes(panel);
    expect([...new Set(codes)].sort()).toEqual([...new Set(persona.expectedPrompts)].sort());
    for (const code of expected.notShown) expect(codes).not.toContain(code);
    // No card calls a decision by its FHIR name.
    for (const text of await panel.locator('[data-consent]').allInnerTexts()) expect(text).not.toMatch(/\b(permit|deny|Consent\/)/);
  });

  it('refused for one carer by name: the "you can still listen" prompt is about the father only', async () => {
    const panel = await open(env(), PERSONAS.chloeFraser.patientId);
    const listen = prompt(panel, 'consent-declined-still-listen');
    await listen.first().waitFor();
    expect(await listen.evaluateAll((els) => els.map((e) => e.getAttribute('data-prompt-carer')))).toEqual(['RelatedPerson/demo-chloe-fraser-father']);
  });

  it('an expired decision: the prompt asks again because it is no longer valid', async () => {
    const panel = await open(env(), PERSONAS.peterHughes.patientId);
    const review = prompt(panel, 'review-consent');
    await review.waitFor();
    expect(await review.locator('.prompt__summary').innerText()).toContain('is no longer valid — ask again');
  });

  it('conflicting decisions: the safety prompt cannot be snoozed and offers to record the current decision', async () => {
    const panel = await open(env(), PERSONAS.priyaSharma.patientId);
    const conflict = prompt(panel, 'consent-conflict');
    await conflict.waitFor();
    expect(await conflict.locator('.prompt__summary').innerText()).toContain('check in the EHR before sharing');
    expect(await conflict.locator('[data-action="defer-prompt"]').count()).toBe(0);
    expect(await conflict.locator('[data-action="record-consent"]').count()).toBe(1);
  });

  it('unable to decide: the card gives the date to ask again, as recorded', async () => {
    const alan = PERSONAS.alanBrooks;
    const recorded = await readFhir<ConsentResource>(env(), 'Consent/demo-alan-brooks-unable-to-decide');
    const askAgain = extensionValue(recorded, reviewDueUrl)?.valueDate ?? '';
    expect(askAgain).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const panel = await open(env(), alan.patientId);
    const consent = consentOf(panel, alan.relatedPersonIds[0]);
    await consent.waitFor();
    expect(await consent.innerText()).toContain(`ask again on ${displayDate(askAgain)}`);
  });

  it('a deceased patient: the carer is pointed to bereavement support and nothing else is asked', async () => {
    const panel = await open(env(), PERSONAS.haroldBaker.patientId);
    const signpost = prompt(panel, 'signpost-support');
    await signpost.waitFor();
    expect(await shownCodes(panel)).toEqual(['signpost-support']);
    expect(await signpost.locator('.prompt__details').textContent()).toContain('The patient has died');
    expect(await panel.getByText('The record says this patient has died').count()).toBe(1);
    const wife = panel.locator('[data-carer="demo-harold-baker-wife"]');
    expect(await wife.locator('[data-action="record-consent"], [data-action="offer-assessment"]').count()).toBe(0);
  });

  it('a paid care worker is listed as not a carer and never asked about', async () => {
    const joan = PERSONAS.joanMurphy;
    const panel = await open(env(), joan.patientId);
    const worker = panel.locator('[data-carer="demo-joan-murphy-care-worker"]');
    await worker.waitFor();
    expect(await worker.innerText()).toContain('Not a carer');
    expect(await panel.locator('[data-prompt-carer="RelatedPerson/demo-joan-murphy-care-worker"]').count()).toBe(0);
    expect(await panel.locator('[data-prompt-code]').allInnerTexts()).not.toEqual(expect.arrayContaining([expect.stringContaining('Beata')]));
  });

  it('a carer recorded twice: one prompt to check and merge, on the first record', async () => {
    const panel = await open(env(), PERSONAS.brianWalsh.patientId);
    const duplicate = prompt(panel, 'possible-duplicate-carer');
    await duplicate.waitFor();
    expect(await duplicate.evaluateAll((els) => els.map((e) => e.getAttribute('data-prompt-carer')))).toEqual(['RelatedPerson/demo-brian-walsh-wife']);
    expect(await duplicate.locator('.prompt__summary').innerText()).toContain('may be recorded twice');
  });
});

describe('the consent form records who decided, and when the patient cannot', () => {
  const env = useExtensionAgainstSandbox({ patients: 0 });

  it('records "unable to decide at present" as a proposed Consent with the date to ask again, and stops asking to record consent', async () => {
    const amira = PERSONAS.amiraKhan;
    const carer = amira.relatedPersonIds[0];
    const panel = await open(env(), amira.patientId);
    await prompt(panel, 'record-consent').locator('[data-action="record-consent"]').click();
    const form = panel.getByRole('form', { name: 'Consent to share with Sara Khan' });
    await form.getByLabel('Unable to decide at present (lacks capacity)').check();
    // The default comes from the policy (askAgainDays); the clinician chooses another date.
    const chosen = addDays(await dateValue(form, 'askAgainOn'), 7);
    await fillDate(form, 'askAgainOn', chosen);
    await saveForm(form, 'Record decision');
    await waitForSaved(panel);
    await prompt(panel, 'record-consent').waitFor({ state: 'detached', timeout: 20_000 });

    const consents = await searchFhir<ConsentResource>(env(), `Consent?patient=Patient/${amira.patientId}`);
    expect(consents).toHaveLength(1);
    const [unable] = consents;
    expect(unable?.status).toBe('proposed');
    expect(extensionValue(unable, basisUrl)?.valueCode).toBe('lacks-capacity');
    expect(extensionValue(unable, reviewDueUrl)?.valueDate).toBe(chosen);
    expect(unable?.performer).toBeUndefined();
    expect(unable?.provision?.type).toBeUndefined();
    expect(unable?.provision?.actor?.map((a) => a.reference?.reference)).toEqual([`RelatedPerson/${carer}`]);

    const card = consentOf(panel, carer);
    await expect.poll(() => card.getAttribute('data-consent')).toBe('lacks-capacity');
    expect(await card.innerText()).toContain(`Unable to decide at present`);
    expect(await card.innerText()).toContain(`ask again on ${displayDate(chosen)}`);
    expect(await shownCodes(panel)).not.toContain('review-consent');
  });

  it('records a decision made by an attorney under a lasting power of attorney: performer the attorney, basis lpa', async () => {
    const edith = PERSONAS.edithClarke;
    const husband = 'demo-edith-clarke-husband';
    const attorney = 'demo-edith-clarke-daughter';
    const panel = await open(env(), edith.patientId);
    await panel.locator(`[data-carer="${husband}"] [data-action="record-consent"]`).click();
    const form = panel.getByRole('form', { name: 'Consent to share with Frank Clarke' });
    await form.getByLabel('Declines to share', { exact: true }).check();
    await form.getByLabel('An attorney under a lasting power of attorney for health and welfare').check();
    await form.getByLabel('The person who decided, if recorded here (optional)').selectOption({ label: 'Ruth Clarke' });
    await saveForm(form, 'Record decision');
    await waitForSaved(panel);

    const consents = await searchFhir<ConsentResource>(env(), `Consent?patient=Patient/${edith.patientId}`);
    const recorded = consents.filter((c) => c.id !== 'demo-edith-clarke-consent');
    expect(recorded).toHaveLength(1);
    const [decision] = recorded;
    expect(decision?.status).toBe('active');
    expect(decision?.provision?.type).toBe('deny');
    expect(decision?.performer).toEqual([{ reference: `RelatedPerson/${attorney}` }]);
    expect(extensionValue(decision, basisUrl)?.valueCode).toBe('lpa');

    const card = consentOf(panel, husband);
    await expect.poll(() => card.getAttribute('data-consent')).toBe('deny');
    expect(await card.innerText()).toContain('Declined to share information');
    expect(await card.innerText()).toContain('Decided for the patient by Ruth Clarke, an attorney under a lasting power of attorney for health and welfare');
    expect(await card.innerText()).not.toContain('The patient declined');
    await prompt(panel, 'consent-declined-still-listen').waitFor();
  });
});

import { useEffect, useState } from 'preact/hooks';
import { browser } from '#imports';
import { BUILTIN_PROFILES } from '../profiles/builtin';
import { PROBE_INPUT_KEY, type ProbeSummary } from '../profiles/probe';
import type { EhrProfile } from '../profiles/schema';
import { SignOutResultSchema, TestConnectionResultSchema, type OptionsToBackground, type TestConnectionResult } from '../protocol/options';
import { parseMessage } from '../protocol/page';
import { optionsItem } from '../storage/items';
import { parseOptions } from '../storage/options';
import { draftFrom, originsToRequest, validateOptions, type OptionsDraft } from './validate';

type Status = { tone: 'ok' | 'error' | 'info'; lines: string[] } | undefined;

/** Settings: FHIR server, sign-in mode, EHR addresses and profiles, policy overrides. No patient data. */
export function OptionsApp() {
  const [draft, setDraft] = useState<OptionsDraft>();
  const [status, setStatus] = useState<Status>();
  const [connection, setConnection] = useState<Status>();
  const [probe, setProbe] = useState<Status>();
  const [signInStatus, setSignIn] = useState<Status>();
  const [tabs, setTabs] = useState<{ id: number; title: string }[]>([]);
  const [tabId, setTabId] = useState<string>('');

  useEffect(() => {
    void optionsItem.getValue().then((stored) => {
      const { options, problem } = parseOptions(stored);
      setDraft(draftFrom(options));
      if (problem) setStatus({ tone: 'error', lines: [problem] });
    });
    // Tabs whose address this extension may read (the EHR origins it was granted).
    void browser.tabs.query({}).then((all) => setTabs(all.filter((t) => t.id !== undefined && t.url?.startsWith('http')).map((t) => ({ id: t.id as number, title: t.title || t.url || 'Untitled' }))));
  }, []);

  if (!draft) return <p>Loading settings…</p>;
  const set = (field: keyof OptionsDraft) => (event: Event) => setDraft({ ...draft, [field]: (event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value });

  const save = async (event: Event) => {
    event.preventDefault();
    const result = validateOptions(draft);
    if (!result.ok) {
      setStatus({ tone: 'error', lines: result.problems });
      return;
    }
    // Least privilege: ask for exactly the configured origins, on this click (a user gesture).
    const origins = originsToRequest(result.options);
    const granted = await browser.permissions.request({ origins }).catch(() => false);
    await optionsItem.setValue(result.options);
    setStatus(granted ? { tone: 'ok', lines: ['Saved.'] } : { tone: 'error', lines: ['Saved, but the browser did not grant access to these addresses, so Carer Prompts cannot reach them. Save again and choose Allow.'] });
  };

  const testConnection = async () => {
    setConnection({ tone: 'info', lines: ['Testing…'] });
    const message: OptionsToBackground = { type: 'options/test-connection', fhirBaseUrl: draft.fhirBaseUrl.trim() };
    const reply = parseMessage(TestConnectionResultSchema, await browser.runtime.sendMessage(message).catch(() => undefined));
    const result: TestConnectionResult = reply ?? { ok: false, message: 'No answer from the extension’s background worker.', notes: [] };
    setConnection({ tone: result.ok ? 'ok' : 'error', lines: [result.message, ...result.notes] });
  };

  const signOut = async () => {
    const message: OptionsToBackground = { type: 'options/sign-out' };
    const reply = parseMessage(SignOutResultSchema, await browser.runtime.sendMessage(message).catch(() => undefined));
    setSignIn(reply?.signedOut ? { tone: 'ok', lines: ['Signed out: Carer Prompts holds no sign-in to the FHIR server.'] } : { tone: 'error', lines: ['Sign-out did not complete. Close the browser to end the session.'] });
  };

  const testOnTab = async () => {
    const parsed = validateOptions(draft);
    if (!parsed.ok) {
      setProbe({ tone: 'error', lines: parsed.problems });
      return;
    }
    const id = Number(tabId);
    if (!Number.isInteger(id)) {
      setProbe({ tone: 'error', lines: ['Choose a tab showing a patient record.'] });
      return;
    }
    const profiles: EhrProfile[] = [...parsed.options.profiles, ...BUILTIN_PROFILES];
    try {
      await browser.scripting.executeScript({ target: { tabId: id }, func: (key: string, value: unknown) => void ((globalThis as unknown as Record<string, unknown>)[key] = value), args: [PROBE_INPUT_KEY, profiles] });
      const [injection] = await browser.scripting.executeScript({ target: { tabId: id }, files: ['/profile-probe.js'] });
      setProbe(describeProbe(injection?.result as ProbeSummary | undefined));
    } catch {
      setProbe({ tone: 'error', lines: ['Carer Prompts may not read that tab. Add its address under “EHR addresses”, save, and allow access.'] });
    }
  };

  return (
    <main class="options">
      <h1>Carer Prompts settings</h1>
      <form onSubmit={(e) => void save(e)}>
        <section>
          <h2>FHIR server</h2>
          <label for="fhir">FHIR R4 base URL</label>
          <input id="fhir" type="url" value={draft.fhirBaseUrl} onInput={set('fhirBaseUrl')} required />
          <button type="button" class="secondary" onClick={() => void testConnection()}>
            Test connection
          </button>
          <StatusLines status={connection} />
          <fieldset>
            <legend>Sign-in</legend>
            <label>
              <input type="radio" name="auth" value="open" checked={draft.authMode !== 'smart'} onChange={() => setDraft({ ...draft, authMode: 'open' })} /> Open sandbox (no sign-in)
            </label>
            <label>
              <input type="radio" name="auth" value="smart" checked={draft.authMode === 'smart'} onChange={() => setDraft({ ...draft, authMode: 'smart' })} /> SMART on FHIR sign-in (the trust’s FHIR server)
            </label>
            {draft.authMode === 'smart' ? (
              <>
                <label for="client-id">Client id registered for Carer Prompts</label>
                <input id="client-id" type="text" value={draft.clientId ?? ''} onInput={set('clientId')} required />
                <p class="hint">Register this redirect address with it: {browser.identity.getRedirectURL()}</p>
                <button type="button" class="secondary" onClick={() => void signOut()}>
                  Sign out
                </button>
                <StatusLines status={signInStatus} />
              </>
            ) : null}
          </fieldset>
        </section>
        <section>
          <h2>EHR addresses</h2>
          <label for="origins">Addresses of the EHR pages, one per line (e.g. https://ehr.example.nhs.uk)</label>
          <textarea id="origins" rows={3} value={draft.ehrOrigins} onInput={set('ehrOrigins')} />
        </section>
        <section>
          <h2>EHR profiles</h2>
          <p class="hint">How your EHR shows the patient (JSON list). Built in: the sandbox EHR, and any EHR with the NHS number in a patient banner.</p>
          <label for="profiles">Your trust’s profiles</label>
          <textarea id="profiles" rows={8} spellcheck={false} value={draft.profiles} onInput={set('profiles')} placeholder='[{"id": "my-ehr", "label": "My EHR", "urlPatterns": ["/patients/(?<id>[A-Za-z0-9.-]+)"], "bannerSelector": ".banner"}]' />
          <div class="row">
            <label for="tab">Test on this tab</label>
            <select id="tab" value={tabId} onChange={(e) => setTabId(e.currentTarget.value)}>
              <option value="">Choose a tab…</option>
              {tabs.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.title}
                </option>
              ))}
            </select>
            <button type="button" class="secondary" onClick={() => void testOnTab()}>
              Test
            </button>
          </div>
          <StatusLines status={probe} />
        </section>
        <section>
          <h2>Policy overrides</h2>
          <label for="policy">JSON, e.g. {'{ "consentReviewMonths": 6 }'}</label>
          <textarea id="policy" rows={4} spellcheck={false} value={draft.policyOverrides} onInput={set('policyOverrides')} />
        </section>
        <button type="submit">Save</button>
        <StatusLines status={status} />
      </form>
    </main>
  );
}

function StatusLines({ status }: { status: Status }) {
  if (!status) return null;
  return (
    <div class={`status status--${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'}>
      {status.lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

function describeProbe(summary: ProbeSummary | undefined): Status {
  if (!summary) return { tone: 'error', lines: ['The check did not run on that tab.'] };
  if (summary.kind === 'none') return { tone: 'error', lines: ['No profile recognised a patient on that tab.'] };
  if (summary.kind === 'ambiguous') return { tone: 'error', lines: [`Profile “${summary.profileId ?? ''}” found two different NHS numbers: the panel would show only a notice there.`] };
  const found = (yes: boolean, what: string) => `${yes ? '✓' : '✗'} ${what}`;
  return {
    tone: 'ok',
    lines: [
      `Recognised a patient with profile “${summary.profileId ?? ''}”.`,
      found(summary.foundFhirId, 'FHIR id from the address'),
      found(summary.foundNhsNumber, 'NHS number in the banner (valid)'),
      found(summary.foundName, 'name in the banner'),
      found(summary.foundBirthDate, 'date of birth in the banner'),
    ],
  };
}

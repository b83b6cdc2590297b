import { useEffect, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import { browser } from '#imports';
import { BUILTIN_PROFILES } from '../profiles/builtin';
import { PROBE_INPUT_KEY, type ProbeSummary } from '../profiles/probe';
import { EhrProfileSchema, type EhrProfile } from '../profiles/schema';
import { SignOutResultSchema, TestConnectionResultSchema, type OptionsToBackground, type TestConnectionResult } from '../protocol/options';
import { parseMessage } from '../protocol/page';
import { optionsItem } from '../storage/items';
import { readEffectiveOptions } from '../storage/managed';
import { DEFAULT_OPTIONS, parseOptions, type ExtensionOptions, type OptionKey } from '../storage/options';
import { describeProfileIssue } from './problemWords';
import { ProfileForm } from './ProfileForm';
import { EMPTY_PROFILE, draftFromProfile, profileFromDraft, type ProfileDraft } from './profileDraft';
import { exportSettings, importSettings } from './settingsFile';
import { draftFrom, originsToRequest, validateOptions, type OptionsDraft } from './validate';

type Status = { tone: 'ok' | 'error' | 'info'; lines: string[] } | undefined;

interface Loaded {
  /** What this browser saved (storage.local); managed options are never written over it. */
  saved: ExtensionOptions;
  /** Options set by the organisation's policy: shown, not editable. */
  managed: ReadonlySet<OptionKey>;
  /** The values in force for the managed options. */
  inForce: ExtensionOptions;
}

const VERSION = browser.runtime.getManifest().version;
const BUILD = `${import.meta.env.CARER_PROMPTS_BUILD ?? 'unknown'}, ${import.meta.env.MODE === 'development' ? 'development build' : 'production build'}`;

function profileDraftsOf(options: ExtensionOptions): ProfileDraft[] {
  return options.profiles.map((p) => draftFromProfile(p));
}

/** Settings: FHIR server, sign-in, EHR addresses and profiles, policy overrides. No patient data. */
export function OptionsApp() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [draft, setDraft] = useState<OptionsDraft>();
  const [profiles, setProfiles] = useState<ProfileDraft[]>([]);
  const [jsonView, setJsonView] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>();
  const [connection, setConnection] = useState<Status>();
  const [probe, setProbe] = useState<{ index: number; status: Status }>();
  const [signInStatus, setSignIn] = useState<Status>();
  const [tabs, setTabs] = useState<{ id: number; title: string }[]>([]);
  const [tabId, setTabId] = useState<string>('');

  const fill = (options: ExtensionOptions) => {
    setDraft(draftFrom(options));
    setProfiles(profileDraftsOf(options));
    setJsonView(undefined);
  };

  useEffect(() => {
    void Promise.all([optionsItem.getValue(), readEffectiveOptions()]).then(([stored, effective]) => {
      const { options: saved, problem } = parseOptions(stored);
      setLoaded({ saved, managed: new Set(effective.managed), inForce: effective.options });
      fill(effective.options);
      const problems = [...(problem ? [problem] : []), ...effective.problems.filter((p) => p !== problem)];
      if (problems.length > 0) setStatus({ tone: 'error', lines: problems });
    });
    // Tabs whose address this extension may read (the EHR origins it was granted).
    void browser.tabs.query({}).then((all) => setTabs(all.filter((t) => t.id !== undefined && t.url?.startsWith('http')).map((t) => ({ id: t.id as number, title: t.title || t.url || 'Untitled' }))));
  }, []);

  if (!draft || !loaded) return <p>Loading settings…</p>;
  const isManaged = (key: OptionKey) => loaded.managed.has(key);
  const set = (field: keyof OptionsDraft) => (event: Event) => setDraft({ ...draft, [field]: (event.currentTarget as HTMLInputElement | HTMLTextAreaElement).value });

  /** The whole form as text, the profiles from their forms or from the JSON view, whichever is open. */
  const currentDraft = (): OptionsDraft => ({ ...draft, profiles: jsonView ?? JSON.stringify(profiles.map(profileFromDraft)) });

  /** The form checked; managed values are the organisation's, so what is saved keeps this browser's own. */
  const checked = () => {
    const result = validateOptions(currentDraft());
    if (!result.ok) return result;
    const own: Record<string, unknown> = { ...result.options };
    for (const key of loaded.managed) {
      if (loaded.saved[key] === undefined) delete own[key];
      else own[key] = loaded.saved[key];
    }
    return { ok: true as const, inForce: result.options, own: own as ExtensionOptions };
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const result = checked();
    if (!result.ok) {
      setStatus({ tone: 'error', lines: result.problems });
      return;
    }
    // Least privilege: ask for exactly the configured origins, on this click (a user gesture).
    // Origins the browser already gives (declared by the build, or granted before) need no prompt.
    const origins = originsToRequest(result.inForce);
    const held = await browser.permissions.contains({ origins }).catch(() => false);
    const granted = held || (await browser.permissions.request({ origins }).catch(() => false));
    await optionsItem.setValue(result.own);
    setLoaded({ ...loaded, saved: result.own });
    setStatus(granted ? { tone: 'ok', lines: ['Saved.'] } : { tone: 'error', lines: ['Saved, but the browser did not grant access to these addresses, so Carer Prompts cannot reach them. Save again and choose Allow.'] });
  };

  const exportFile = () => {
    const result = checked();
    if (!result.ok) {
      setStatus({ tone: 'error', lines: ['Fix these before exporting:', ...result.problems] });
      return;
    }
    const url = URL.createObjectURL(new Blob([exportSettings(result.inForce, VERSION)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'carer-prompts-settings.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setStatus({ tone: 'ok', lines: ['Exported the settings shown here to carer-prompts-settings.json (no patient data, no sign-in).'] });
  };

  const importFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const result = importSettings(await file.text());
    if (!result.ok) {
      setStatus({ tone: 'error', lines: ['Nothing was imported:', ...result.problems] });
      return;
    }
    const kept = [...loaded.managed].map((key) => [key, loaded.inForce[key]] as const);
    fill({ ...result.options, ...Object.fromEntries(kept) } as ExtensionOptions);
    setStatus({ tone: 'info', lines: [`Read the settings from ${file.name}. Check them, then choose Save to use them.`, ...(kept.length ? ['Settings set by your organisation were left as they are.'] : [])] });
  };

  const reset = () => {
    const kept = [...loaded.managed].map((key) => [key, loaded.inForce[key]] as const);
    fill({ ...DEFAULT_OPTIONS, ...Object.fromEntries(kept) } as ExtensionOptions);
    setStatus({ tone: 'info', lines: ['The defaults are filled in. Choose Save to use them, or reload this page to keep your settings.'] });
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

  const testOnTab = async (index: number) => {
    const all = profiles.map(profileFromDraft);
    const parsed = z.safeParse(EhrProfileSchema, all[index] ?? profileFromDraft(EMPTY_PROFILE));
    if (!parsed.success) {
      setProbe({ index, status: { tone: 'error', lines: parsed.error.issues.map((issue) => describeProfileIssue(all, { ...issue, path: [index, ...issue.path] })) } });
      return;
    }
    const id = Number(tabId);
    if (tabId === '' || !Number.isInteger(id)) {
      setProbe({ index, status: { tone: 'error', lines: ['Choose the tab to test on (a tab showing a patient record) above the profiles.'] } });
      return;
    }
    const candidates: EhrProfile[] = [parsed.data, ...BUILTIN_PROFILES];
    try {
      await browser.scripting.executeScript({ target: { tabId: id }, func: (key: string, value: unknown) => void ((globalThis as unknown as Record<string, unknown>)[key] = value), args: [PROBE_INPUT_KEY, candidates] });
      const [injection] = await browser.scripting.executeScript({ target: { tabId: id }, files: ['/profile-probe.js'] });
      setProbe({ index, status: describeProbe(injection?.result as ProbeSummary | undefined, parsed.data.id) });
    } catch {
      setProbe({ index, status: { tone: 'error', lines: ['Carer Prompts may not read that tab. Add its address under “EHR addresses”, save, and allow access.'] } });
    }
  };

  const openJson = () => setJsonView(JSON.stringify(profiles.map(profileFromDraft), null, 2));
  const closeJson = () => {
    if (jsonView === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(jsonView.trim() === '' ? '[]' : jsonView);
    } catch {
      setStatus({ tone: 'error', lines: ['EHR profiles: the JSON is not valid, so the forms cannot show it. Correct it or reload the page.'] });
      return;
    }
    if (!Array.isArray(parsed)) {
      setStatus({ tone: 'error', lines: ['EHR profiles: the JSON must be a list of profiles, [ … ].'] });
      return;
    }
    setProfiles(parsed.map((p) => draftFromProfile(typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {})));
    setJsonView(undefined);
  };

  const managedNote = (key: OptionKey) =>
    isManaged(key) ? (
      <p class="managed" id={`managed-${key}`}>
        Set by your organisation: ask your IT team to change it.
      </p>
    ) : null;
  const describedBy = (key: OptionKey) => (isManaged(key) ? { 'aria-describedby': `managed-${key}` } : {});

  return (
    <main class="options">
      <h1>Carer Prompts settings</h1>
      <p class="version">
        Version {VERSION} (build {BUILD})
      </p>
      {loaded.managed.size > 0 ? <p class="hint">Some settings are set by your organisation and cannot be changed here.</p> : null}
      <form onSubmit={(e) => void save(e)}>
        <section>
          <h2>FHIR server</h2>
          <label for="fhir">FHIR R4 base URL</label>
          {managedNote('fhirBaseUrl')}
          <input id="fhir" type="url" value={draft.fhirBaseUrl} onInput={set('fhirBaseUrl')} required readOnly={isManaged('fhirBaseUrl')} {...describedBy('fhirBaseUrl')} />
          <button type="button" class="secondary" onClick={() => void testConnection()}>
            Test connection
          </button>
          <StatusLines status={connection} />
          <fieldset {...describedBy('authMode')}>
            <legend>Sign-in</legend>
            {managedNote('authMode')}
            <label>
              <input type="radio" name="auth" value="open" checked={draft.authMode !== 'smart'} disabled={isManaged('authMode')} onChange={() => setDraft({ ...draft, authMode: 'open' })} /> Open sandbox (no sign-in)
            </label>
            <label>
              <input type="radio" name="auth" value="smart" checked={draft.authMode === 'smart'} disabled={isManaged('authMode')} onChange={() => setDraft({ ...draft, authMode: 'smart' })} /> SMART on FHIR sign-in (the trust’s FHIR server)
            </label>
            {draft.authMode === 'smart' ? (
              <>
                <label for="client-id">Client id registered for Carer Prompts</label>
                {managedNote('clientId')}
                <input id="client-id" type="text" value={draft.clientId ?? ''} onInput={set('clientId')} required readOnly={isManaged('clientId')} {...describedBy('clientId')} />
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
          {managedNote('ehrOrigins')}
          <textarea id="origins" rows={3} value={draft.ehrOrigins} onInput={set('ehrOrigins')} readOnly={isManaged('ehrOrigins')} {...describedBy('ehrOrigins')} />
        </section>
        <section>
          <h2>EHR profiles</h2>
          <p class="hint">How your EHR shows the patient. Built in: the sandbox EHR, and any EHR with the NHS number in a patient banner. Your profiles are tried first.</p>
          {managedNote('profiles')}
          <label for="tab">Tab to test on</label>
          <select id="tab" value={tabId} onChange={(e) => setTabId(e.currentTarget.value)}>
            <option value="">Choose a tab showing a patient…</option>
            {tabs.map((t) => (
              <option key={t.id} value={String(t.id)}>
                {t.title}
              </option>
            ))}
          </select>
          {jsonView === undefined ? (
            <>
              {profiles.map((profile, index) => (
                <ProfileForm
                  key={index}
                  index={index}
                  draft={profile}
                  readOnly={isManaged('profiles')}
                  onChange={(next) => setProfiles(profiles.map((p, i) => (i === index ? next : p)))}
                  onRemove={() => setProfiles(profiles.filter((_, i) => i !== index))}
                  onTest={() => void testOnTab(index)}
                >
                  {probe?.index === index ? <StatusLines status={probe.status} /> : null}
                </ProfileForm>
              ))}
              <div class="row">
                {isManaged('profiles') ? null : (
                  <button type="button" class="secondary" onClick={() => setProfiles([...profiles, EMPTY_PROFILE])}>
                    Add a profile
                  </button>
                )}
                <button type="button" class="secondary" onClick={openJson}>
                  Edit as JSON (advanced)
                </button>
              </div>
            </>
          ) : (
            <>
              <label for="profiles">Your trust’s profiles (JSON)</label>
              <textarea id="profiles" rows={10} spellcheck={false} value={jsonView} readOnly={isManaged('profiles')} onInput={(e) => setJsonView(e.currentTarget.value)} />
              <button type="button" class="secondary" onClick={closeJson}>
                Back to the forms
              </button>
            </>
          )}
        </section>
        <section>
          <h2>Policy overrides</h2>
          <label for="policy">JSON, e.g. {'{ "consentReviewMonths": 6 }'}</label>
          {managedNote('policyOverrides')}
          <textarea id="policy" rows={4} spellcheck={false} value={draft.policyOverrides} onInput={set('policyOverrides')} readOnly={isManaged('policyOverrides')} {...describedBy('policyOverrides')} />
        </section>
        <div class="row">
          <button type="submit">Save</button>
          <button type="button" class="secondary" onClick={exportFile}>
            Export settings
          </button>
          <button type="button" class="secondary" onClick={reset}>
            Reset to defaults
          </button>
        </div>
        <StatusLines status={status} />
        <section>
          <h2>Copy these settings to other computers</h2>
          <p class="hint">Export writes every setting above to a file (no patient data, no sign-in). Import reads one back into this form; nothing changes until you choose Save.</p>
          <label for="import">Import settings from a file</label>
          <input id="import" type="file" accept="application/json,.json" onChange={(e) => void importFile(e)} />
        </section>
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

function describeProbe(summary: ProbeSummary | undefined, profileId: string): Status {
  if (!summary) return { tone: 'error', lines: ['The check did not run on that tab.'] };
  if (summary.kind === 'none') return { tone: 'error', lines: ['No profile recognised a patient on that tab.'] };
  if (summary.kind === 'ambiguous') return { tone: 'error', lines: [`Profile “${summary.profileId ?? ''}” found two different NHS numbers: the panel would show only a notice there.`] };
  const found = (yes: boolean, what: string) => `${yes ? '✓' : '✗'} ${what}`;
  const other = summary.profileId !== profileId ? [`This profile did not recognise the page; the built-in profile “${summary.profileId ?? ''}” did.`] : [];
  return {
    tone: other.length ? 'error' : 'ok',
    lines: [
      ...other,
      `Recognised a patient with profile “${summary.profileId ?? ''}”.`,
      found(summary.foundFhirId, 'FHIR id from the address'),
      found(summary.foundNhsNumber, 'NHS number in the banner (valid)'),
      found(summary.foundName, 'name in the banner'),
      found(summary.foundBirthDate, 'date of birth in the banner'),
    ],
  };
}

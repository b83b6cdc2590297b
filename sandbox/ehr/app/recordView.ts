/**
 * The main area: the caseload page, or a patient's banner, tabs and tab content. Each navigation
 * aborts the previous one's reads, so a slow answer for one patient can never be drawn on another's page.
 * The banner is replaced whole (never edited) when the patient changes.
 */
import { loadingBanner, patientBanner } from './banner';
import { h } from './dom';
import { isAbortError, type FhirReader, type PatientWithTeam } from './fhir';
import { formatPlainName } from './format';
import { renderHome } from './home';
import { errorNotice, loading } from './messages';
import { parseRoute, patientPath, TAB_LABELS, TABS, type Route, type Tab } from './routes';
import { renderAssessment } from './tabs/assessment';
import { renderCarePlan } from './tabs/carePlan';
import { renderContacts } from './tabs/contacts';
import type { TabRenderer } from './tabs/context';
import { renderSummary } from './tabs/summary';

const RENDERERS: Readonly<Record<Tab, TabRenderer>> = {
  summary: renderSummary,
  assessment: renderAssessment,
  'care-plan': renderCarePlan,
  contacts: renderContacts,
};

const APP_NAME = 'CareRecord';

export class RecordView {
  private controller: AbortController | undefined;
  /** The patient whose banner is on screen, once loaded. */
  private current: { id: string; patient?: PatientWithTeam } | undefined;

  constructor(
    private readonly main: HTMLElement,
    private readonly reader: FhirReader,
    private readonly today: () => Date,
  ) {}

  async show(route: Route): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    try {
      if (route.kind === 'caseload') await this.showCaseload(controller.signal);
      else if (route.kind === 'patient') await this.showPatient(route.patientId, route.tab, controller.signal);
      else this.showNotFound();
    } catch (error) {
      if (!isAbortError(error)) throw error;
    }
  }

  /** Retrying reads the address again: the clinician may have moved on since the failure. */
  private readonly retry = (): void => {
    void this.show(parseRoute(window.location.pathname));
  };

  private async showCaseload(signal: AbortSignal): Promise<void> {
    this.current = undefined;
    document.title = `Caseload — ${APP_NAME}`;
    this.main.replaceChildren(loading('Loading caseload…'));
    const content = await renderHome(this.reader, signal, this.retry);
    signal.throwIfAborted();
    this.main.replaceChildren(content);
  }

  private showNotFound(): void {
    this.current = undefined;
    document.title = `Page not found — ${APP_NAME}`;
    this.main.replaceChildren(
      h(
        'div',
        { className: 'page-heading' },
        h('h1', {}, 'Page not found'),
        h('p', {}, 'Check the address, or choose a patient from your caseload.'),
      ),
    );
  }

  private async showPatient(patientId: string, tab: Tab, signal: AbortSignal): Promise<void> {
    let banner = this.main.querySelector<HTMLElement>('#patient-banner');
    let nav = this.main.querySelector<HTMLElement>('nav.tabs');
    let panel = this.main.querySelector<HTMLElement>('#tab-panel');
    const samePatient = this.current?.id === patientId && this.current.patient !== undefined && banner && nav && panel;
    if (!samePatient || !banner || !nav || !panel) {
      // A different patient: nothing of the previous one may stay on screen while the next loads.
      this.current = { id: patientId };
      document.title = `Patient record — ${APP_NAME}`;
      banner = loadingBanner();
      nav = tabNav(patientId, tab);
      panel = h('div', { className: 'tab-panel', attrs: { id: 'tab-panel', role: 'region', 'aria-label': TAB_LABELS[tab], tabindex: '-1' } });
      panel.append(loading('Loading record…'));
      this.main.replaceChildren(banner, nav, panel);
      this.main.scrollTo?.({ top: 0 });
      let patient: PatientWithTeam;
      try {
        patient = await this.reader.patient(patientId, signal);
      } catch (error) {
        if (isAbortError(error)) throw error;
        banner.remove();
        nav.remove();
        panel.replaceChildren(errorNotice('Patient record unavailable', error instanceof Error ? error.message : 'Try again.', this.retry));
        return;
      }
      signal.throwIfAborted();
      this.current = { id: patientId, patient };
      const loaded = patientBanner(patient, this.today());
      banner.replaceWith(loaded);
      document.title = `${formatPlainName(patient.name)} — ${APP_NAME}`;
    } else {
      updateTabNav(nav, tab);
      panel.setAttribute('aria-label', TAB_LABELS[tab]);
    }
    const patient = this.current?.patient;
    if (!patient) return;
    panel.replaceChildren(loading(`Loading ${TAB_LABELS[tab].toLowerCase()}…`));
    try {
      const content = await RENDERERS[tab]({ patient, reader: this.reader, signal, today: this.today() });
      signal.throwIfAborted();
      panel.replaceChildren(content);
    } catch (error) {
      if (isAbortError(error)) throw error;
      panel.replaceChildren(errorNotice(`${TAB_LABELS[tab]} unavailable`, error instanceof Error ? error.message : 'Try again.', this.retry));
    }
  }
}

function tabNav(patientId: string, active: Tab): HTMLElement {
  const nav = h(
    'nav',
    { className: 'tabs', attrs: { 'aria-label': 'Record sections' } },
    h(
      'ul',
      { className: 'tabs__list' },
      ...TABS.map((tab) => h('li', {}, h('a', { className: 'tabs__tab', attrs: { href: patientPath(patientId, tab), 'data-tab': tab } }, TAB_LABELS[tab]))),
    ),
  );
  updateTabNav(nav, active);
  return nav;
}

function updateTabNav(nav: HTMLElement, active: Tab): void {
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[data-tab]')) {
    if (link.dataset.tab === active) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

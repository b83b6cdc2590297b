/**
 * The caseload sidebar, on every page: the clinician's patients by surname, fifty at a time, with a
 * search by name or NHS number. Each entry is a link, so moving to another patient is one click.
 */
import { h } from './dom';
import { isAbortError, type FhirReader, type PatientWithTeam } from './fhir';
import { formatBannerName, formatNhsNumber, nhsNumberOf } from './format';
import { errorNotice } from './messages';
import { patientPath } from './routes';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 250;

export class CaseloadSidebar {
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly more: HTMLButtonElement;
  private readonly input: HTMLInputElement;
  private offset = 0;
  private query = '';
  private activeId: string | undefined;
  private controller: AbortController | undefined;
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly reader: FhirReader,
  ) {
    this.input = h('input', {
      className: 'input',
      attrs: { id: 'caseload-search', type: 'search', placeholder: 'Name or NHS number', autocomplete: 'off', spellcheck: 'false' },
    });
    const form = h(
      'form',
      { className: 'caseload__search', attrs: { role: 'search' } },
      h('label', { className: 'visually-hidden', attrs: { for: 'caseload-search' } }, 'Search caseload by name or NHS number'),
      this.input,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.search(this.input.value);
    });
    this.input.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.search(this.input.value), SEARCH_DELAY_MS);
    });
    this.list = h('ul', { className: 'caseload__list', attrs: { 'aria-label': 'Patients' } });
    this.status = h('div', { className: 'caseload__status', attrs: { role: 'status' } });
    this.more = h('button', { className: 'button button--secondary caseload__more', attrs: { type: 'button', hidden: '' } }, 'Show more patients');
    this.more.addEventListener('click', () => void this.load(false));
    root.replaceChildren(
      h('div', { className: 'caseload__header' }, h('h2', { className: 'caseload__title', attrs: { id: 'caseload-title' } }, 'My caseload')),
      form,
      this.status,
      this.list,
      this.more,
    );
    root.setAttribute('aria-labelledby', 'caseload-title');
  }

  start(): void {
    void this.load(true);
  }

  /** Marks the patient on screen in the list (or none on the caseload page). */
  setActive(patientId: string | undefined): void {
    this.activeId = patientId;
    for (const link of this.list.querySelectorAll<HTMLAnchorElement>('a[data-patient-id]')) {
      if (link.dataset.patientId === patientId) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  private search(text: string): void {
    const query = text.trim();
    if (query === this.query) return;
    this.query = query;
    void this.load(true);
  }

  private async load(fresh: boolean): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    if (fresh) {
      this.offset = 0;
      this.list.replaceChildren();
    }
    this.more.hidden = true;
    this.status.replaceChildren(h('span', { className: 'muted' }, 'Loading caseload…'));
    try {
      const page = await this.reader.patients({ offset: this.offset, count: PAGE_SIZE, text: this.query }, controller.signal);
      this.offset += page.patients.length;
      this.list.append(...page.patients.map((patient) => this.entry(patient)));
      this.more.hidden = !page.more;
      const shown = this.list.childElementCount;
      this.status.replaceChildren(
        h('span', { className: 'muted' }, shown === 0 ? (this.query ? 'No patients match this search.' : 'No patients on this caseload.') : `${shown}${page.more ? '+' : ''} patients`),
      );
      this.setActive(this.activeId);
    } catch (error) {
      if (isAbortError(error)) return;
      this.status.replaceChildren(
        errorNotice('Caseload unavailable', error instanceof Error ? error.message : 'The caseload could not be loaded.', () => void this.load(fresh)),
      );
    }
  }

  private entry(patient: PatientWithTeam): HTMLLIElement {
    const id = patient.id;
    const nhsNumber = nhsNumberOf(patient.identifier);
    const team = patient.team;
    return h(
      'li',
      {},
      h(
        'a',
        { className: 'caseload__item', attrs: { href: patientPath(id), 'data-patient-id': id } },
        h('span', { className: 'caseload__name' }, formatBannerName(patient.name)),
        h('span', { className: 'caseload__meta' }, nhsNumber ? formatNhsNumber(nhsNumber) : 'No NHS number'),
        team ? h('span', { className: 'caseload__team' }, team) : null,
      ),
    );
  }
}

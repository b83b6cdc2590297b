/**
 * Keyboard and screen reader (issue 10, item 5): where focus goes, what the live region says, and
 * accessible names that contain the visible label and the carer they are for.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '../../../extension/panel/components/App';
import type { PanelConnection } from '../../../extension/panel/connection';
import { applyMessage, createPanelStore, type PanelStore } from '../../../extension/panel/store';
import type { PanelView } from '../../../extension/protocol/view';
import { AmiraReady, CarerSara } from './fixtures';
import { draftsItem } from '../../../extension/storage/items';

const LOAD = '0123456789abcdef';

/** Preact runs effects after the next paint (a frame, then a task): wait for that point, not for a time. */
const afterPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const connection: PanelConnection = { run: () => 'req-1', retry: () => undefined, signIn: () => undefined, layout: () => undefined };

function showPanel(view: PanelView = AmiraReady): { store: PanelStore; container: HTMLElement } {
  const store = createPanelStore();
  applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view });
  const { container } = render(<App store={store} connection={connection} />);
  return { store, container: container as HTMLElement };
}

describe('focus in the panel', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('returns focus to the button that opened a form when the form is cancelled', async () => {
    const { container } = showPanel();
    const opener = container.querySelector<HTMLElement>('[data-prompt-code="offer-assessment"] [data-action="offer-assessment"]')!;
    opener.focus();
    fireEvent.click(opener);
    const form = await screen.findByRole('form', { name: /assessment/ });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(form.isConnected).toBe(false));
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('returns focus to the button that opened a form when Escape is pressed in it', async () => {
    const { container } = showPanel();
    const opener = container.querySelector<HTMLElement>(`[data-carer="${CarerSara.id}"] [data-action="record-consent"]`)!;
    opener.focus();
    fireEvent.click(opener);
    await screen.findByRole('form', { name: 'Consent to share with Sara Khan' });
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(opener));
  });

  it('leaves focus where it is when a saved draft reopens its form by itself', async () => {
    const first = showPanel();
    fireEvent.click(first.container.querySelector<HTMLElement>('[data-prompt-code="record-consent"] [data-action="record-consent"]')!);
    fireEvent.click(await screen.findByLabelText('Declines to share'));
    await waitFor(async () => expect(Object.keys(await draftsItem.getValue())).toHaveLength(1));
    cleanup();

    // Where the clinician is working (in the panel's frame, focus elsewhere than the form).
    const elsewhere = document.body.appendChild(document.createElement('button'));
    elsewhere.focus();
    showPanel();
    await screen.findByRole('form', { name: 'Consent to share with Sara Khan' });
    await afterPaint();
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });

  it('moves focus to the tab when the panel is hidden, and to the panel’s title when it is shown again', async () => {
    showPanel();
    const hide = screen.getByRole('button', { name: 'Hide Carer Prompts' });
    hide.focus();
    fireEvent.click(hide);
    const tab = await screen.findByRole('button', { name: /Show Carer Prompts/ });
    await waitFor(() => expect(document.activeElement).toBe(tab));
    fireEvent.click(tab);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
  });
});

describe('the live region', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('is one polite region in the page from the first render, before any patient is shown', () => {
    const store = createPanelStore();
    const { container } = render(<App store={store} connection={connection} />);
    const regions = container.querySelectorAll('[role="status"], [aria-live]');
    expect(regions).toHaveLength(1);
    expect(regions[0]?.getAttribute('aria-live')).toBe('polite');
  });

  it('says how many prompts there are to do for the patient, in the same region, collapsed or not', async () => {
    const store = createPanelStore();
    const { container } = render(<App store={store} connection={connection} />);
    const region = container.querySelector('[role="status"]');
    applyMessage(store, { type: 'view', page: { load: LOAD, seq: 1 }, view: AmiraReady });
    await waitFor(() => expect(region?.textContent).toBe('2 prompts to do for this patient.'));
    expect(container.querySelectorAll('[role="status"]')).toHaveLength(1);
    expect(container.querySelector('[role="status"]')).toBe(region);
  });
});

describe('accessible names', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => cleanup());

  it('names each prompt button with its visible label and the carer it is for', () => {
    showPanel();
    expect(screen.getByRole('button', { name: 'Record consent decision for Sara Khan' }).textContent).toBe('Record consent decision');
    expect(screen.getByRole('button', { name: 'Record assessment offer for Sara Khan' }).textContent).toBe('Record assessment offer');
  });

  it('names each carer card button with its visible label and the carer', () => {
    const { container } = showPanel();
    const button = container.querySelector(`[data-carer="${CarerSara.id}"] [data-action="record-consent"]`);
    expect(button?.textContent).toBe('Record consent');
    expect(button?.getAttribute('aria-label')).toBe('Record consent for Sara Khan');
  });

  it('names the Hide button with its visible word in it', () => {
    showPanel();
    const hide = screen.getByRole('button', { name: 'Hide Carer Prompts' });
    expect(hide.textContent).toBe('Hide');
  });

  it('keeps headings in order: the panel’s title, its sections, then the groups and the open form', async () => {
    const { container } = showPanel();
    fireEvent.click(container.querySelector<HTMLElement>('[data-prompt-code="offer-assessment"] [data-action="offer-assessment"]')!);
    await screen.findByRole('form');
    const levels = [...container.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName.slice(1)));
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  });
});

import { describe, expect, it } from 'vitest';
import { isOwnContentScript, isOwnOptionsPage, isOwnPanel } from '../../../extension/background/senders';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

describe('who may talk to the background worker', () => {
  it('accepts this extension’s content script in a tab’s top frame', () => {
    expect(isOwnContentScript({ id: ID, tab: { id: 3 }, frameId: 0, url: 'https://ehr.example.nhs.uk/patient/1' }, ID, ORIGIN)).toBe(true);
  });

  it.each([
    ['another extension', { id: 'zzzz', tab: { id: 3 }, frameId: 0, url: 'https://ehr.example.nhs.uk/' }],
    ['a sub-frame of the page', { id: ID, tab: { id: 3 }, frameId: 7, url: 'https://ads.example/' }],
    ['no tab', { id: ID, frameId: 0, url: 'https://ehr.example.nhs.uk/' }],
    ['an extension page pretending', { id: ID, tab: { id: 3 }, frameId: 0, url: `${ORIGIN}/options.html` }],
  ])('ignores %s as a content script', (_what, sender) => {
    expect(isOwnContentScript(sender, ID, ORIGIN)).toBe(false);
  });

  it('accepts the panel page framed in a tab, and nothing else as the panel', () => {
    expect(isOwnPanel({ id: ID, tab: { id: 3 }, frameId: 4, url: `${ORIGIN}/panel.html` }, ID, ORIGIN)).toBe(true);
    expect(isOwnPanel({ id: ID, tab: { id: 3 }, frameId: 4, url: `${ORIGIN}/options.html` }, ID, ORIGIN)).toBe(false);
    expect(isOwnPanel({ id: ID, tab: { id: 3 }, frameId: 4, url: 'https://evil.example/panel.html' }, ID, ORIGIN)).toBe(false);
    expect(isOwnPanel({ id: 'other', tab: { id: 3 }, frameId: 4, url: `${ORIGIN}/panel.html` }, ID, ORIGIN)).toBe(false);
  });

  it('ignores the panel page opened as a tab’s top document rather than framed beside the record', () => {
    expect(isOwnPanel({ id: ID, tab: { id: 3 }, frameId: 0, url: `${ORIGIN}/panel.html` }, ID, ORIGIN)).toBe(false);
    expect(isOwnPanel({ id: ID, tab: { id: 3 }, url: `${ORIGIN}/panel.html` }, ID, ORIGIN)).toBe(false);
  });

  it('accepts the options page only from this extension', () => {
    expect(isOwnOptionsPage({ id: ID, tab: { id: 9 }, url: `${ORIGIN}/options.html` }, ID, ORIGIN)).toBe(true);
    expect(isOwnOptionsPage({ id: ID, tab: { id: 9 }, url: `${ORIGIN}/panel.html` }, ID, ORIGIN)).toBe(false);
    expect(isOwnOptionsPage({ id: ID, url: 'https://ehr.example.nhs.uk/options.html' }, ID, ORIGIN)).toBe(false);
  });
});

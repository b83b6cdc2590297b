import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { BUILTIN_PROFILES } from '../../../extension/profiles/builtin';
import { EhrProfileSchema } from '../../../extension/profiles/schema';
import { isFrameLayout, isProfileList } from '../../../extension/protocol/contentGuards';
import { BackgroundToContentSchema } from '../../../extension/protocol/page';

const LOAD = '0123456789abcdef0123456789abcdef';
const layouts: unknown[] = [
  { type: 'frame/layout', page: { load: LOAD, seq: 3 }, visible: true, mode: 'expanded' },
  { type: 'frame/layout', page: { load: LOAD, seq: 3 }, visible: false, mode: 'collapsed' },
  { type: 'frame/layout', page: { load: LOAD, seq: '3' }, visible: true, mode: 'expanded' },
  { type: 'frame/layout', page: { load: 'short', seq: 3 }, visible: true, mode: 'expanded' },
  { type: 'frame/layout', page: { seq: 3 }, visible: true, mode: 'expanded' },
  { type: 'frame/layout', seq: 3, visible: true, mode: 'expanded' },
  { type: 'frame/layout', page: { load: LOAD, seq: 3 }, visible: 'yes', mode: 'expanded' },
  { type: 'frame/layout', page: { load: LOAD, seq: 3 }, visible: true, mode: 'sideways' },
  { type: 'page/recognition', page: { load: LOAD, seq: 3 } },
  null,
  'frame/layout',
  [],
];

describe('the content script’s hand-written message checks', () => {
  it.each(layouts.map((m) => [JSON.stringify(m), m]))('agree with the zod schema on %s', (_label, message) => {
    expect(isFrameLayout(message)).toBe(z.safeParse(BackgroundToContentSchema, message).success);
  });

  it('accept the built-in profiles, as the schema does', () => {
    expect(z.safeParse(z.array(EhrProfileSchema), BUILTIN_PROFILES).success).toBe(true);
    expect(isProfileList(BUILTIN_PROFILES)).toBe(true);
  });

  it.each([
    [[{ id: 'x', label: 'X', urlPatterns: 'not-a-list', examples: [] }]],
    [[{ id: 'x', label: 'X', urlPatterns: [], bannerSelector: 42, examples: [] }]],
    [[{ label: 'X', urlPatterns: [], examples: [] }]],
    [{ id: 'x' }],
  ])('refuse profile lists the schema refuses: %j', (value) => {
    expect(z.safeParse(z.array(EhrProfileSchema), value).success).toBe(false);
    expect(isProfileList(value)).toBe(false);
  });
});

import type { EhrProfile } from '../profiles/schema';
import type { BackgroundToContent } from './page';

/**
 * The content script's checks on the two messages it receives, both from this extension's own
 * background worker (the sender id is checked first) and both already parsed there with the zod
 * schemas in ./page.ts and ../profiles/schema.ts. They are written out by hand because zod alone
 * would take the content script — which runs on every EHR page — past its 10 KB budget.
 * tests/extension/protocol/contentGuards.test.ts checks they accept exactly what the schemas accept.
 */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isOptionalString = (value: unknown): boolean => value === undefined || typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

export function isFrameLayout(message: unknown): message is BackgroundToContent {
  return (
    isObject(message) &&
    message.type === 'frame/layout' &&
    isObject(message.page) &&
    typeof message.page.load === 'string' &&
    message.page.load.length >= 16 &&
    message.page.load.length <= 64 &&
    typeof message.page.seq === 'number' &&
    typeof message.visible === 'boolean' &&
    (message.mode === 'collapsed' || message.mode === 'expanded')
  );
}

function isProfile(value: unknown): value is EhrProfile {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.label === 'string' &&
    isStringArray(value.urlPatterns) &&
    isOptionalString(value.bannerSelector) &&
    isOptionalString(value.nhsNumberSelector) &&
    isOptionalString(value.nameSelector) &&
    isOptionalString(value.birthDateSelector) &&
    Array.isArray(value.examples)
  );
}

export function isProfileList(message: unknown): message is EhrProfile[] {
  return Array.isArray(message) && message.length <= 50 && message.every(isProfile);
}

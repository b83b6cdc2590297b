import { describe, expect, it } from 'vitest';
import { draftFromProfile, profileFromDraft } from '../../../extension/options/profileDraft';

describe('an EHR profile as a form', () => {
  it('turns the form back into the same profile, URL patterns one per line, blank selectors left out', () => {
    const profile = { id: 'trust-ehr', label: 'Trust EHR', urlPatterns: ['/a/(?<id>\\d+)', '/b/(?<id>\\d+)'], bannerSelector: '#banner', examples: [{ url: 'https://ehr/a/1', id: '1' }] };
    const draft = draftFromProfile(profile);
    expect(draft.urlPatterns).toBe('/a/(?<id>\\d+)\n/b/(?<id>\\d+)');
    expect(draft.nhsNumberSelector).toBe('');
    expect(profileFromDraft(draft)).toEqual(profile);
  });
});

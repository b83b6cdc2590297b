import { describe, expect, it } from 'vitest';
import { coveredBy, ehrMatchPatterns } from '../../../extension/background/registration';

describe('content script registration for configured EHR origins', () => {
  it('turns origins into host match patterns, once each', () => {
    expect(ehrMatchPatterns(['https://ehr.example.nhs.uk', 'https://ehr.example.nhs.uk:8443/app', 'http://127.0.0.1:8080', 'ftp://x', 'nonsense'])).toEqual([
      'https://ehr.example.nhs.uk/*',
      'http://127.0.0.1/*',
    ]);
  });

  it('skips origins the development manifest already covers', () => {
    expect(coveredBy(['http://127.0.0.1/*', 'http://localhost/*'], 'http://127.0.0.1/*')).toBe(true);
    expect(coveredBy(['http://127.0.0.1/*'], 'https://ehr.example.nhs.uk/*')).toBe(false);
  });
});

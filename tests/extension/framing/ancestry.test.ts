import { describe, expect, it } from 'vitest';
import { framedByEhrPage } from '../../../extension/framing/ancestry';

const trust = { ehrOrigins: ['https://ehr.example.nhs.uk', 'http://ehr.internal:8080'], loopback: false };
const development = { ehrOrigins: [], loopback: true };

describe('where the panel may be framed', () => {
  it.each([
    ['directly by a configured EHR origin', ['https://ehr.example.nhs.uk'], trust, true],
    ['directly by a configured internal http origin with its port', ['http://ehr.internal:8080'], trust, true],
    ['by the same host on another port', ['http://ehr.internal:9090'], trust, false],
    ['by the same host over another scheme', ['http://ehr.example.nhs.uk'], trust, false],
    ['by another site', ['https://elsewhere.example'], trust, false],
    ['by another site’s frame inside the EHR page', ['https://advert.example', 'https://ehr.example.nhs.uk'], trust, false],
    ['by the EHR inside another site', ['https://ehr.example.nhs.uk', 'https://elsewhere.example'], trust, false],
    ['as a top-level page (no ancestor)', [], trust, false],
    ['by an opaque origin', ['null'], trust, false],
    ['by the sandbox on loopback, development build', ['http://127.0.0.1:8080'], development, true],
    ['by localhost, development build', ['http://localhost:5173'], development, true],
    ['by loopback in a production build', ['http://127.0.0.1:8080'], trust, false],
    ['by another site, development build', ['https://elsewhere.example'], development, false],
  ] as const)('framed %s: %s', (_case, ancestors, policy, expected) => {
    expect(framedByEhrPage(ancestors, policy)).toBe(expected);
  });
});

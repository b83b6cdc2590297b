import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, isIdempotent, parseRetryAfter } from '../../../adapter/http/retry';

const entry = (request: Record<string, string>) => ({ resource: { resourceType: 'Consent' }, request });
const bundle = (type: string, ...entries: unknown[]) => ({ resourceType: 'Bundle', type, entry: entries });

describe('isIdempotent', () => {
  it.each([
    ['a read', 'GET', {}, undefined, true],
    ['a PUT with If-Match', 'PUT', { 'if-match': 'W/"3"' }, {}, true],
    ['a PUT without If-Match', 'PUT', {}, {}, false],
    ['a conditional create', 'POST', { 'if-none-exist': 'identifier=a|b' }, {}, true],
    ['a plain create', 'POST', {}, { resourceType: 'Consent' }, false],
    ['a transaction of conditional entries', 'POST', {}, bundle('transaction', entry({ method: 'POST', url: 'Consent', ifNoneExist: 'identifier=a|b' }), entry({ method: 'PUT', url: 'Consent/1', ifMatch: 'W/"1"' })), true],
    ['a transaction with one plain create', 'POST', {}, bundle('transaction', entry({ method: 'POST', url: 'Consent', ifNoneExist: 'identifier=a|b' }), entry({ method: 'POST', url: 'Provenance' })), false],
    ['a batch of searches', 'POST', {}, bundle('batch', entry({ method: 'GET', url: 'Consent?patient=Patient/1' })), true],
    ['an empty transaction', 'POST', {}, bundle('transaction'), false],
    ['a transaction with a DELETE', 'POST', {}, bundle('transaction', entry({ method: 'DELETE', url: 'Consent/1' })), false],
  ] as const)('%s → %s', (_what, method, headers, body, expected) => {
    expect(isIdempotent(method, headers, body)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Mon, 23 Nov 2026 10:00:05 GMT', 5_000],
    ['Mon, 23 Nov 2026 09:59:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    [null, undefined],
  ] as const)('reads %j as %j ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('doubles the ceiling each retry, up to the maximum, and jitters below it', () => {
    const top = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5].map((retry) => backoffDelay(retry, DEFAULT_RETRY_POLICY, top))).toEqual([249, 499, 999, 1999, 3999, 3999]);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
  });
});

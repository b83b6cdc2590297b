import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FHIR_ERROR_KINDS, FhirError, normalizeFhirError, userMessageFor } from '../../adapter/errors';

const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Version mismatch' }] };
const searchUrl = 'https://fhir.test/R4/Patient?identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018';

describe('normalizeFhirError', () => {
  it('reads a fhir-kit-client 2.x Error carrying response and response headers under config', () => {
    const thrown = Object.assign(new Error(`HTTP 412: PUT ${searchUrl}`), {
      response: { status: 412, data: outcome },
      config: { status: 412, data: outcome, method: 'PUT', url: searchUrl, headers: new Headers({ etag: 'W/"4"' }) },
    });
    const error = normalizeFhirError(thrown, { interaction: 'update', resourceType: 'Consent', precondition: 'if-match' });
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(412);
    expect(error.issues).toEqual(['error conflict: Version mismatch']);
    expect(error.userMessage).toBe('Someone else changed this consent record since you opened it. Compare their version with yours before saving again.');
  });

  it('reads a fhir-kit-client 1.x plain object', () => {
    const error = normalizeFhirError({ response: { status: 409, data: outcome }, config: { method: 'put', url: searchUrl, headers: { 'retry-after': '1' } } });
    expect(error).toBeInstanceOf(FhirError);
    expect(error.kind).toBe('conflict');
    expect(error.status).toBe(409);
  });

  it.each([
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [405, 'unsupported'],
    [408, 'timeout'],
    [410, 'gone'],
    [422, 'bad-request'],
    [429, 'rate-limited'],
    [500, 'server'],
    [501, 'unsupported'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'timeout'],
  ] as const)('maps HTTP %i to %s', (status, kind) => {
    expect(normalizeFhirError({ response: { status, data: {} } }).kind).toBe(kind);
  });

  it('treats a 2xx that fhir-kit-client could not parse as an invalid response', () => {
    expect(normalizeFhirError({ response: { status: 200, data: '<html>' } }).kind).toBe('invalid-response');
  });

  it('reads fetch failures, timeouts, aborts and zod errors', () => {
    expect(normalizeFhirError(new TypeError('fetch failed')).kind).toBe('network');
    expect(normalizeFhirError(new DOMException('timed out', 'TimeoutError')).kind).toBe('timeout');
    expect(normalizeFhirError(new DOMException('aborted', 'AbortError')).kind).toBe('aborted');
    const zodError = z.object({ a: z.string() }).safeParse({ a: 1 }).error;
    expect(normalizeFhirError(zodError).kind).toBe('invalid-response');
  });

  it('returns a FhirError unchanged', () => {
    const original = new FhirError({ kind: 'gone' });
    expect(normalizeFhirError(original)).toBe(original);
  });

  it('turns anything else into a server error that still has a sentence for the clinician', () => {
    const error = normalizeFhirError('a string was thrown');
    expect(error.kind).toBe('server');
    expect(error.userMessage).toMatch(/IT service desk/);
  });

  it('never puts the request URL (which can hold an NHS number) in the message or keep it as the cause', () => {
    const thrown = Object.assign(new Error(`HTTP 500: GET ${searchUrl}`), { response: { status: 500, data: {} }, config: { url: searchUrl } });
    const error = normalizeFhirError(thrown, { interaction: 'search', resourceType: 'Patient' });
    expect(error.message).not.toContain('9990000018');
    expect(error.userMessage).not.toContain('9990000018');
    expect(error.cause).toBeUndefined();
  });
});

describe('the sentence for the clinician', () => {
  it.each([
    [undefined, 'Try again in a minute.'],
    [1, 'Try again in a second or two.'],
    [5, 'Try again in about 5 seconds.'],
    [120, 'Try again in about 2 minutes.'],
  ])('says how long to wait in plain words (Retry-After %s s)', (retryAfterSeconds, ending) => {
    const context = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
    expect(userMessageFor('rate-limited', context)).toMatch(new RegExp(`${ending.replace(/\./g, '\\.')}$`));
  });

  it.each(FHIR_ERROR_KINDS)('exists for %s and ends with a full stop', (kind) => {
    const message = userMessageFor(kind, { interaction: 'update', resourceType: 'Consent' });
    expect(message.length).toBeGreaterThan(10);
    expect(message.endsWith('.')).toBe(true);
  });

  it('says a timed-out write may or may not have been saved', () => {
    expect(userMessageFor('timeout', { interaction: 'create', resourceType: 'RelatedPerson' })).toMatch(/cannot tell whether the carer record was saved/);
  });

  it('tells duplicates apart from a stale version on a 412', () => {
    expect(userMessageFor('conflict', { interaction: 'create', resourceType: 'RelatedPerson', precondition: 'if-none-exist' })).toMatch(/More than one matching carer record/);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy, PolicyError, PolicySchema } from '../../shared/policy';
import { DEFAULT_EXTENSION_BASE } from '../../shared/terminology';

function policyError(json: unknown): PolicyError {
  try {
    parsePolicy(json);
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error('expected parsePolicy to throw');
}

describe('DEFAULT_POLICY', () => {
  it('holds the commitments of the design', () => {
    expect(DEFAULT_POLICY).toEqual({
      firstOfferWithinMonths: 3,
      assessmentReviewMonths: 12,
      consentReviewMonths: 12,
      offerFollowUpDays: 28,
      askAgainDays: 28,
      youngCarerUnderAge: 18,
      timeZone: 'Europe/London',
      extensionBase: DEFAULT_EXTENSION_BASE,
      rag: { green: 0.8, amber: 0.5 },
      signposts: [
        { id: 'carers-centre', label: "The local carers' centre" },
        { id: 'trust-carer-information', label: "The trust's carer information pack" },
      ],
      crisisNumbers: [
        { id: 'crisis-line', label: "The trust's 24-hour mental health crisis line" },
        { id: 'out-of-hours', label: 'Out-of-hours contact for the care team (evenings, weekends, bank holidays)' },
      ],
      generalInformation: [
        { id: 'the-condition', label: 'The condition in general (not the patient’s own)' },
        { id: 'medication-in-general', label: 'Medication in general' },
        { id: 'mental-health-act', label: 'The Mental Health Act and carers’ rights under it' },
        { id: 'care-programme-approach', label: 'The care programme approach' },
      ],
      // "We will ensure a prompt response is provided to carer enquiries": a local default, not a statutory period.
      enquiryResponseWorkingDays: 5,
      bankHolidays: 'england-and-wales',
      extraNonWorkingDays: [],
      carerSupportOrganisations: [
        { id: 'local-authority', name: "The local authority's adult social care (carers' assessments)" },
        { id: 'carers-centre', name: "The local carers' centre" },
      ],
    });
  });

  it('offers no default signpost to crisis numbers: they have their own prompt and record (give-crisis-numbers), which a signpost would not close', () => {
    expect(DEFAULT_POLICY.signposts.filter((s) => /crisis|out-of-hours/i.test(`${s.id} ${s.label}`))).toEqual([]);
  });

  it('takes the crisis numbers a trust gives carers from the policy, never from the code', () => {
    const policy = parsePolicy({ crisisNumbers: [{ id: 'north-crisis', label: 'Northshire crisis line 0800 000 0000', url: 'https://trust.example.nhs.uk/crisis' }] });
    expect(policy.crisisNumbers).toEqual([{ id: 'north-crisis', label: 'Northshire crisis line 0800 000 0000', url: 'https://trust.example.nhs.uk/crisis' }]);
    expect(() => parsePolicy({ crisisNumbers: [] })).toThrow(/crisisNumbers: must list at least one number/);
    expect(() => parsePolicy({ crisisNumbers: [{ id: 'x', label: 'x', url: 'http://insecure.example' }] })).toThrow(/https/);
  });

  it('takes the bank holiday calendar and the extra non-working days from the policy, refusing what it cannot read', () => {
    expect(parsePolicy({ bankHolidays: 'none', extraNonWorkingDays: ['2026-11-30', '2027-01-04'] })).toMatchObject({ bankHolidays: 'none', extraNonWorkingDays: ['2026-11-30', '2027-01-04'] });
    expect(() => parsePolicy({ bankHolidays: 'scotland' })).toThrow(/bankHolidays: must be "england-and-wales" or "none"/);
    expect(() => parsePolicy({ extraNonWorkingDays: ['08/05/2023'] })).toThrow(/extraNonWorkingDays\.0: must be a date written YYYY-MM-DD/);
    expect(() => parsePolicy({ extraNonWorkingDays: ['2023-02-30'] })).toThrow(/extraNonWorkingDays\.0: must be a date written YYYY-MM-DD/);
    expect(() => parsePolicy({ extraNonWorkingDays: [20230508] })).toThrow(/extraNonWorkingDays\.0: must be a date written YYYY-MM-DD/);
  });

  it('refuses a carers’ support organisation without a name, or with an identifier that is not a URI system', () => {
    expect(PolicySchema.safeParse({ ...DEFAULT_POLICY, carerSupportOrganisations: [{ id: 'la', name: '' }] }).success).toBe(false);
    expect(PolicySchema.safeParse({ ...DEFAULT_POLICY, carerSupportOrganisations: [{ id: 'la', name: 'Council', identifier: { system: 'not a uri', value: 'X1' } }] }).success).toBe(false);
    expect(PolicySchema.safeParse({ ...DEFAULT_POLICY, carerSupportOrganisations: [{ id: 'la', name: 'Council', identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'X1' } }] }).success).toBe(true);
    expect(PolicySchema.safeParse({ ...DEFAULT_POLICY, carerSupportOrganisations: [] }).success).toBe(false);
  });

  it('is itself a valid policy', () => {
    expect(PolicySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it('names unknown fields when the schema is used directly', () => {
    const result = PolicySchema.safeParse({ ...DEFAULT_POLICY, colour: 'red', rag: { ...DEFAULT_POLICY.rag, red: 0.1 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['rag', 'unknown field(s): red'],
      ['', 'unknown field(s): colour'],
    ]);
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY.rag)).toBe(true);
  });
});

describe('parsePolicy', () => {
  it('gives the defaults for nothing or an empty object', () => {
    expect(parsePolicy(undefined)).toEqual(DEFAULT_POLICY);
    expect(parsePolicy({})).toEqual(DEFAULT_POLICY);
  });

  it('returns a copy the caller may change without touching the defaults', () => {
    const policy = parsePolicy({});
    policy.rag.green = 0.9;
    expect(DEFAULT_POLICY.rag.green).toBe(0.8);
  });

  it('merges overrides over the defaults', () => {
    const policy = parsePolicy({ consentReviewMonths: 6, offerFollowUpDays: 14, timeZone: 'Europe/Belfast' });
    expect(policy).toEqual({ ...DEFAULT_POLICY, consentReviewMonths: 6, offerFollowUpDays: 14, timeZone: 'Europe/Belfast' });
  });

  it('merges a partial rag over the default thresholds', () => {
    expect(parsePolicy({ rag: { green: 0.9 } }).rag).toEqual({ green: 0.9, amber: 0.5 });
    expect(parsePolicy({ rag: { amber: 0.6 } }).rag).toEqual({ green: 0.8, amber: 0.6 });
  });

  it('accepts a trust\'s own https extension base', () => {
    expect(parsePolicy({ extensionBase: 'https://fhir.example-trust.nhs.uk/StructureDefinition' }).extensionBase).toBe(
      'https://fhir.example-trust.nhs.uk/StructureDefinition',
    );
  });

  it.each([null, [], 'consentReviewMonths=6', 12, true])('rejects %j as not an object of fields', (json) => {
    const error = policyError(json);
    expect(error.message).toMatch(/must be a JSON object/);
    expect(error.issues).toEqual([{ field: '(policy)', message: expect.stringContaining('JSON object') }]);
  });

  it('rejects an unknown field by name, so a misspelling never leaves a default in force', () => {
    const error = policyError({ consentReviewMonth: 6 });
    expect(error.issues).toEqual([{ field: 'consentReviewMonth', message: expect.stringMatching(/^unknown field \(known fields: firstOfferWithinMonths, /) }]);
    expect(error.message).toContain('consentReviewMonth: unknown field');
  });

  it('rejects an unknown rag field', () => {
    expect(policyError({ rag: { red: 0.2 } }).issues).toEqual([{ field: 'rag.red', message: 'unknown field (known fields: green, amber)' }]);
  });

  it.each([
    [{ firstOfferWithinMonths: 0 }, 'firstOfferWithinMonths', 'must be at least 1 month'],
    [{ firstOfferWithinMonths: 2.5 }, 'firstOfferWithinMonths', 'must be a whole number of months'],
    [{ firstOfferWithinMonths: '3' }, 'firstOfferWithinMonths', 'must be a number of months'],
    [{ firstOfferWithinMonths: 25 }, 'firstOfferWithinMonths', 'must be at most 24 months'],
    [{ assessmentReviewMonths: -12 }, 'assessmentReviewMonths', 'must be at least 1 month'],
    [{ assessmentReviewMonths: 61 }, 'assessmentReviewMonths', 'must be at most 60 months'],
    [{ consentReviewMonths: null }, 'consentReviewMonths', 'must be a number of months'],
    [{ offerFollowUpDays: 0 }, 'offerFollowUpDays', 'must be at least 1 day'],
    [{ offerFollowUpDays: 366 }, 'offerFollowUpDays', 'must be at most 365 days'],
    [{ offerFollowUpDays: Number.NaN }, 'offerFollowUpDays', 'must be a number of days'],
    [{ youngCarerUnderAge: 17.5 }, 'youngCarerUnderAge', 'must be a whole number of years'],
    [{ youngCarerUnderAge: 0 }, 'youngCarerUnderAge', 'must be at least 1'],
    [{ timeZone: 'GMT+1 please' }, 'timeZone', 'must be an IANA time zone such as "Europe/London"'],
    [{ timeZone: 1 }, 'timeZone', 'must be an IANA time zone such as "Europe/London"'],
    [{ extensionBase: 'http://carer-prompts.example.org/fhir' }, 'extensionBase', expect.stringMatching(/^must be an https URL/)],
    [{ extensionBase: 'not a url' }, 'extensionBase', expect.stringMatching(/^must be an https URL/)],
    [{ extensionBase: 'https://example.org/fhir/' }, 'extensionBase', 'must not end with "/" (extension names are appended after one)'],
    [{ rag: { green: 1.2 } }, 'rag.green', 'must be a fraction between 0 and 1 (0.8 = 80 %)'],
    [{ rag: { amber: -0.1 } }, 'rag.amber', 'must be a fraction between 0 and 1 (0.8 = 80 %)'],
    [{ rag: { green: 80, amber: 50 } }, 'rag.amber', 'must be a fraction between 0 and 1 (0.8 = 80 %)'],
    [{ rag: { green: 0.5, amber: 0.5 } }, 'rag.amber', 'amber must be lower than green'],
    [{ rag: 'strict' }, 'rag', expect.stringContaining('object')],
  ])('rejects %j with a message for %s', (json, field, message) => {
    const error = policyError(json);
    expect(error).toBeInstanceOf(PolicyError);
    expect(error.name).toBe('PolicyError');
    expect(error.issues).toContainEqual({ field, message });
  });

  it('lists every bad field at once, one per line', () => {
    const error = policyError({ firstOfferWithinMonths: 0, timeZone: 'Moon/Base', colour: 'red' });
    expect(error.issues.map((i) => i.field)).toEqual(['colour', 'firstOfferWithinMonths', 'timeZone']);
    expect(error.message.split('\n')).toEqual([
      'Invalid policy:',
      expect.stringMatching(/^ {2}- colour: unknown field/),
      '  - firstOfferWithinMonths: must be at least 1 month',
      '  - timeZone: must be an IANA time zone such as "Europe/London"',
    ]);
  });

  it('accepts values at the edge of each range', () => {
    expect(() => parsePolicy({ firstOfferWithinMonths: 1, assessmentReviewMonths: 60, consentReviewMonths: 1, offerFollowUpDays: 365, youngCarerUnderAge: 25 })).not.toThrow();
    expect(parsePolicy({ rag: { green: 1, amber: 0 } }).rag).toEqual({ green: 1, amber: 0 });
  });
});

import { describe, expect, it } from 'vitest';
import { grantedCapabilities } from '../../../adapter/auth/grantedCapabilities';
import { WRITE_KINDS as WRITE_ACTIONS } from '../../../shared/actions/index';
import { CLINICIAN_SCOPE } from '../../../adapter/auth/scopes';

describe('what the granted scopes allow', () => {
  it('allows reading and every write when everything asked for was granted', () => {
    const caps = grantedCapabilities(CLINICIAN_SCOPE);
    expect(caps.read).toEqual({ allowed: true });
    for (const action of WRITE_ACTIONS) expect(caps.writes[action]).toEqual({ allowed: true });
    expect(caps.knowsUser).toBe(true);
  });

  it('turns every write off, each with a plain reason, when only read scopes were granted', () => {
    const caps = grantedCapabilities('openid fhirUser user/Patient.rs user/RelatedPerson.rs user/Consent.rs user/Task.rs user/List.rs');
    expect(caps.read).toEqual({ allowed: true });
    for (const action of WRITE_ACTIONS) expect(caps.writes[action].allowed).toBe(false);
    expect(caps.writes['record-consent']).toEqual({
      allowed: false,
      reason: 'You cannot record a consent decision here: your sign-in was not given permission to create Consent, create Provenance, search Provenance. Record it in the EHR, or ask your system administrator for access.',
    });
  });

  it('keeps consent writes when Consent and Provenance were granted but Task was not', () => {
    const caps = grantedCapabilities('user/Patient.rs user/RelatedPerson.rs user/Consent.crus user/Task.rs user/List.rs user/Provenance.cs');
    expect(caps.writes['record-consent'].allowed).toBe(true);
    expect(caps.writes['withdraw-consent'].allowed).toBe(true);
    expect(caps.writes['offer-assessment']).toMatchObject({ allowed: false, reason: expect.stringContaining('create Task') });
    expect(caps.writes['add-carer']).toMatchObject({ allowed: false, reason: expect.stringContaining('create RelatedPerson') });
  });

  it('needs Provenance search as well as create, since the Provenance is created conditionally (once per change)', () => {
    expect(grantedCapabilities('user/Consent.crus user/Provenance.c').writes['record-consent']).toMatchObject({ allowed: false, reason: expect.stringContaining('search Provenance') });
    expect(grantedCapabilities('user/Consent.crus user/Provenance.cs').writes['record-consent'].allowed).toBe(true);
  });

  it('needs no Provenance scope where the server takes no Provenance with writes', () => {
    const caps = grantedCapabilities('user/Consent.crus', { provenance: false });
    expect(caps.writes['record-consent'].allowed).toBe(true);
  });

  it('reads SMART v1 scopes (read = rs, write = cud, * = all) and wildcards', () => {
    expect(grantedCapabilities('user/*.read').writes['record-consent'].allowed).toBe(false);
    expect(grantedCapabilities('user/*.read').read.allowed).toBe(true);
    expect(grantedCapabilities('user/*.*').writes['record-consent'].allowed).toBe(true);
    expect(grantedCapabilities('user/Consent.write user/Consent.read user/Provenance.write user/Provenance.read').writes['withdraw-consent'].allowed).toBe(true);
    expect(grantedCapabilities('user/Consent.write user/Consent.read user/Provenance.write').writes['withdraw-consent'].allowed).toBe(false);
    expect(grantedCapabilities('user/*.cruds').writes['record-assessment-outcome'].allowed).toBe(true);
  });

  it('does not count scopes narrowed by a query, system scopes or malformed ones as a grant', () => {
    const caps = grantedCapabilities('user/Consent.crus?category=x system/Consent.crus user/Consent.xyz user/Provenance.cs');
    expect(caps.writes['record-consent'].allowed).toBe(false);
  });

  it('says reading is off, and why, when the patient cannot be searched', () => {
    expect(grantedCapabilities('openid fhirUser').read).toMatchObject({ allowed: false, reason: expect.stringContaining('read Patient') });
    expect(grantedCapabilities(undefined).knowsUser).toBe(false);
  });
});

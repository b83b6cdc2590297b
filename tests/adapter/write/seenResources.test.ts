import { describe, expect, it } from 'vitest';
import { RawStore } from '../../../adapter/fhir/rawStore';
import { SeenResources } from '../../../adapter/write/seenResources';

const consent = (id: string, versionId: string) => ({ resourceType: 'Consent', id, meta: { versionId } });

describe('SeenResources', () => {
  it('remembers every resource of a record with the patient it was read for', () => {
    const raw = new RawStore();
    raw.add(consent('c1', '1'));
    raw.add({ resourceType: 'RelatedPerson', id: 'r1' });
    const seen = new SeenResources();
    seen.rememberRecord(raw, 'Patient/alex');
    expect(seen.get('Consent/c1')).toEqual({ raw: consent('c1', '1'), patient: 'Patient/alex' });
    expect(seen.get('RelatedPerson/r1')?.patient).toBe('Patient/alex');
  });

  it('keeps the latest version it saw', () => {
    const seen = new SeenResources();
    seen.remember(consent('c1', '1'), 'Patient/alex');
    seen.remember(consent('c1', '2'), 'Patient/alex');
    expect(seen.get('Consent/c1')?.raw.meta).toEqual({ versionId: '2' });
  });

  it('forgets the oldest resources beyond its capacity', () => {
    const seen = new SeenResources(2);
    seen.remember(consent('c1', '1'), 'Patient/alex');
    seen.remember(consent('c2', '1'), 'Patient/alex');
    seen.remember(consent('c1', '2'), 'Patient/alex');
    seen.remember(consent('c3', '1'), 'Patient/alex');
    expect(seen.get('Consent/c2')).toBeUndefined();
    expect(seen.get('Consent/c1')?.raw.meta).toEqual({ versionId: '2' });
    expect(seen.get('Consent/c3')).toBeDefined();
  });

  it('ignores a resource without a FHIR id', () => {
    const seen = new SeenResources();
    seen.remember({ resourceType: 'Consent' }, 'Patient/alex');
    seen.clear();
    expect(seen.get('Consent/undefined')).toBeUndefined();
  });
});

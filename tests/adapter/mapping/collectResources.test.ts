import { describe, expect, it } from 'vitest';
import { collectResources } from '../../../adapter/mapping/collectResources';

const patient = { resourceType: 'Patient', id: 'p' };

describe('collectResources', () => {
  it('flattens searchsets and batch responses of searchsets', () => {
    const batch = {
      resourceType: 'Bundle',
      type: 'batch-response',
      entry: [{ resource: { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: patient }] } }, { response: { status: '404' } }],
    };
    expect(collectResources([batch]).resources).toEqual([patient]);
  });

  it('maps urn:uuid fullUrls to Type/id', () => {
    const bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:5b1f3a52-7c39-4ad4-9a0e-3f0e6b6a6d11', resource: patient }] };
    expect([...collectResources([bundle]).aliases]).toEqual([['urn:uuid:5b1f3a52-7c39-4ad4-9a0e-3f0e6b6a6d11', 'Patient/p']]);
  });

  it('counts what it skips instead of failing', () => {
    const out = collectResources([null, 'x', { resourceType: 'Bundle', entry: 'no' }, { resourceType: 'Bundle', entry: [7] }, { resourceType: 'OperationOutcome', issue: [] }]);
    expect(out.resources).toEqual([]);
    expect(out.warnings).toEqual([
      'a Bundle whose entry is not a list was skipped',
      '3 item(s) that are not FHIR resources were skipped',
      'the server returned 1 OperationOutcome(s) with the data: some records may be missing',
    ]);
  });

  it('stops at Bundles nested deeper than a server returns', () => {
    let bundle: Record<string, unknown> = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient }] };
    for (let i = 0; i < 5; i += 1) bundle = { resourceType: 'Bundle', type: 'collection', entry: [{ resource: bundle }] };
    expect(collectResources([bundle])).toMatchObject({ resources: [], warnings: ['a Bundle nested too deeply was skipped'] });
  });
});

import { describe, expect, it } from 'vitest';
import { toAuditFact } from '../../../adapter/audit/facts';
import { buildCarerActionTask } from '../../../adapter/writes/build/carerActionTask';
import { EXTENSION_BASE } from '../../fixtures/fhir/personas';

const options = { extensionBase: EXTENSION_BASE };

describe('care plans and pathway actions as audit facts', () => {
  it('reads a current CarePlan as the carers it names (contributor, contained care team)', () => {
    const plan = {
      resourceType: 'CarePlan',
      id: 'cp1',
      status: 'active',
      intent: 'plan',
      subject: { reference: 'Patient/p1' },
      contributor: [{ reference: 'RelatedPerson/c1' }],
      contained: [{ resourceType: 'CareTeam', id: 't', participant: [{ member: { reference: 'RelatedPerson/c2' } }] }],
      careTeam: [{ reference: '#t' }],
    };
    expect(toAuditFact(plan, options)).toEqual({ kind: 'carePlan', id: 'cp1', patient: 'p1', involves: ['c1', 'c2'] });
    expect(toAuditFact({ ...plan, status: 'completed' }, options)).toMatchObject({ ignored: true });
  });

  it('reads a recorded involvement with the plan it was about, and a contingency plan', () => {
    const task = (action: 'care-plan-involved' | 'contingency-plan-agreed') => ({
      id: action,
      ...buildCarerActionTask({ patient: 'Patient/p1', carer: 'RelatedPerson/c1', action, ...(action === 'care-plan-involved' ? { focus: 'CarePlan/cp1' as const } : {}), items: [{ type: 'x', value: 'y' }], on: '2026-11-01T10:00:00Z', extensionBase: EXTENSION_BASE }),
    });
    expect(toAuditFact(task('care-plan-involved'), options)).toEqual({ kind: 'carerAction', id: 'care-plan-involved', carer: 'c1', action: 'care-plan-involved', on: '2026-11-01T10:00:00Z', carePlan: 'cp1' });
    expect(toAuditFact(task('contingency-plan-agreed'), options)).toEqual({ kind: 'carerAction', id: 'contingency-plan-agreed', carer: 'c1', action: 'contingency-plan-agreed', on: '2026-11-01T10:00:00Z' });
  });
});

/**
 * The fast conformance check the readers use to skip zod (adapter/fhir/conforms.ts) must never
 * accept what zod rejects, nor anything zod would change: the audit and the clinician's view must
 * read a resource the same way whichever path it takes. Checked on every resource of the sandbox
 * caseload (named personas included) and on thousands of random mutations of them.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { conformsTo } from '../../../adapter/fhir/conforms';
import { ConsentSchema, EpisodeOfCareSchema, ListSchema, PatientContactSchema, PatientSchema, RelatedPersonSchema, TaskSchema } from '../../../adapter/fhir/schemas';
import { generateCaseload } from '../../../sandbox/generate/caseload';
import { random } from '../../shared/audit/population';
import { HOSTILE_CASES } from '../../fixtures/hostile/corpus';

const SCHEMAS: Record<string, z.ZodType> = {
  Patient: PatientSchema,
  RelatedPerson: RelatedPersonSchema,
  Consent: ConsentSchema,
  Task: TaskSchema,
  List: ListSchema,
  EpisodeOfCare: EpisodeOfCareSchema,
  // Not a resource: each Patient.contact element, read one by one (adapter/mapping/readPatientContacts.ts).
  PatientContact: PatientContactSchema,
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const caseload = [...generateCaseload({ patients: 120, seed: 7, now: new Date('2026-11-23T00:00:00Z') })]
  .map((resource) => JSON.parse(JSON.stringify(resource)) as { resourceType: string } & Record<string, Json>)
  .flatMap((resource) => [resource, ...contactsOf(resource)])
  .filter((resource) => SCHEMAS[resource.resourceType] !== undefined);

/** A Patient's contacts, each labelled so the tests below check it against PatientContactSchema. */
function contactsOf(resource: { resourceType: string } & Record<string, Json>): Array<{ resourceType: string } & Record<string, Json>> {
  const contacts = resource.resourceType === 'Patient' && Array.isArray(resource.contact) ? resource.contact : [];
  return contacts.map((contact) => ({ ...(contact as Record<string, Json>), resourceType: 'PatientContact' }));
}

/** Values that are wrong somewhere in every schema: wrong types, invalid dates and ids, empty containers. */
const REPLACEMENTS: readonly (Json | undefined)[] = [
  undefined,
  null,
  0,
  -1.5,
  true,
  false,
  '',
  'x',
  'not an id!',
  '2026-02-31',
  '2026-13-01',
  '2026-01-01',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:00:00Z',
  'permit',
  'deny',
  'active',
  'current',
  'requested',
  'Patient',
  [],
  [null],
  ['x'],
  [{}],
  {},
  { reference: 7 },
  { coding: 'x' },
  { coding: [{ code: 1 }] },
  { start: '2026-02-30' },
  { type: 'maybe' },
  { provision: [{ provision: [{ type: 'deny' }] }] },
];

/** Every [container, key] in a JSON value, so a mutation can land anywhere, however deep. */
function slots(value: Json, out: Array<[Record<string, Json> | Json[], string | number]> = []): Array<[Record<string, Json> | Json[], string | number]> {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      out.push([value, index]);
      slots(item, out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      out.push([value, key]);
      slots(value[key] as Json, out);
    }
  }
  return out;
}

/** A copy of `resource` with one to three elements replaced, removed or added. */
function mutate(resource: Record<string, Json>, rand: () => number): Record<string, Json> {
  const copy = structuredClone(resource);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const changes = 1 + Math.floor(rand() * 3);
  for (let n = 0; n < changes; n += 1) {
    const places = slots(copy);
    const replacement = structuredClone(pick(REPLACEMENTS));
    if (rand() < 0.15) {
      // A new element under a schema key that may be absent from this resource.
      const objects = [copy, ...places.map(([c, k]) => (c as Record<string, Json>)[k as string] ?? (c as Json[])[k as number])].filter(
        (v): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v),
      );
      const target = pick(objects);
      const key = pick(['meta', 'active', 'period', 'provision', 'type', 'text', 'display', 'end', 'statusReason', 'note', 'entry', 'team', 'lastUpdated', 'versionId', 'given', 'line']);
      if (replacement === undefined) delete target[key];
      else target[key] = replacement;
      continue;
    }
    const [container, key] = pick(places);
    if (replacement === undefined) {
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key as string];
    } else if (Array.isArray(container)) container[key as number] = replacement;
    else container[key as string] = replacement;
  }
  return copy;
}

describe('the fast conformance check', () => {
  it('accepts every well-formed resource of the sandbox caseload, as zod does', () => {
    expect(caseload.length).toBeGreaterThan(200);
    expect(caseload.filter((r) => r.resourceType === 'PatientContact').length).toBeGreaterThan(10);
    for (const resource of caseload) {
      const schema = SCHEMAS[resource.resourceType] as z.ZodType;
      expect(schema.safeParse(resource).success).toBe(true);
      expect(conformsTo(schema, resource)).toBe(true);
    }
  });

  it('never accepts a mutated resource that zod rejects or would change', () => {
    const rand = random(20261123);
    let accepted = 0;
    let rejectedByZod = 0;
    for (let round = 0; round < 8; round += 1) {
      for (const resource of caseload) {
        const schema = SCHEMAS[resource.resourceType] as z.ZodType;
        const mutated = mutate(resource, rand);
        const parsed = schema.safeParse(mutated);
        if (!parsed.success) rejectedByZod += 1;
        if (conformsTo(schema, mutated)) {
          accepted += 1;
          expect(parsed.success, JSON.stringify(mutated)).toBe(true);
          expect(parsed.data).toEqual(mutated);
        }
      }
    }
    // Both outcomes were exercised, many times over.
    expect(accepted).toBeGreaterThan(500);
    expect(rejectedByZod).toBeGreaterThan(500);
  });

  it('never accepts a resource or Patient.contact of the hostile corpus that zod rejects or would change', () => {
    const hostile = HOSTILE_CASES.flatMap((c, index) => c.build(`hostile-${index}`, String(9_990_000_000 + index)))
      .map((resource) => JSON.parse(JSON.stringify(resource)) as { resourceType: string } & Record<string, Json>)
      .flatMap((resource) => [resource, ...contactsOf(resource)])
      .filter((resource) => SCHEMAS[resource.resourceType] !== undefined);
    expect(hostile.length).toBeGreaterThan(20);
    for (const resource of hostile) {
      const schema = SCHEMAS[resource.resourceType] as z.ZodType;
      const parsed = schema.safeParse(resource);
      if (conformsTo(schema, resource)) {
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(resource);
      }
    }
  });

  it('leaves to zod what is not a resource of the schema, and schemas it has no check for', () => {
    for (const value of [undefined, null, 1, 'Patient', [], [{ resourceType: 'Patient', id: 'p1' }], { resourceType: 'Task', id: 'p1' }, { resourceType: 'Patient', id: 'bad id' }]) {
      expect(conformsTo(PatientSchema, value)).toBe(false);
    }
    expect(conformsTo(PatientSchema, { resourceType: 'Patient', id: 'p1' })).toBe(true);
    expect(conformsTo(PatientSchema.partial(), { resourceType: 'Patient', id: 'p1' })).toBe(false);
  });

  it('leaves very deeply nested provisions to zod, which reports them', () => {
    let provision: Record<string, Json> = { type: 'deny' };
    for (let depth = 0; depth < 40; depth += 1) provision = { type: 'permit', provision: [provision] };
    const consent = { resourceType: 'Consent', id: 'deep', status: 'active', provision };
    expect(conformsTo(ConsentSchema, consent)).toBe(false);
    expect(ConsentSchema.safeParse(consent).success).toBe(true);
  });

  it('leaves to zod an object whose elements throw when read', () => {
    const hostile = { resourceType: 'Patient', id: 'p1' };
    Object.defineProperty(hostile, 'meta', {
      enumerable: true,
      get() {
        throw new Error('no');
      },
    });
    expect(conformsTo(PatientSchema, hostile)).toBe(false);
  });
});

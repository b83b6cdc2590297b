/**
 * CarePlan → one of the patient's current plans and the related persons it names. Only an `active`
 * plan is current (R4 CarePlan.status: draft, on-hold, revoked, completed, entered-in-error and
 * unknown plans are not being followed now). A carer is named in the plan when they are a
 * `contributor` or a member of its care team: a contained CareTeam (`#id`) or a CareTeam read in the
 * same data (`careTeams`). Who was recorded as involved by a carer-action Task is added by the caller.
 *
 * The kind of plan comes from `category` (shared/terminology.ts CARE_PLAN_CATEGORY_CODES): the
 * SNOMED crisis plan code, else "crisis" / "advance care plan" / "advance statement" in a category's
 * text or display (no advance care plan code was verified), else a care plan.
 */
import type { CarePlanKind, CarePlanSummary, CarerReference } from '../../shared/domain/types';
import { CARE_PLAN_CATEGORY_CODES } from '../../shared/terminology';
import { CarePlanSchema, CareTeamSchema } from '../fhir/schemas';
import { ignored, parseResource, type ReadWarning } from './readResult';
import { resolveReference } from './references';

export interface CarePlanRead {
  patient: string | undefined;
  plan: CarePlanSummary;
}

export interface ReadCarePlanOptions {
  aliases?: ReadonlyMap<string, string>;
  /** Members of the CareTeams read with the plan ("CareTeam/<id>" → "RelatedPerson/<id>"s). */
  careTeams?: ReadonlyMap<string, readonly CarerReference[]>;
}

/** The related persons on a CareTeam (raw JSON), or undefined when it cannot be read. */
export function careTeamMembers(raw: unknown, aliases?: ReadonlyMap<string, string>): CarerReference[] | undefined {
  const parsed = CareTeamSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  return (parsed.data.participant ?? []).flatMap((p) => {
    const ref = resolveReference(p.member, 'RelatedPerson', aliases);
    return ref === undefined ? [] : [ref as CarerReference];
  });
}

function kindOf(categories: readonly { coding?: readonly { system?: string | undefined; code?: string | undefined; display?: string | undefined }[] | undefined; text?: string | undefined }[]): CarePlanKind {
  const crisis = CARE_PLAN_CATEGORY_CODES.crisisPlan;
  const words = categories.flatMap((c) => [c.text ?? '', ...(c.coding ?? []).map((x) => x.display ?? '')]).join(' ').toLowerCase();
  if (categories.some((c) => (c.coding ?? []).some((x) => x.system === crisis.system && x.code === crisis.code)) || /\bcrisis\b/.test(words)) return 'crisis-plan';
  if (/advance (care )?(plan|statement)/.test(words)) return 'advance-care-plan';
  return 'care-plan';
}

export function readCarePlan(raw: unknown, options: ReadCarePlanOptions = {}): CarePlanRead | ReadWarning {
  const parsed = parseResource(CarePlanSchema, raw, 'CarePlan', ['category', 'title', 'period']);
  if (!parsed.ok) return { warning: parsed.warning };
  const plan = parsed.value;
  const ref = `CarePlan/${plan.id}` as const;
  if (plan.status !== 'active') return ignored(`${ref} has status ${plan.status} and is not a current plan`);
  const involves = new Set<CarerReference>();
  for (const contributor of plan.contributor ?? []) {
    const carer = resolveReference(contributor, 'RelatedPerson', options.aliases);
    if (carer !== undefined) involves.add(carer as CarerReference);
  }
  for (const team of plan.careTeam ?? []) {
    const reference = team.reference ?? '';
    const members = reference.startsWith('#')
      ? careTeamMembers((plan.contained ?? []).find((c) => c.resourceType === 'CareTeam' && c.id === reference.slice(1)), options.aliases)
      : options.careTeams?.get(resolveReference(team, 'CareTeam', options.aliases) ?? '');
    for (const member of members ?? []) involves.add(member);
  }
  const title = plan.title?.trim();
  return {
    patient: resolveReference(plan.subject, 'Patient', options.aliases),
    plan: {
      reference: ref,
      ...(plan.meta?.versionId !== undefined ? { versionId: plan.meta.versionId } : {}),
      kind: kindOf(plan.category ?? []),
      ...(title ? { title } : {}),
      involves: [...involves].sort(),
    },
  };
}

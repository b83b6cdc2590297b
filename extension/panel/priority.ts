import type { CarerView, PromptView } from '../protocol/view';
import type { PromptCode } from '../../shared/domain/types';
import { displayText } from '../../shared/displayText';

/**
 * The order the panel reads in (issue 10, item 4): prompts grouped under the person they are
 * about, and what affects safety or a young carer first, so the one prompt that matters is never
 * the fifth thing on screen. The background already sorts by severity; this only regroups.
 */

/** Prompts whose point is a date that has passed: said as "Overdue", never "Urgent". */
const DEADLINE_CODES: ReadonlySet<PromptCode> = new Set<PromptCode>(['review-consent', 'follow-up-assessment-offer', 'assessment-review-due']);

/** A decision that may be misread (sharing with someone the patient refused) is a safety matter. */
const SAFETY_CODES: ReadonlySet<PromptCode> = new Set<PromptCode>(['consent-conflict']);

export type Tone = 'safety' | 'todo' | 'info';

export const affectsSafety = (prompt: PromptView): boolean => prompt.severity === 'critical' || SAFETY_CODES.has(prompt.code);

/** Information is shown, never counted: only what someone has to do makes the panel ask for attention. */
export const needsDoing = (prompt: PromptView): boolean => prompt.severity !== 'info' || affectsSafety(prompt);

export function toneOf(prompt: PromptView): Tone {
  if (affectsSafety(prompt)) return 'safety';
  return needsDoing(prompt) ? 'todo' : 'info';
}

export function promptLabel(prompt: PromptView): string {
  if (affectsSafety(prompt)) return 'Safety';
  if (DEADLINE_CODES.has(prompt.code) && /overdue/i.test(prompt.summary)) return 'Overdue';
  return needsDoing(prompt) ? 'To do' : 'For information';
}

/** What the badge says: how many things need doing, and the colour of the worst of them. */
export function badgeOf(prompts: readonly PromptView[]): { count: number; tone: Tone | 'none' } {
  const todo = prompts.filter(needsDoing);
  const tone = todo.some(affectsSafety) ? 'safety' : todo.length > 0 ? 'todo' : 'none';
  return { count: todo.length, tone };
}

export interface PromptGroup {
  /** Stable key: the carer's reference, the contact's key, or 'patient'. */
  key: string;
  heading: string;
  /** The person the group is about, for accessible names ("Record consent for Sara Khan"). */
  person?: string;
  youngCarer: boolean;
  prompts: PromptView[];
}

const TONE_RANK: Record<Tone, number> = { safety: 0, todo: 1, info: 2 };

/** Safety first, then a young carer (a child caring is a safeguarding question), then to do, then information. */
const rankOfGroup = (group: PromptGroup): number => {
  const worst = Math.min(...group.prompts.map((p) => TONE_RANK[toneOf(p)]));
  if (worst === TONE_RANK.safety) return 0;
  if (group.youngCarer && worst === TONE_RANK.todo) return 1;
  return worst + 1;
};

/**
 * Prompts grouped by the carer (or contact) they are about, patient-level prompts in a group of
 * their own; groups with a safety prompt or a young carer first, then those with something to do,
 * information last. Inside a group: safety, then to do, then information, otherwise as given.
 */
export function groupPrompts(prompts: readonly PromptView[], carers: readonly CarerView[]): PromptGroup[] {
  const groups = new Map<string, PromptGroup>();
  for (const prompt of prompts) {
    const carer = prompt.carer ? carers.find((c) => c.reference === prompt.carer) : undefined;
    const key = prompt.carer ?? (prompt.contact ? `contact:${prompt.contact.key}` : 'patient');
    let group = groups.get(key);
    if (!group) {
      const person = carer ? (carer.name !== undefined ? displayText(carer.name) : 'a carer whose name is not recorded') : prompt.contact ? displayText(prompt.contact.label) : undefined;
      group = {
        key,
        heading: person !== undefined ? `About ${person}` : prompt.carer ? 'About a carer not listed' : 'About the patient',
        ...(person !== undefined ? { person } : {}),
        youngCarer: carer?.youngCarer === true || prompt.code === 'young-carer-referral',
        prompts: [],
      };
      groups.set(key, group);
    }
    if (prompt.code === 'young-carer-referral') group.youngCarer = true;
    group.prompts.push(prompt);
  }
  const ordered = [...groups.values()];
  for (const group of ordered) group.prompts = stableSort(group.prompts, (p) => TONE_RANK[toneOf(p)]);
  return stableSort(ordered, rankOfGroup);
}

function stableSort<T>(items: readonly T[], rank: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.item);
}

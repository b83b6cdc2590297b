/**
 * The same person recorded twice among a patient's related persons: the same identifier, the same
 * telephone number or email, or the same name (as it reads on screen) with a relationship in common.
 * Counting and prompting them twice would double the carer in the audit and split their consent and
 * assessment between two records.
 */
import type { Carer } from './types';
import { displayKey } from '../displayText';

/**
 * A name as it reads: hidden characters and bidi controls (shared/displayText.ts displayKey, the one
 * definition of what a reader cannot see), case, compatibility forms, spacing and punctuation do not
 * make two names different — the same person typed twice, or a name made to look like another.
 */
export function nameKey(name: string): string {
  return displayKey(name)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function telecomKey(system: string | undefined, value: string): string {
  if (system === 'email' || value.includes('@')) return `email:${value.trim().toLowerCase()}`;
  const digits = value.replace(/\D/g, '').replace(/^44(?=\d{10}$)/, '0');
  return `phone:${digits}`;
}

/**
 * The keys that identify a person, each with the kind of evidence it is: two records sharing one
 * look like the same person. The audit keeps digests of them, never the names or numbers.
 */
export function identityKeys(carer: Pick<Carer, 'identifiers' | 'telecom' | 'name' | 'relationships'>): string[] {
  const keys = (carer.identifiers ?? []).map((id) => `id:${id}`);
  for (const t of carer.telecom) {
    const key = telecomKey(t.system, t.value);
    if (key !== 'phone:' && key.length > 7) keys.push(key);
  }
  const name = carer.name === undefined ? '' : nameKey(carer.name);
  if (name !== '') for (const relationship of carer.relationships) keys.push(`name:${name}|${relationship.toLowerCase()}`);
  return keys;
}

/** Pairs of people who look like one person, each pair once, in record order. */
export function possibleDuplicates(people: readonly Carer[]): [Carer, Carer][] {
  const pairs: [Carer, Carer][] = [];
  const seen = new Map<string, number[]>();
  const paired = new Set<string>();
  people.forEach((person, index) => {
    for (const key of identityKeys(person)) {
      const earlier = seen.get(key) ?? [];
      for (const other of earlier) {
        const id = `${other}|${index}`;
        const first = people[other] as Carer;
        if (paired.has(id) || first.reference === person.reference) continue;
        paired.add(id);
        pairs.push([first, person]);
      }
      seen.set(key, [...earlier, index]);
    }
  });
  return pairs;
}

/**
 * Finds modifier extensions anywhere in a resource.
 *
 * A modifierExtension may change the meaning of the element that holds it (even reverse a permit),
 * so a reader that does not understand one must not act on the element at all.
 * @see https://hl7.org/fhir/R4/extensibility.html#modifierExtension
 */

/** True when any object in `value` has a non-empty `modifierExtension`. Iterative: input depth is not trusted. */
export function hasModifierExtension(value: unknown): boolean {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const next = stack.pop();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    if (Array.isArray(next)) {
      for (const item of next) stack.push(item);
      continue;
    }
    const record = next as Record<string, unknown>;
    const modifier = record.modifierExtension;
    if (modifier !== undefined && !(Array.isArray(modifier) && modifier.length === 0)) return true;
    for (const key of Object.keys(record)) stack.push(record[key]);
  }
  return false;
}

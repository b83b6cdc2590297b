/**
 * Plain-text renderings of FHIR data types, for display as text (never as HTML).
 */
import type { FhirAddress, FhirCodeableConcept, FhirHumanName } from '../fhir/datatypes';

const clean = (parts: readonly (string | undefined)[], separator: string): string | undefined => {
  const text = parts
    .map((p) => p?.trim())
    .filter((p): p is string => Boolean(p))
    .join(separator);
  return text === '' ? undefined : text;
};

/** Prefers an `official` / `usual` current name; a name whose period has ended is the last resort. */
function pickName(names: readonly FhirHumanName[]): FhirHumanName | undefined {
  const current = names.filter((n) => n.period?.end === undefined && n.use !== 'old');
  const pool = current.length > 0 ? current : names;
  return pool.find((n) => n.use === 'official') ?? pool.find((n) => n.use === 'usual') ?? pool[0];
}

/** HumanName.text, else given names and family name, exactly as recorded. */
export function humanNameText(names: readonly FhirHumanName[] | undefined): string | undefined {
  if (!names || names.length === 0) return undefined;
  const name = pickName(names);
  if (!name) return undefined;
  return clean([name.text], '') ?? clean([...(name.given ?? []), name.family], ' ');
}

/** Address.text, else its lines, city, district and postcode (current home address first). */
export function addressText(addresses: readonly FhirAddress[] | undefined): string | undefined {
  if (!addresses || addresses.length === 0) return undefined;
  const current = addresses.filter((a) => a.use !== 'old' && a.period?.end === undefined);
  const pool = current.length > 0 ? current : addresses;
  const address = pool.find((a) => a.use === 'home') ?? pool[0];
  if (!address) return undefined;
  return clean([address.text], '') ?? clean([...(address.line ?? []), address.city, address.district, address.postalCode], ', ');
}

/** CodeableConcept.text, else the first coding display, else the first code. */
export function conceptText(concept: FhirCodeableConcept | undefined): string | undefined {
  if (!concept) return undefined;
  return (
    clean([concept.text], '') ??
    clean([concept.coding?.find((c) => c.display?.trim())?.display], '') ??
    clean([concept.coding?.find((c) => c.code?.trim())?.code], '')
  );
}

/**
 * FHIR R4 complex data types as loose zod schemas: each names only the elements Carer Prompts reads
 * and lets every other element (extensions, `_primitive` elements, later additions) through.
 *
 * @see https://hl7.org/fhir/R4/datatypes.html
 */
import { z } from 'zod';
import { fhirDateTime, fhirString } from './primitives';

export interface FhirExtension {
  url: string;
  extension?: FhirExtension[] | undefined;
  [key: string]: unknown;
}

/** @see https://hl7.org/fhir/R4/extensibility.html#Extension */
export const Extension: z.ZodType<FhirExtension> = z.looseObject({
  url: fhirString,
  get extension() {
    return z.array(Extension).optional();
  },
});

export const Coding = z.looseObject({
  system: fhirString.optional(),
  version: fhirString.optional(),
  code: fhirString.optional(),
  display: fhirString.optional(),
});

export const CodeableConcept = z.looseObject({
  coding: z.array(Coding).optional(),
  text: fhirString.optional(),
});

export const Identifier = z.looseObject({
  use: fhirString.optional(),
  system: fhirString.optional(),
  value: fhirString.optional(),
});

export const Reference = z.looseObject({
  reference: fhirString.optional(),
  type: fhirString.optional(),
  identifier: Identifier.optional(),
  display: fhirString.optional(),
});

export const Period = z.looseObject({
  start: fhirDateTime.optional(),
  end: fhirDateTime.optional(),
});

export const HumanName = z.looseObject({
  use: fhirString.optional(),
  text: fhirString.optional(),
  family: fhirString.optional(),
  given: z.array(fhirString).optional(),
  prefix: z.array(fhirString).optional(),
  period: Period.optional(),
});

export const Address = z.looseObject({
  use: fhirString.optional(),
  text: fhirString.optional(),
  line: z.array(fhirString).optional(),
  city: fhirString.optional(),
  district: fhirString.optional(),
  state: fhirString.optional(),
  postalCode: fhirString.optional(),
  country: fhirString.optional(),
  period: Period.optional(),
});

export const ContactPoint = z.looseObject({
  // Passed through as text: an unexpected system is not misread, so it is no reason to lose a contact.
  system: fhirString.optional(),
  value: fhirString.optional(),
  use: fhirString.optional(),
  period: Period.optional(),
});

export const Annotation = z.looseObject({
  text: fhirString,
});

export const Meta = z.looseObject({
  versionId: fhirString.optional(),
  // Only used to order records: a dateTime is enough, and a server that drops the seconds should not
  // make every resource unreadable.
  lastUpdated: fhirDateTime.optional(),
});

export type FhirCoding = z.infer<typeof Coding>;
export type FhirCodeableConcept = z.infer<typeof CodeableConcept>;
export type FhirReference = z.infer<typeof Reference>;
export type FhirHumanName = z.infer<typeof HumanName>;
export type FhirAddress = z.infer<typeof Address>;
export type FhirContactPoint = z.infer<typeof ContactPoint>;
export type FhirPeriod = z.infer<typeof Period>;

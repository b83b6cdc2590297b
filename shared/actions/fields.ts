/** Zod pieces the action inputs share (the message boundary: parsed once where it enters the worker). */
import * as z from 'zod/mini';

export const patientRef = z.templateLiteral([z.literal('Patient/'), z.string()]);
export const carerRef = z.templateLiteral([z.literal('RelatedPerson/'), z.string()]);
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date (YYYY-MM-DD).'));
export const shortText = (max: number) => z.string().check(z.maxLength(max));
export const carePlanRef = z.templateLiteral([z.literal('CarePlan/'), z.string()]);

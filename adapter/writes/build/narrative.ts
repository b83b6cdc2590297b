/**
 * Narrative for written resources: plain text, escaped, in the XHTML div FHIR requires.
 * @see https://hl7.org/fhir/R4/narrative.html
 */
import type { Narrative } from '@medplum/fhirtypes';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeXhtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

export function textNarrative(text: string): Narrative {
  return { status: 'generated', div: `<div xmlns="http://www.w3.org/1999/xhtml">${escapeXhtml(text)}</div>` };
}

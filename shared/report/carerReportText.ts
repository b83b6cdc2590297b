/**
 * Human-readable rendering of a carer report for a terminal. Names are printed exactly as recorded,
 * as text: control characters are shown as visible escapes so a recorded value can never drive the
 * terminal (move the cursor, recolour, retitle the window).
 */
import { displayText } from '../displayText';
import { formatNhsNumber } from '../nhsNumber';
import type { CarerReport } from './carerReport';
import { DECISION_LABEL } from '../consent/decisionText';

const DECISION_TEXT: Record<CarerReport['carers'][number]['consent']['decision'], string> = DECISION_LABEL;

const ASSESSMENT_TEXT: Record<CarerReport['carers'][number]['assessment']['status'], string> = {
  'not-offered': 'not offered',
  offered: 'offered, no answer yet',
  accepted: 'accepted',
  declined: 'declined',
  completed: 'completed',
};

const SEVERITY_LABEL = { critical: 'CRITICAL', warning: 'warning ', info: 'info    ' } as const;

export function formatCarerReport(report: CarerReport): string {
  const lines: string[] = [];
  const p = report.patient;
  const nhs = p.nhsNumber ? `  NHS ${formatNhsNumber(p.nhsNumber)}` : '';
  lines.push(`Patient  ${p.name ? asText(p.name) : '(no name recorded)'}${nhs}  (${asText(p.reference)})`);
  lines.push('');

  const carers = report.carers.filter((c) => c.isCarer);
  const contacts = report.carers.filter((c) => !c.isCarer);
  lines.push(`Carers (${carers.length})`);
  if (carers.length === 0) lines.push('  none recorded');
  for (const c of carers) {
    const rel = c.relationship.length > 0 ? ` — ${c.relationship.map(asText).join(', ')}` : '';
    lines.push(`  • ${c.name ? asText(c.name) : '(no name recorded)'}${rel}${c.young ? ' — YOUNG CARER' : ''}  (${asText(c.reference)})`);
    const recorded = c.consent.recordedOn ? `, recorded ${day(c.consent.recordedOn)}` : '';
    const review = c.consent.reviewDue ? `, review by ${day(c.consent.reviewDue)}` : '';
    const withdrawn = c.consent.withdrawnOn ? `, withdrawn ${day(c.consent.withdrawnOn)}` : '';
    const basis = c.consent.basis ? `, decided on the basis of ${asText(c.consent.basis)}` : '';
    lines.push(`      consent: ${DECISION_TEXT[c.consent.decision]}${recorded}${withdrawn}${basis}${review}`);
    if (c.consent.mayShare?.length) lines.push(`        may share: ${c.consent.mayShare.map(asText).join('; ')}`);
    if (c.consent.mayNotShare?.length) lines.push(`        do NOT share: ${c.consent.mayNotShare.map(asText).join('; ')}`);
    const offered = c.assessment.offeredOn ? `, offered ${day(c.assessment.offeredOn)}` : '';
    const completed = c.assessment.completedOn ? `, completed ${day(c.assessment.completedOn)}` : '';
    const aReview = c.assessment.reviewDue ? `, review by ${day(c.assessment.reviewDue)}` : '';
    lines.push(`      carer's assessment: ${ASSESSMENT_TEXT[c.assessment.status]}${offered}${completed}${aReview}`);
  }
  if (contacts.length > 0) {
    lines.push('');
    lines.push(`Other contacts (${contacts.length})`);
    for (const c of contacts) {
      const rel = c.relationship.length > 0 ? ` — ${c.relationship.map(asText).join(', ')}` : '';
      lines.push(`  • ${c.name ? asText(c.name) : '(no name recorded)'}${rel}  (${asText(c.reference)})`);
    }
  }
  const patientContacts = report.contacts ?? [];
  if (patientContacts.length > 0) {
    lines.push('');
    lines.push(`Contacts on the patient's record (${patientContacts.length})`);
    for (const c of patientContacts) {
      const what = [...c.relationship, ...c.roles.map((r) => r.replace(/-/g, ' '))];
      const rel = what.length > 0 ? ` — ${what.map(asText).join(', ')}` : '';
      const answered = c.recordedAs ? `recorded as ${asText(c.recordedAs)}` : 'not yet asked whether a carer';
      lines.push(`  • ${c.name ? asText(c.name) : '(no name recorded)'}${rel}  (${answered})`);
    }
  }
  lines.push('');
  lines.push(`Prompts (${report.prompts.length})`);
  if (report.prompts.length === 0) lines.push('  nothing to do');
  for (const prompt of report.prompts) {
    lines.push(`  [${SEVERITY_LABEL[prompt.severity]}] ${asText(prompt.summary)}  (${prompt.code})`);
  }
  if (report.warnings.length > 0) {
    lines.push('');
    lines.push(`Warnings (${report.warnings.length})`);
    for (const w of report.warnings) lines.push(`  - ${asText(w)}`);
  }
  return lines.join('\n') + '\n';
}

/** A date-time is shown as its calendar date: the time of day adds nothing to a decision's date. */
function day(value: string): string {
  return asText(value.slice(0, 10));
}

/** Shows control characters (ESC, BEL, CR…), bidi controls and invisible characters as visible escapes. */
export const asText = displayText;

/**
 * The audit's summary as plain text for a terminal: the headline measures with their RAG rating,
 * the counts behind them, and each team in alphabetical order (a list, never a league table).
 * Text only, no colour codes, so it reads the same in a log file.
 */
import type { Coverage, Measures, Rate } from '../../../shared/audit/coverage';
import { MEASURES, RAG_LABELS } from '../../../shared/audit/measures';
import { deferredTotal, NOT_MEASURED, notMeasuredReason, totalsByCode } from './promptOutcomes';
import { displayDate } from '../../../shared/domain/describe';
import { asOfLabel, formatCount, formatDays, formatPercent, formatSmallCount, incompleteNotice, isTooFewToRate, ragLabel, teamLabel } from './format';

export function summaryTable(coverage: Coverage): string {
  const lines: string[] = [];
  const notice = incompleteNotice(coverage);
  if (notice) lines.push(`*** ${notice} ***`, '');
  lines.push(`Carer consent coverage as at ${asOfLabel(coverage)}${coverage.complete ? '' : ' — INCOMPLETE'}`, '');

  lines.push(...table(['Measure', 'Rate', 'Of', 'RAG'], MEASURES.map((m) => rateRow(m.label, coverage.rates[m.id]))));
  lines.push('');
  lines.push(...counts(coverage));
  lines.push('');

  const teamRows = coverage.byTeam.map((t) => [teamLabel(t.team, 44), formatSmallCount(t.patients.total), ...MEASURES.slice(0, 4).map((m) => ratingCell(t.rates[m.id]))]);
  lines.push('By team (alphabetical; not a ranking):');
  lines.push(...table(['Team', 'Patients', 'Identified', 'Consent', 'In date', 'Offered'], teamRows));
  lines.push(...promptOutcomeLines(coverage));
  if (notice) lines.push('', `*** ${notice} ***`);
  return `${lines.join('\n')}\n`;
}

/** Prompt outcomes for all teams, code by code (per team: report.html and prompt-outcomes.csv). */
function promptOutcomeLines(coverage: Coverage): string[] {
  const outcomes = coverage.promptOutcomes;
  if (outcomes === undefined) return [];
  const since = outcomes.period.from === null ? 'any time' : displayDate(outcomes.period.from);
  const rows = totalsByCode(outcomes).map((r) => [r.code, r.actedOn === null ? NOT_MEASURED : formatSmallCount(r.actedOn), formatSmallCount(deferredTotal(r)), formatSmallCount(r.left)]);
  return [
    '',
    `Prompt outcomes as at ${asOfLabel(coverage)} (acted on: recorded from ${since}; per team and deferral reason in report.html and prompt-outcomes.csv):`,
    ...table(['Prompt', 'Acted on', 'Deferred', 'Left'], rows),
    ...outcomes.notMeasured.map((code) => `Not measured: ${code} — ${notMeasuredReason(code)}.`),
  ];
}

function rateRow(label: string, rate: Rate): string[] {
  return [label, formatPercent(rate), `${formatSmallCount(rate.numerator)} / ${formatSmallCount(rate.denominator)}`, ragLabel(rate)];
}

function ratingCell(rate: Rate): string {
  return rate.percent === null ? '—' : isTooFewToRate(rate) ? formatPercent(rate) : `${formatPercent(rate)} ${RAG_LABELS[rate.rag]}`;
}

function counts(m: Measures & Pick<Coverage, 'population'>): string[] {
  const c = m.carers;
  return [
    `Patients ${formatCount(m.patients.total)}: with a carer ${formatCount(m.patients.withCarer)}, asked (no carers) ${formatCount(m.patients.askedNoCarers)}, "no carers" answer out of date ${formatCount(m.patients.askedNoCarersStale)}, never asked ${formatCount(m.patients.neverAsked)}; left out: not in the caseload ${formatCount(m.population.excluded.notInCaseload)}, deceased ${formatCount(m.population.excluded.deceasedPatients)}, ended carer relationships ${formatCount(m.population.excluded.endedCarerRelationships)}`,
    `Carers ${formatCount(c.total)} (young carers ${formatCount(c.young)})`,
    `  Consent: permit ${formatCount(c.consent.permit)}, deny ${formatCount(c.consent.deny)}, partial ${formatCount(c.consent.partial)}, withdrawn ${formatCount(c.consent.withdrawn)}, expired ${formatCount(c.consent.expired)}, conflicting ${formatCount(c.consent.conflict)}, unable to decide ${formatCount(c.consent['lacks-capacity'])}, none ${formatCount(c.consent.none)}, cannot interpret ${formatCount(c.consent.unknown)}; past review ${formatCount(c.consentPastReview)}`,
    `  Assessment: not offered ${formatCount(c.assessment.notOffered)}, offered ${formatCount(c.assessment.offered)}, accepted ${formatCount(c.assessment.accepted)}, declined ${formatCount(c.assessment.declined)}, completed ${formatCount(c.assessment.completed)}`,
    `  Offers not made within policy ${formatCount(c.offerNotWithinPolicy)}; offer deadline unknown ${formatCount(c.offerDeadlineUnknown)}; reviews overdue ${formatCount(c.assessmentReviewOverdue)}; median days from identification to offer ${formatDays(c.medianDaysToOffer)} (${formatCount(c.daysToOfferSampleSize)} carers)`,
    `Data quality: carers without relationship ${formatCount(m.dataQuality.carerWithoutRelationship)}, without contact details ${formatCount(m.dataQuality.carerWithoutContact)}, consents naming no carer ${formatCount(m.dataQuality.consentWithoutCarer)}, possible duplicate carers ${formatCount(m.dataQuality.possibleDuplicateCarers)}, contacts never asked about ${formatCount(m.dataQuality.contactsNotAskedAbout)}, unreadable resources ${formatCount(m.population.unreadableTotal)}`,
  ];
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
function table(headings: string[], rows: string[][]): string[] {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headings), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

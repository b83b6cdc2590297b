/**
 * coverage.csv: one row per group — the organisation, each team, each month, each team in each
 * month (the `level` column says which, so a pivot table never double counts) — with every count
 * and rate of coverage.json, named the same way.
 *
 * Written to open correctly in Excel: RFC 4180 quoting and CRLF line ends, a UTF-8 byte order mark
 * (without it Excel reads accented or non-Latin team names in the wrong code page), and formula injection
 * defused: a text cell starting with = + - @ (or tab / carriage return) is prefixed with an
 * apostrophe so a team name like "=HYPERLINK(…)" is shown, never run.
 * @see https://www.rfc-editor.org/rfc/rfc4180
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
import type { Coverage, Measures } from '../../../shared/audit/coverage';
import { RATE_IDS, type RateId } from '../../../shared/audit/coverage';
import { ALL_MONTHS, ALL_TEAMS, NO_MONTH, NO_TEAM, SMALL_COUNT, isSmallCount, isTooFewToRate } from './format';

const BOM = '\uFEFF';

type Cell = string | number | null;

/** A count column: shown as "<5" from 1 to 4 (format.ts SMALL_NUMBER_LIMIT); coverage.json keeps it exact. */
const small = (n: number): Cell => (isSmallCount(n) ? SMALL_COUNT : n);

function rateColumns(id: RateId): [string, (m: Measures) => Cell][] {
  return [
    [`rates.${id}.percent`, (m) => (isTooFewToRate(m.rates[id]) ? null : m.rates[id].percent)],
    [`rates.${id}.rag`, (m) => (isTooFewToRate(m.rates[id]) ? 'too few to rate' : m.rates[id].rag)],
  ];
}

/** The rates of the first release, whose columns stay where they were; later ones go last. */
const FIRST_RATE_IDS: readonly RateId[] = ['carersIdentified', 'consentRecorded', 'consentInDate', 'assessmentOffered', 'offerWithinPolicy', 'assessmentReviewInDate'];

const MEASURE_COLUMNS: readonly [string, (m: Measures) => Cell][] = [
  ['patients.total', (m) => small(m.patients.total)],
  ['patients.withCarer', (m) => small(m.patients.withCarer)],
  ['patients.askedNoCarers', (m) => small(m.patients.askedNoCarers)],
  ['patients.neverAsked', (m) => small(m.patients.neverAsked)],
  ['carers.total', (m) => small(m.carers.total)],
  ['carers.young', (m) => small(m.carers.young)],
  ...(['permit', 'deny', 'partial', 'withdrawn', 'expired', 'conflict', 'lacks-capacity', 'none', 'unknown'] as const).map((k): [string, (m: Measures) => Cell] => [`carers.consent.${k}`, (m) => small(m.carers.consent[k])]),
  ['carers.consentPastReview', (m) => small(m.carers.consentPastReview)],
  ...(['notOffered', 'offered', 'accepted', 'declined', 'completed'] as const).map((k): [string, (m: Measures) => Cell] => [`carers.assessment.${k}`, (m) => small(m.carers.assessment[k])]),
  ['carers.offerNotWithinPolicy', (m) => small(m.carers.offerNotWithinPolicy)],
  ['carers.assessmentReviewOverdue', (m) => small(m.carers.assessmentReviewOverdue)],
  // A median of fewer than 5 carers is as good as one carer's own figure: left blank.
  ['carers.medianDaysToOffer', (m) => (isSmallCount(m.carers.daysToOfferSampleSize) ? null : m.carers.medianDaysToOffer)],
  ['carers.daysToOfferSampleSize', (m) => small(m.carers.daysToOfferSampleSize)],
  ['dataQuality.carerWithoutRelationship', (m) => small(m.dataQuality.carerWithoutRelationship)],
  ['dataQuality.carerWithoutContact', (m) => small(m.dataQuality.carerWithoutContact)],
  ['dataQuality.consentWithoutCarer', (m) => small(m.dataQuality.consentWithoutCarer)],
  ['dataQuality.possibleDuplicateCarers', (m) => small(m.dataQuality.possibleDuplicateCarers)],
  ['dataQuality.contactsNotAskedAbout', (m) => small(m.dataQuality.contactsNotAskedAbout)],
  ...FIRST_RATE_IDS.flatMap(rateColumns),
  // Columns added after the first release go last, so a spreadsheet built on the old columns still reads.
  ['patients.askedNoCarersStale', (m) => small(m.patients.askedNoCarersStale)],
  ['carers.offerDeadlineUnknown', (m) => small(m.carers.offerDeadlineUnknown)],
  ['carers.youngReferred', (m) => small(m.carers.youngReferred)],
  ['carers.youngAssessed', (m) => small(m.carers.youngAssessed)],
  ...RATE_IDS.filter((id) => !FIRST_RATE_IDS.includes(id)).flatMap(rateColumns),
  ['patients.childrenAsked', (m) => small(m.patients.childrenAsked)],
  ['patients.childrenAskedChildHelps', (m) => small(m.patients.childrenAskedChildHelps)],
];

export function toCsv(coverage: Coverage): string {
  const status = coverage.complete ? 'complete' : `INCOMPLETE: ${coverage.incompleteReason ?? 'the pull did not finish'}`;
  const header = ['level', 'team', 'month', 'asOf', 'status', ...MEASURE_COLUMNS.map(([name]) => name)];
  const row = (level: string, team: string, month: string, m: Measures): Cell[] => [level, team, month, coverage.asOf, status, ...MEASURE_COLUMNS.map(([, get]) => get(m))];
  const rows: Cell[][] = [
    row('organisation', ALL_TEAMS, ALL_MONTHS, coverage),
    ...coverage.byTeam.map((t) => row('team', t.team ?? NO_TEAM, ALL_MONTHS, t)),
    ...coverage.byMonth.map((m) => row('month', ALL_TEAMS, m.month ?? NO_MONTH, m)),
    ...coverage.byTeamAndMonth.map((g) => row('team-month', g.team ?? NO_TEAM, g.month ?? NO_MONTH, g)),
  ];
  return BOM + [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One RFC 4180 field: numbers as they are, text defused against formulas and quoted when it must be. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

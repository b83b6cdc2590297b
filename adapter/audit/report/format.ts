/**
 * Labels and numbers as every audit report shows them, so the terminal, CSV and HTML agree.
 * Team names come from the data: they are squeezed onto one line here, and escaped by each format.
 */
import type { Coverage, Rate, RagRating } from '../../../shared/audit/coverage';
import { RAG_LABELS } from '../../../shared/audit/measures';
import { displayText } from '../../../shared/displayText';
import { displayDate, oneLine, shorten } from '../../../shared/domain/describe';

export const NO_TEAM = 'Team not recorded';
export const NO_MONTH = 'Start date not recorded';
export const ALL_TEAMS = 'All teams';
export const ALL_MONTHS = 'All months';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A team name on one line (no control characters: it may reach a terminal), at most `max`
 * characters, with bidi controls and invisible characters shown (two teams never look alike).
 */
export function teamLabel(team: string | null, max = 80): string {
  if (team === null) return NO_TEAM;
  const line = displayText(oneLine(team));
  return line === '' ? NO_TEAM : shorten(line, max);
}

/** "Mar 2026" for "2026-03". */
export function monthLabel(month: string | null): string {
  if (month === null) return NO_MONTH;
  const [year, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${year}`;
}

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);
export const formatDays = (n: number | null): string => (n === null ? '—' : oneDecimal.format(n));

/**
 * NHS small-number practice: in the reports people read (report.html, coverage.csv, the terminal), a
 * count from 1 to 4 is shown as "<5" and a rate over fewer than 5 people is "too few to rate" (a
 * team-month cell of one points at a person, and a rate of 2 out of 3 is no evidence either way).
 * coverage.json keeps the exact counts, so partial audits still merge exactly.
 */
export const SMALL_NUMBER_LIMIT = 5;
export const TOO_FEW_TO_RATE = 'Too few to rate';
export const SMALL_COUNT = '<5';

export const isSmallCount = (n: number): boolean => n > 0 && n < SMALL_NUMBER_LIMIT;
export const isTooFewToRate = (rate: Rate): boolean => isSmallCount(rate.denominator);

/** A count as a reader may see it: "<5" for 1 to 4. */
export const formatSmallCount = (n: number): string => (isSmallCount(n) ? SMALL_COUNT : formatCount(n));

/** "73.4 %", "—" when nobody is in the denominator, "Too few to rate" when fewer than 5 are. */
export function formatPercent(rate: Rate): string {
  if (rate.percent === null) return '—';
  return isTooFewToRate(rate) ? TOO_FEW_TO_RATE : `${percent.format(rate.percent)} %`;
}

/** The rating a reader sees: none for a rate over too few people. */
export function shownRag(rate: Rate): RagRating {
  return isTooFewToRate(rate) ? 'none' : rate.rag;
}

/** The rating in words: Green, Amber, Red, No data, or Too few to rate. */
export function ragLabel(rate: Rate): string {
  return isTooFewToRate(rate) ? TOO_FEW_TO_RATE : RAG_LABELS[rate.rag];
}

export function asOfLabel(coverage: Coverage): string {
  return `${displayDate(coverage.asOf)} (${coverage.policy.timeZone})`;
}

/** The line every output carries when the pull did not read everything. */
export function incompleteNotice(coverage: Coverage): string | undefined {
  if (coverage.complete) return undefined;
  const reason = oneLine(coverage.incompleteReason ?? 'the pull did not finish').replace(/[.\s]+$/, '');
  return `INCOMPLETE: ${reason}. These counts cover only what was read and are not the whole population.`;
}

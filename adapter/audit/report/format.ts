/**
 * Labels and numbers as every audit report shows them, so the terminal, CSV and HTML agree.
 * Team names come from the data: they are squeezed onto one line here, and escaped by each format.
 */
import type { Coverage, Rate } from '../../../shared/audit/coverage';
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

/** "73.4 %", or "—" when nobody is in the denominator. */
export function formatPercent(rate: Rate): string {
  return rate.percent === null ? '—' : `${percent.format(rate.percent)} %`;
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

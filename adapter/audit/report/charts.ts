/**
 * Inline SVG charts for the HTML report: static markup, no script, no fonts or images fetched, so
 * the report opens offline and prints as it looks. Every chart has a text alternative, and every
 * bar says its RAG rating in words as well as colour.
 */
import type { Coverage, Rate, RateId, RagRating } from '../../../shared/audit/coverage';
import { MEASURES, RAG_LABELS } from '../../../shared/audit/measures';
import { html, type Html } from './escape';
import { formatPercent, formatSmallCount, isTooFewToRate, monthLabel, ragLabel, teamLabel } from './format';

/** NHS identity colours; amber is dark enough to carry white-on-dark text nowhere, so labels sit beside bars. */
export const RAG_COLOURS: Record<RagRating, string> = { green: '#007f3b', amber: '#ffb81c', red: '#d5281b', none: '#aeb7bd' };

const SERIES: readonly { id: RateId; colour: string; marker: 'circle' | 'square' | 'diamond' }[] = [
  { id: 'carersIdentified', colour: '#005eb8', marker: 'circle' },
  { id: 'consentRecorded', colour: '#330072', marker: 'square' },
  { id: 'assessmentOffered', colour: '#00a499', marker: 'diamond' },
];

const fmt = (n: number): string => String(Math.round(n * 10) / 10);

/** One horizontal bar per team (alphabetical, as given), coloured by RAG, labelled with the % and the rating. */
export function teamBars(coverage: Coverage, rateId: RateId): Html {
  const measure = MEASURES.find((m) => m.id === rateId);
  const label = measure?.label ?? rateId;
  const labelWidth = 330;
  const barWidth = 330;
  const rowHeight = 30;
  const top = 26;
  const width = labelWidth + barWidth + 150;
  const height = top + rowHeight * Math.max(1, coverage.byTeam.length) + 8;
  const x = (share: number): number => labelWidth + share * barWidth;
  const guides = [coverage.policy.rag.amber, coverage.policy.rag.green].map(
    (share) => html`<line x1="${fmt(x(share))}" y1="${top - 6}" x2="${fmt(x(share))}" y2="${height - 6}" class="guide"/><text x="${fmt(x(share))}" y="${top - 10}" text-anchor="middle" class="axis">${Math.round(share * 100)} %</text>`,
  );
  const rows = coverage.byTeam.map((team, i) => {
    const rate = team.rates[rateId];
    const y = top + i * rowHeight;
    const rated = rate.percent !== null && !isTooFewToRate(rate);
    const share = rated ? (rate.percent ?? 0) / 100 : 0;
    const name = teamLabel(team.team, 200);
    const shortName = teamLabel(team.team, 46);
    return html`<g><title>${name}: ${describeRate(rate)}</title><text x="${labelWidth - 10}" y="${y + 19}" text-anchor="end" class="label">${shortName}</text><rect x="${labelWidth}" y="${y + 5}" width="${barWidth}" height="${rowHeight - 10}" class="track"/>${
      rated ? html`<rect x="${labelWidth}" y="${y + 5}" width="${fmt(share * barWidth)}" height="${rowHeight - 10}" fill="${RAG_COLOURS[rate.rag]}"/>` : ''
    }<text x="${labelWidth + barWidth + 8}" y="${y + 19}" class="value">${rate.percent === null ? 'no data' : rated ? `${formatPercent(rate)} · ${RAG_LABELS[rate.rag]}` : ragLabel(rate)}</text></g>`;
  });
  const summary = `${label} by team: ${coverage.byTeam.map((t) => `${teamLabel(t.team)} ${describeRate(t.rates[rateId])}`).join('; ')}`;
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${summary}" xmlns="http://www.w3.org/2000/svg">${guides}${rows}</svg>`;
}

/** Each headline measure per month of service start, as lines over faint red / amber / green bands. */
export function monthTrend(coverage: Coverage): Html {
  const months = coverage.byMonth.filter((m) => m.month !== null);
  if (months.length < 2) return html`<p class="note">Not enough months with a recorded service start date to show a trend.</p>`;
  const left = 48;
  const right = 40;
  const top = 14;
  const plotHeight = 220;
  const width = 800;
  const height = top + plotHeight + 46;
  const plotWidth = width - left - right;
  const step = plotWidth / (months.length - 1);
  const x = (i: number): number => left + i * step;
  const y = (share: number): number => top + (1 - share) * plotHeight;
  const { amber, green } = coverage.policy.rag;
  const bands = html`<rect x="${left}" y="${fmt(y(1))}" width="${plotWidth}" height="${fmt(y(green) - y(1))}" class="band-green"/><rect x="${left}" y="${fmt(y(green))}" width="${plotWidth}" height="${fmt(y(amber) - y(green))}" class="band-amber"/><rect x="${left}" y="${fmt(y(amber))}" width="${plotWidth}" height="${fmt(y(0) - y(amber))}" class="band-red"/>`;
  const gridlines = [0, 0.25, 0.5, 0.75, 1].map(
    (share) => html`<line x1="${left}" y1="${fmt(y(share))}" x2="${width - right}" y2="${fmt(y(share))}" class="grid"/><text x="${left - 6}" y="${fmt(y(share) + 4)}" text-anchor="end" class="axis">${share * 100} %</text>`,
  );
  const every = Math.max(1, Math.ceil(months.length / 12));
  const ticks = months.map((m, i) => (i % every === 0 || i === months.length - 1 ? html`<text x="${fmt(x(i))}" y="${top + plotHeight + 18}" text-anchor="middle" class="axis">${monthLabel(m.month)}</text>` : ''));
  const lines = SERIES.map((series) => {
    const points = months.map((m, i) => ({ i, rate: m.rates[series.id], month: m.month }));
    const segments: string[] = [];
    let current: string[] = [];
    for (const p of points) {
      if (p.rate.percent === null || isTooFewToRate(p.rate)) {
        if (current.length > 1) segments.push(current.join(' '));
        current = [];
      } else current.push(`${fmt(x(p.i))},${fmt(y(p.rate.percent / 100))}`);
    }
    if (current.length > 1) segments.push(current.join(' '));
    const markers = points
      .filter((p) => p.rate.percent !== null && !isTooFewToRate(p.rate))
      .map((p) => html`<g><title>${monthLabel(p.month)}: ${describeRate(p.rate)}</title>${marker(series.marker, x(p.i), y((p.rate.percent ?? 0) / 100), series.colour)}</g>`);
    return html`<g>${segments.map((s) => html`<polyline points="${s}" fill="none" stroke="${series.colour}" stroke-width="2.5"/>`)}${markers}</g>`;
  });
  const summary = `Trend by month of service start: ${SERIES.map((s) => `${labelOf(s.id)} ${months.map((m) => `${monthLabel(m.month)} ${formatPercent(m.rates[s.id])}`).join(', ')}`).join('. ')}`;
  const legend = SERIES.map(
    (s) => html`<span class="legend-item"><svg width="26" height="14" aria-hidden="true"><line x1="0" y1="7" x2="26" y2="7" stroke="${s.colour}" stroke-width="2.5"/>${marker(s.marker, 13, 7, s.colour)}</svg>${labelOf(s.id)}</span>`,
  );
  const zones = `Shading: red below ${Math.round(amber * 100)} %, amber ${Math.round(amber * 100)}–${Math.round(green * 100)} %, green above ${Math.round(green * 100)} %`;
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${summary}" xmlns="http://www.w3.org/2000/svg">${bands}${gridlines}${ticks}${lines}</svg><p class="legend">${legend}<span class="legend-item zones">${zones}</span></p>`;
}

function marker(shape: 'circle' | 'square' | 'diamond', cx: number, cy: number, colour: string): Html {
  if (shape === 'circle') return html`<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="4" fill="${colour}"/>`;
  if (shape === 'square') return html`<rect x="${fmt(cx - 4)}" y="${fmt(cy - 4)}" width="8" height="8" fill="${colour}"/>`;
  return html`<polygon points="${fmt(cx)},${fmt(cy - 5)} ${fmt(cx + 5)},${fmt(cy)} ${fmt(cx)},${fmt(cy + 5)} ${fmt(cx - 5)},${fmt(cy)}" fill="${colour}"/>`;
}

function labelOf(id: RateId): string {
  return MEASURES.find((m) => m.id === id)?.label ?? id;
}

export function describeRate(rate: Rate): string {
  if (rate.percent === null) return 'no data';
  if (isTooFewToRate(rate)) return 'too few to rate (fewer than 5)';
  return `${formatPercent(rate)} (${formatSmallCount(rate.numerator)} of ${formatSmallCount(rate.denominator)}), ${RAG_LABELS[rate.rag]}`;
}

export const TREND_SERIES = SERIES;

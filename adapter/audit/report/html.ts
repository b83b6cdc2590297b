/**
 * report.html: the audit as a service manager reads it — headline measures with their RAG rating and
 * what each means, coverage per team, the trend by month, the counts behind every rate.
 *
 * Self-contained: inline CSS and inline SVG, no script, no fonts, images or styles fetched, so it
 * opens from an email attachment or a shared drive and prints as it looks. All text that comes
 * from data (team names, the reason a pull was incomplete) is HTML-escaped. Teams are listed
 * alphabetically and never ranked: the Triangle of Care asks for improvement, not a league table.
 */
import type { Coverage, Measures, Rate } from '../../../shared/audit/coverage';
import { MEASURES, PATHWAY_MEASURES, type Citation } from '../../../shared/audit/measures';
import { RAG_COLOURS, describeRate, monthTrend, teamBars } from './charts';
import { Html, html } from './escape';
import { displayDate } from '../../../shared/domain/describe';
import { ALL_TEAMS, asOfLabel, formatCount, formatDays, formatPercent, formatSmallCount, incompleteNotice, isSmallCount, isTooFewToRate, monthLabel, ragLabel, shownRag, teamLabel } from './format';
import type { Comparison } from '../../../shared/audit/compare';
import type { PromptOutcomeRow, PromptOutcomes } from '../../../shared/audit/promptOutcomes';
import { DEFERRAL_REASONS } from '../../../shared/domain/types';
import { DEFERRAL_REASON_LABEL } from '../../../shared/deferrals';
import { NOT_MEASURED, notMeasuredReason, totalsByCode } from './promptOutcomes';

const TEAM_CHARTS = ['carersIdentified', 'consentRecorded', 'assessmentOffered'] as const;

/** What the report adds on request: the change since the last audit, and a note that a worklist was written. */
export interface ReportExtras {
  comparison?: Comparison;
  /** The worklist files written beside the report, and how many items they hold (never their content). */
  worklist?: { items: number; files: readonly string[] };
}

export function toHtml(coverage: Coverage, extras: ReportExtras = {}): string {
  const notice = incompleteNotice(coverage);
  const title = `Carer consent coverage — ${asOfLabel(coverage)}${coverage.complete ? '' : ' — INCOMPLETE'}`;
  const undated = coverage.byMonth.find((m) => m.month === null)?.patients.total ?? 0;
  const teams = coverage.byTeam.filter((t) => t.team !== null).length;
  const page = html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
<header>
<p class="kicker">Carer Prompts · audit report</p>
<h1>How well are carers identified, asked and offered support?</h1>
<p class="lede">As at <strong>${asOfLabel(coverage)}</strong>: ${formatSmallCount(coverage.patients.total)} patients and ${formatSmallCount(coverage.carers.total)} carers, across ${formatCount(teams)} ${teams === 1 ? 'team' : 'teams'}.</p>
<p class="note">${caseloadSentence(coverage)}</p>
${notOnServer(coverage)}${notice ? html`<p class="incomplete" role="alert"><strong>INCOMPLETE.</strong> ${notice.replace(/^INCOMPLETE: /, '')}</p>` : ''}
</header>

<section aria-labelledby="headline">
<h2 id="headline">Headline measures</h2>
<p class="note">Rated on the Triangle of Care self-assessment thresholds: <strong>green</strong> above ${pct(coverage.policy.rag.green)}, <strong>amber</strong> ${pct(coverage.policy.rag.amber)} or more, <strong>red</strong> below.</p>
<p class="note">A count from 1 to 4 is shown as “&lt;5”, and a rate over fewer than 5 people is “too few to rate”, so that no small group points at a person (coverage.json keeps the exact counts).</p>
<div class="cards">${MEASURES.map((m) => card(m.label, coverage.rates[m.id], m.definition, m.citations))}</div>
</section>

${pathwaySection(coverage)}
${extras.comparison === undefined ? '' : comparisonSection(extras.comparison)}
${extras.worklist === undefined ? '' : worklistNote(extras.worklist)}
<section aria-labelledby="teams">
<h2 id="teams">Coverage by team</h2>
<p class="note">Teams are listed alphabetically. This is not a league table: teams serve different people, and a small team's rate moves a lot with one patient.</p>
${TEAM_CHARTS.map((id) => html`<figure><figcaption>${MEASURES.find((m) => m.id === id)?.label ?? id}</figcaption>${teamBars(coverage, id)}</figure>`)}
</section>

<section aria-labelledby="activity">
<h2 id="activity">Activity by month recorded</h2>
<p class="note">The trend over time: what was recorded in each month, for the patients counted in this audit — carers identified (by the date on the carer’s record), consent decisions recorded and first offers of a carer’s needs assessment.</p>
${activityTable(coverage)}
</section>

<section aria-labelledby="trend">
<h2 id="trend">Cohort view: rates by month of service start</h2>
<p class="note">This is a cohort view, not performance over time: patients are counted in the month their current episode of care started, and carers with their patient, with today’s records; a month with few new patients swings widely. ${
    undated > 0 ? `${formatCount(undated)} ${undated === 1 ? 'patient has' : 'patients have'} no recorded start date and ${undated === 1 ? 'is' : 'are'} counted in the totals but not in this chart.` : ''
  }</p>
<figure><figcaption>Carers identified, consent recorded and assessments offered, by month</figcaption>${monthTrend(coverage)}</figure>
</section>

<section aria-labelledby="counts">
<h2 id="counts">The counts behind the rates</h2>
${countsTable(coverage)}
</section>

<section aria-labelledby="by-team-table">
<h2 id="by-team-table">Every team, every measure</h2>
${groupTable(
  'Team',
  'Every team, every measure',
  coverage.byTeam.map((t) => ({ label: teamLabel(t.team, 200), measures: t })),
)}
</section>

<section aria-labelledby="by-month-table">
<h2 id="by-month-table">Every month, every measure</h2>
${groupTable(
  'Month of service start',
  'Every month of service start, every measure',
  coverage.byMonth.map((m) => ({ label: monthLabel(m.month), measures: m })),
)}
</section>

${coverage.promptOutcomes === undefined ? '' : promptOutcomesSection(coverage, coverage.promptOutcomes)}

<section aria-labelledby="quality">
<h2 id="quality">Data quality</h2>
<ul>
<li>${formatSmallCount(coverage.dataQuality.carerWithoutRelationship)} carers have no relationship to the patient recorded.</li>
<li>${formatSmallCount(coverage.dataQuality.carerWithoutContact)} carers have no telephone, email or address recorded.</li>
<li>${formatSmallCount(coverage.dataQuality.consentWithoutCarer)} consent records name no carer of the patient.</li>
<li>${formatSmallCount(coverage.dataQuality.possibleDuplicateCarers)} carer records look like another record of the same person (each person is counted once).</li>
<li>${formatSmallCount(coverage.dataQuality.contactsNotAskedAbout)} contacts on patients’ records (next of kin, emergency contacts) have never been asked whether they are carers.</li>
<li>${formatSmallCount(coverage.population.unreadableTotal)} records could not be read${unreadableDetail(coverage)} and are not counted.</li>
<li>${formatSmallCount(coverage.population.relatedPersonsOfPatientsNotRead)} related people and ${formatSmallCount(coverage.population.consentsOfPatientsNotRead)} consent records belong to patients outside this audit.</li>
</ul>
</section>

<section aria-labelledby="method">
<h2 id="method">How this was measured</h2>
<ul>
<li>A carer is an active related person recorded as the patient's carer. A young carer is under ${coverage.policy.youngCarerUnderAge} on the audit date.</li>
<li>Each carer's consent decision is the most recent consent record naming them; their assessment is the most recent offer of a carer's needs assessment.</li>
<li>First assessment offers are due within ${coverage.policy.firstOfferWithinMonths} months of the carer being identified or the service starting, whichever is later. Assessments are reviewed every ${coverage.policy.assessmentReviewMonths} months and consent decisions every ${coverage.policy.consentReviewMonths} months unless the record gives a review date.</li>
<li>Counts only: this report holds no names, NHS numbers or other patient-identifiable data. Dates are calendar days in ${coverage.policy.timeZone}.</li>
</ul>
</section>
</main>
<footer>Generated by Carer Prompts · coverage.json schema version ${coverage.schemaVersion}${coverage.complete ? '' : ' · INCOMPLETE'}</footer>
</body>
</html>
`;
  return page.value;
}

function pct(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

function card(label: string, rate: Rate, definition: string, citations: readonly Citation[]): Html {
  const rag = shownRag(rate);
  return html`<article class="card rag-${rag}">
<h3>${label}</h3>
<p class="big"><span class="value">${formatPercent(rate)}</span> <span class="badge" style="background:${RAG_COLOURS[rag]}">${ragLabel(rate)}</span></p>
<p class="of">${rate.percent === null ? 'Nobody to count yet.' : `${formatSmallCount(rate.numerator)} of ${formatSmallCount(rate.denominator)}`}</p>
<p>${definition}</p>
<ul class="commitment">${citations.map((c) => html`<li><cite>${c.source}, ${c.criterion}</cite>: “${c.text}”${c.scope === undefined ? '' : html` <span class="scope">${c.scope}</span>`}</li>`)}</ul>
</article>`;
}

/** The pathway's rated measures (issue 11) that this coverage holds, as cards like the headline's. */
function pathwaySection(coverage: Coverage): Html | string {
  const shown = PATHWAY_MEASURES.flatMap((m) => {
    const rate = m.rate(coverage);
    return rate === undefined ? [] : [card(m.label, rate, m.definition, m.citations)];
  });
  if (shown.length === 0) return '';
  return html`<section aria-labelledby="pathway">
<h2 id="pathway">Carers across the pathway</h2>
<p class="note">Care and crisis planning, being heard, enquiries, identification at first contact and discharge, rated on the same thresholds. The counts behind them are in coverage.json (<code>pathwayPlans</code>, <code>carerCommunications</code>, <code>pathway</code>).</p>
<div class="cards">${shown}</div>
</section>`;
}

/** The types the server does not hold, and what each costs the measures: beside the results, not only on stderr. */
function notOnServer(coverage: Coverage): Html | string {
  const notes = coverage.notOnServer ?? [];
  if (notes.length === 0) return '';
  return html`<div class="note"><p><strong>What this server does not hold</strong>, and what it costs these measures:</p><ul>${notes.map((note) => html`<li>${note}.</li>`)}</ul></div>`;
}

/** Each headline rate then and now; a change over too few people, or over nobody, is not shown as one. */
function comparisonSection(c: Comparison): Html {
  const change = (r: Comparison['rates'][number]): string => {
    if (r.points === null) return 'no data';
    if (isTooFewToRate(r.previous) || isTooFewToRate(r.current)) return 'too few to compare';
    return r.points === 0 ? 'no change' : `${r.points > 0 ? '+' : '−'}${formatDays(Math.abs(r.points))} points`;
  };
  return html`<section aria-labelledby="compare">
<h2 id="compare">Change since the last audit (as at ${displayDate(c.previousAsOf)})</h2>
${c.cautions.length === 0 ? '' : html`<p class="caution"><strong>Compare with care:</strong> ${c.cautions.join('; ')}.</p>`}
<p class="note">Patients counted: ${formatSmallCount(c.patients.previous)} then, ${formatSmallCount(c.patients.current)} now. Carers: ${formatSmallCount(c.carers.previous)} then, ${formatSmallCount(c.carers.current)} now.</p>
<table class="compare"><caption class="visually-hidden">Each headline measure at the last audit and now</caption><thead><tr><th scope="col">Measure</th><th scope="col">Last audit</th><th scope="col">Now</th><th scope="col">Change</th></tr></thead><tbody>${c.rates.map(
    (r) => html`<tr><th scope="row">${MEASURES.find((m) => m.id === r.id)?.label ?? r.id}</th><td>${formatPercent(r.previous)}</td><td>${formatPercent(r.current)}</td><td>${change(r)}</td></tr>`,
  )}</tbody></table>
</section>`;
}

function worklistNote(w: NonNullable<ReportExtras['worklist']>): Html {
  return html`<section aria-labelledby="worklist">
<h2 id="worklist">Worklist</h2>
<p>A worklist of ${formatCount(w.items)} overdue ${w.items === 1 ? 'item' : 'items'}, by team, was written beside this report (${w.files.join(', ')}). <strong>It holds patient-identifiable data</strong>: this report does not.</p>
</section>`;
}

/** What was recorded each month: counts, small ones shown as "<5". */
function activityTable(c: Coverage): Html {
  const months = c.activityByMonth ?? [];
  if (months.length === 0) return html`<p class="note">No dated carer, consent or assessment records for these patients.</p>`;
  const n = formatSmallCount;
  return html`<table class="activity"><caption class="visually-hidden">Activity by month recorded</caption><thead><tr><th scope="col">Month recorded</th><th scope="col">Carers identified</th><th scope="col">Consent decisions recorded</th><th scope="col">First assessment offers</th></tr></thead><tbody>${months.map(
    (m) => html`<tr><th scope="row">${monthLabel(m.month)}</th><td>${n(m.carersIdentified)}</td><td>${n(m.consentDecisionsRecorded)}</td><td>${n(m.firstAssessmentOffers)}</td></tr>`,
  )}</tbody></table>`;
}

/** Who is counted: the caseload the measures are about, in words. */
function caseloadSentence(c: Coverage): string {
  const caseload = c.population.caseload;
  if (caseload === undefined) return '';
  if (caseload.basis === 'every-patient-read') return 'Every patient read is counted: the data held no episodes of care, so who is on the caseload could not be told.';
  const when = caseload.from === caseload.to ? `on ${displayDate(caseload.to)}` : `at any time from ${displayDate(caseload.from)} to ${displayDate(caseload.to)}`;
  const out = c.population.excluded.notInCaseload;
  return `Counted: patients with an open episode of care ${when}. ${formatSmallCount(out)} ${out === 1 ? 'patient' : 'patients'} read ${out === 1 ? 'is' : 'are'} not in the caseload (discharged, or never under the service) and ${out === 1 ? 'is' : 'are'} left out.`;
}

function countsTable(c: Coverage): Html {
  const row = (label: string, value: string, indent = false): Html => html`<tr${indent ? html` class="sub"` : ''}><th scope="row">${label}</th><td>${value}</td></tr>`;
  const n = formatSmallCount;
  return html`<table class="counts"><tbody>
${row('Patients in scope', n(c.patients.total))}
${row('left out: patients not in the caseload', n(c.population.excluded.notInCaseload), true)}
${row('left out: patients recorded as deceased', n(c.population.excluded.deceasedPatients), true)}
${row('left out: carers whose relationship has ended', n(c.population.excluded.endedCarerRelationships), true)}
${row('with a carer recorded', n(c.patients.withCarer), true)}
${row('asked, and said they have no carer', n(c.patients.askedNoCarers), true)}
${row('said “no carers”, but the answer is out of date (ask again)', n(c.patients.askedNoCarersStale), true)}
${row('never asked', n(c.patients.neverAsked), true)}
${row('Carers', n(c.carers.total))}
${row('young carers', n(c.carers.young), true)}
${row('young carers referred to young carers’ support', n(c.carers.youngReferred), true)}
${row('young carers whose carer’s assessment is completed', n(c.carers.youngAssessed), true)}
${row('patients who are parents asked whether children in the household help (Think Family)', n(c.patients.childrenAsked), true)}
${row('of them, a child in the household helps', n(c.patients.childrenAskedChildHelps), true)}
${row('consent: yes, share', n(c.carers.consent.permit), true)}
${row('consent: no, do not share', n(c.carers.consent.deny), true)}
${row('consent: share some things', n(c.carers.consent.partial), true)}
${row('consent: withdrawn', n(c.carers.consent.withdrawn), true)}
${row('consent: decision no longer valid (ask again)', n(c.carers.consent.expired), true)}
${row('consent: conflicting decisions (check in the EHR)', n(c.carers.consent.conflict), true)}
${row('consent: patient unable to decide at present', n(c.carers.consent['lacks-capacity']), true)}
${row('consent: no decision recorded', n(c.carers.consent.none), true)}
${row('consent: record cannot be interpreted', n(c.carers.consent.unknown), true)}
${row('consent decisions past their review date', n(c.carers.consentPastReview), true)}
${row('assessment: not offered', n(c.carers.assessment.notOffered), true)}
${row('assessment: offered, no answer yet', n(c.carers.assessment.offered), true)}
${row('assessment: accepted', n(c.carers.assessment.accepted), true)}
${row('assessment: declined', n(c.carers.assessment.declined), true)}
${row('assessment: completed', n(c.carers.assessment.completed), true)}
${row('first offers not made within policy', n(c.carers.offerNotWithinPolicy), true)}
${row('first offer deadline unknown (no identification or service start date recorded)', n(c.carers.offerDeadlineUnknown), true)}
${row('assessment reviews overdue', n(c.carers.assessmentReviewOverdue), true)}
${row('median days from identification to first offer', isSmallCount(c.carers.daysToOfferSampleSize) ? 'too few to show' : `${formatDays(c.carers.medianDaysToOffer)} (over ${n(c.carers.daysToOfferSampleSize)} carers)`, true)}
</tbody></table>`;
}

/**
 * A wide table in a scroll container a keyboard can reach (tabindex, and a name for the region:
 * axe scrollable-region-focusable); the table's own caption names it for screen readers.
 */
function groupTable(heading: string, caption: string, groups: readonly { label: string; measures: Measures }[]): Html {
  return html`<div class="scroll" tabindex="0" role="region" aria-label="${caption} (scrolls sideways)"><table class="groups"><caption class="visually-hidden">${caption}</caption><thead><tr><th scope="col">${heading}</th><th scope="col">Patients</th><th scope="col">Carers</th>${MEASURES.map((m) => html`<th scope="col">${m.label}</th>`)}</tr></thead><tbody>${groups.map(
    (g) =>
      html`<tr><th scope="row">${g.label}</th><td>${formatSmallCount(g.measures.patients.total)}</td><td>${formatSmallCount(g.measures.carers.total)}</td>${MEASURES.map((m) => {
        const rate = g.measures.rates[m.id];
        const rated = rate.percent !== null && shownRag(rate) !== 'none';
        return html`<td class="rate rag-${shownRag(rate)}" title="${describeRate(rate)}">${formatPercent(rate)}${rated ? html` <span class="tag">${ragLabel(rate)}</span>` : ''}</td>`;
      })}</tr>`,
  )}</tbody></table></div>`;
}

/**
 * Prompt outcomes: for each prompt code and team, acted on (in the period), deferred by reason and
 * left at the audit date — whether a prompt earns its place. A wide table in a keyboard-reachable region.
 */
function promptOutcomesSection(c: Coverage, outcomes: PromptOutcomes): Html {
  const n = formatSmallCount;
  const since = outcomes.period.from === null ? 'at any time up to the audit date' : `from ${displayDate(outcomes.period.from)} to the audit date`;
  const acted = (r: PromptOutcomeRow): string => (r.actedOn === null ? NOT_MEASURED : n(r.actedOn));
  const rows = [...totalsByCode(outcomes).map((r) => ({ ...r, label: ALL_TEAMS })), ...outcomes.rows.map((r) => ({ ...r, label: teamLabel(r.team, 200) }))].sort(
    (a, b) => outcomes.measured.indexOf(a.code) - outcomes.measured.indexOf(b.code) || (a.label === ALL_TEAMS ? -1 : b.label === ALL_TEAMS ? 1 : 0),
  );
  return html`<section aria-labelledby="prompt-outcomes">
<h2 id="prompt-outcomes">Prompt outcomes: acted on, deferred, left</h2>
<p class="note">Whether each prompt earns its place. <strong>Left</strong>: prompts the clinician’s panel shows on the audit date, worked out with the panel’s own rules for every patient counted here. <strong>Deferred</strong>: prompts a recorded deferral hides on that date, by its reason. <strong>Acted on</strong>: changes recorded ${since} through an action that closes the prompt, counted only where the record shows which action wrote it (${outcomes.actedOnMeasured.join(', ')}); elsewhere “${NOT_MEASURED}”.</p>
${outcomes.notMeasured.length === 0 ? '' : html`<p class="note">Not measured: ${outcomes.notMeasured.map((code) => `${code} (${notMeasuredReason(code)})`).join('; ')}.</p>`}
<div class="scroll" tabindex="0" role="region" aria-label="Prompt outcomes by prompt and team (scrolls sideways)"><table class="groups"><caption class="visually-hidden">Prompt outcomes by prompt and team</caption><thead><tr><th scope="col">Prompt</th><th scope="col">Team</th><th scope="col">Acted on</th>${DEFERRAL_REASONS.map((r) => html`<th scope="col">Deferred: ${DEFERRAL_REASON_LABEL[r] ?? r}</th>`)}<th scope="col">Left</th></tr></thead><tbody>${rows.map(
    (r) => html`<tr><th scope="row">${r.code}</th><td>${r.label}</td><td>${acted(r)}</td>${DEFERRAL_REASONS.map((reason) => html`<td>${n(r.deferred[reason] ?? 0)}</td>`)}<td>${n(r.left)}</td></tr>`,
  )}</tbody></table></div>
</section>`;
}

function unreadableDetail(c: Coverage): string {
  const parts = Object.entries(c.population.unreadable).map(([type, count]) => `${formatCount(count)} ${type}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

const STYLE = `
:root { --text: #212b32; --muted: #4c6272; --line: #d8dde0; --bg: #f0f4f5; --blue: #005eb8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 Arial, "Helvetica Neue", Helvetica, sans-serif; color: var(--text); background: var(--bg); }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 8px; }
header { border-bottom: 4px solid var(--blue); margin-bottom: 8px; }
.kicker { margin: 0; color: var(--muted); font-size: 14px; text-transform: uppercase; letter-spacing: .04em; }
h1 { font-size: 28px; line-height: 1.25; margin: 4px 0 8px; }
h2 { font-size: 22px; margin: 32px 0 8px; }
h3 { font-size: 17px; margin: 0 0 4px; }
.lede { font-size: 18px; margin: 0 0 16px; }
.note { color: var(--muted); margin: 0 0 12px; }
.incomplete { background: #fff; border: 4px solid #d5281b; padding: 12px 16px; font-size: 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 16px; }
.card { background: #fff; border-top: 8px solid #aeb7bd; padding: 14px 16px; break-inside: avoid; }
.card.rag-green { border-top-color: #007f3b; } .card.rag-amber { border-top-color: #ffb81c; } .card.rag-red { border-top-color: #d5281b; }
.card p { margin: 4px 0; }
.big { display: flex; align-items: center; gap: 10px; }
.big .value { font-size: 34px; font-weight: bold; }
.badge { color: #fff; font-weight: bold; padding: 2px 10px; border-radius: 12px; font-size: 14px; }
.rag-amber .badge { color: #212b32; }
.rag-none .badge { color: #212b32; }
.of { color: var(--muted); }
.commitment { color: var(--muted); font-size: 14px; border-top: 1px solid var(--line); padding: 6px 0 0; margin: 8px 0 0; list-style: none; }
.commitment li + li { margin-top: 4px; }
.commitment cite { font-style: normal; font-weight: bold; }
.scope { display: block; font-size: 13px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
figure { background: #fff; margin: 0 0 16px; padding: 12px 16px; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 4px; }
.chart { display: block; max-width: 100%; height: auto; font-family: Arial, sans-serif; }
.chart .label { font-size: 13px; fill: #212b32; }
.chart .value { font-size: 13px; font-weight: bold; fill: #212b32; }
.chart .axis { font-size: 11px; fill: #4c6272; }
.chart .track { fill: #e8edee; }
.chart .guide { stroke: #4c6272; stroke-dasharray: 3 3; }
.chart .grid { stroke: #d8dde0; }
.chart .band-green { fill: #007f3b; opacity: .08; } .chart .band-amber { fill: #ffb81c; opacity: .14; } .chart .band-red { fill: #d5281b; opacity: .07; }
.legend { display: flex; flex-wrap: wrap; gap: 18px; margin: 6px 0 0; }
.legend-item { display: inline-flex; align-items: center; gap: 6px; }
table { border-collapse: collapse; background: #fff; width: 100%; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
td { text-align: right; font-variant-numeric: tabular-nums; }
.counts { max-width: 640px; }
.activity, .compare { max-width: 720px; }
.caution { background: #fff; border-left: 6px solid #ffb81c; padding: 8px 12px; }
.counts tr.sub th { font-weight: normal; padding-left: 28px; }
.groups { font-size: 13px; }
.groups th, .groups td { padding: 6px 4px; }
.groups thead th { font-size: 12px; vertical-align: bottom; hyphens: auto; overflow-wrap: break-word; }
.groups tbody th { min-width: 8em; white-space: normal; overflow-wrap: anywhere; }
/* The rating sits under the percentage, so every rate column (twelve with the pathway's) fits at 1280 px without clipping the last. */
.groups td.rate { white-space: nowrap; }
.groups td.rate .tag { display: block; width: max-content; margin: 2px 0 0 auto; }
.tag { font-size: 12px; padding: 1px 6px; border-radius: 8px; background: #e8edee; }
td.rag-green .tag { background: #007f3b; color: #fff; } td.rag-amber .tag { background: #ffb81c; color: #212b32; } td.rag-red .tag { background: #d5281b; color: #fff; }
.scroll { overflow-x: auto; }
.scroll:focus { outline: 3px solid #ffeb3b; outline-offset: 2px; box-shadow: 0 0 0 5px #212b32; }
@page { size: A4; margin: 14mm 12mm; }
footer { max-width: 1040px; margin: 0 auto; padding: 16px 20px 32px; color: var(--muted); font-size: 14px; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section { break-inside: avoid-page; }
  h2 { break-after: avoid; }
  .card, figure, table { border: 1px solid var(--line); }
  .scroll { overflow: visible; }
  .groups { font-size: 9pt; }
  .groups th, .groups td { padding: 3px 4px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * worklist.csv and worklist.html (`--worklist` only): per team, who has something overdue, which
 * prompt the panel shows for it and since when. Unlike every other output these hold
 * patient-identifiable data (NHS numbers and record ids), so each starts with a banner saying so;
 * the CLI writes them owner-only (0600) and never unless asked.
 */
import type { Coverage } from '../../../shared/audit/coverage';
import type { WorklistItem } from '../../../shared/audit/worklist';
import { displayDate } from '../../../shared/domain/describe';
import { csvCell } from './csv';
import { Html, html } from './escape';
import { asOfLabel, incompleteNotice, teamLabel } from './format';

export const WORKLIST_FILES = ['worklist.csv', 'worklist.html'] as const;

export const PID_BANNER =
  'PATIENT-IDENTIFIABLE DATA: this worklist names patients (NHS numbers and record ids). Keep it on storage your trust approves for patient data, share it only with the team it is for, and delete it when the follow-up is done.';

const BOM = '\uFEFF';

export function toWorklistCsv(items: readonly WorklistItem[], coverage: Coverage): string {
  const notice = incompleteNotice(coverage);
  const rows: (string | null)[][] = [
    [PID_BANNER],
    ...(notice === undefined ? [] : [[notice]]),
    ['team', 'nhsNumber', 'patient', 'carer', 'prompt', 'overdue', 'dueSince', 'asOf'],
    ...items.map((i) => [teamLabel(i.team, 200), i.nhsNumber ?? null, `Patient/${i.patient}`, i.carer === undefined ? null : `RelatedPerson/${i.carer}`, i.prompt, i.what, i.dueSince ?? 'date not recorded', coverage.asOf]),
  ];
  return BOM + rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function toWorklistHtml(items: readonly WorklistItem[], coverage: Coverage): string {
  const notice = incompleteNotice(coverage);
  const teams = new Map<string, WorklistItem[]>();
  for (const item of items) {
    const label = teamLabel(item.team, 200);
    const list = teams.get(label);
    if (list === undefined) teams.set(label, [item]);
    else list.push(item);
  }
  const page = html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>Carer follow-up worklist — ${asOfLabel(coverage)} — PATIENT-IDENTIFIABLE</title>
<style>${new Html(STYLE)}</style>
</head>
<body>
<main>
<p class="pid" role="note"><strong>${PID_BANNER}</strong></p>
<h1>Carer follow-up worklist</h1>
<p>As at <strong>${asOfLabel(coverage)}</strong>: ${items.length} overdue ${items.length === 1 ? 'item' : 'items'} across ${teams.size} ${teams.size === 1 ? 'team' : 'teams'}. Each row names the prompt the Carer Prompts panel shows for it on the patient’s record.</p>
${notice === undefined ? '' : html`<p class="incomplete" role="alert"><strong>${notice}</strong></p>`}
${items.length === 0 ? html`<p>Nothing is overdue.</p>` : ''}
${[...teams].map(
  ([team, list]) => html`<section class="team"><h2>${team}</h2><table><caption>${team}: ${list.length} overdue</caption><thead><tr><th scope="col">NHS number</th><th scope="col">Patient record</th><th scope="col">Carer record</th><th scope="col">Prompt</th><th scope="col">What is overdue</th><th scope="col">Due since</th></tr></thead><tbody>${list.map(
    (i) =>
      html`<tr><td>${i.nhsNumber ?? '—'}</td><td>Patient/${i.patient}</td><td>${i.carer === undefined ? '—' : `RelatedPerson/${i.carer}`}</td><td><code>${i.prompt}</code></td><td>${i.what}</td><td>${i.dueSince === undefined ? 'date not recorded' : displayDate(i.dueSince)}</td></tr>`,
  )}</tbody></table></section>`,
)}
</main>
</body>
</html>
`;
  return page.value;
}

const STYLE = `
body { margin: 0; font: 15px/1.45 Arial, "Helvetica Neue", Helvetica, sans-serif; color: #212b32; background: #fff; }
main { max-width: 1180px; margin: 0 auto; padding: 20px; }
.pid { border: 4px solid #d5281b; padding: 10px 14px; background: #fff; }
.incomplete { border: 4px solid #d5281b; padding: 10px 14px; }
h1 { font-size: 26px; margin: 12px 0 6px; }
h2 { font-size: 20px; margin: 24px 0 6px; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: #4c6272; padding: 0 0 4px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #d8dde0; vertical-align: top; overflow-wrap: anywhere; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .team + .team { break-before: page; }
  tr { break-inside: avoid; }
  .pid { position: static; }
}
`;

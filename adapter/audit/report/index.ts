/** The audit's reports: terminal summary, coverage.json, coverage.csv, prompt-outcomes.csv and the self-contained report.html. */
export { summaryTable } from './summaryTable';
export { toJson } from './json';
export { toCsv, csvCell } from './csv';
export { toHtml } from './html';
export { toPromptOutcomesCsv } from './promptOutcomes';

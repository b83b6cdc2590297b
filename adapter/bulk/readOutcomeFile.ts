import { asOperationOutcome } from '../errors';
import { downloadFile } from './downloadFile';
import type { PullTransport } from './transport';

export interface OutcomeSummary {
  /** Issues of severity error or fatal: resources the server could not export. */
  errors: number;
  /** One line per severity and code, with counts; never the server's diagnostics (they may name patients). */
  messages: string[];
}

/**
 * Reads an export's error file (NDJSON of OperationOutcome) and summarises it by severity and code.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/export.html#response---error-status-1
 */
export async function readOutcomeFile(url: URL, transport: PullTransport, name: string): Promise<OutcomeSummary> {
  const counts = new Map<string, number>();
  let errors = 0;
  try {
    for await (const item of downloadFile(url, transport, { name })) {
      if (item.type === 'integrity') {
        // An unreadable line may be an error the server reported: counted as one, so the audit cannot pass as complete.
        counts.set('unreadable line', (counts.get('unreadable line') ?? 0) + 1);
        errors += 1;
        continue;
      }
      const outcome = asOperationOutcome(item.resource);
      for (const issue of outcome?.issue ?? []) {
        const key = `${issue.severity ?? 'unknown'} ${issue.code ?? ''}`.trim();
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (issue.severity === 'error' || issue.severity === 'fatal') errors += 1;
      }
    }
  } catch {
    // An unreadable error file means we cannot tell what was left out: count it as an error.
    return { errors: 1, messages: [`The export's ${name} could not be read, so some resources may be missing.`] };
  }
  const messages = [...counts].map(([key, count]) => `The server reported ${count} × ${key} in the export's ${name}.`);
  return { errors, messages };
}

/** coverage.json: the coverage as the versioned schema describes it, checked against the schema before it is written. */
import { CoverageSchema, type Coverage } from '../../../shared/audit/coverage';

export function toJson(coverage: Coverage): string {
  return `${JSON.stringify(CoverageSchema.parse(coverage), null, 2)}\n`;
}

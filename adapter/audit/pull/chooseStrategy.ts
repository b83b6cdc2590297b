import type { ExportLevel } from '../../bulk/kickOff';
import type { PullMode } from './events';

/** Which `$export` operations a server declares. */
export interface ExportSupport {
  system: boolean;
  patient: boolean;
  group: boolean;
}

export type PullPlan = { path: 'bulk'; level: ExportLevel } | { path: 'search' } | { path: 'ndjson' };

const NO_EXPORT: ExportSupport = { system: false, patient: false, group: false };

/**
 * Reads the `$export` operations from a CapabilityStatement (any JSON). Servers declare them in
 * different places: system-level in `rest.operation`, type-level on the Patient and Group resources,
 * or all three in `rest.operation` told apart by their OperationDefinition URL.
 *
 * @see https://hl7.org/fhir/uv/bulkdata/CapabilityStatement-bulk-data.html
 */
export function exportSupport(statement: unknown): ExportSupport {
  if (typeof statement !== 'object' || statement === null) return NO_EXPORT;
  const rests = (statement as { rest?: unknown }).rest;
  if (!Array.isArray(rests)) return NO_EXPORT;
  const support = { ...NO_EXPORT };
  for (const rest of rests as unknown[]) {
    if (typeof rest !== 'object' || rest === null) continue;
    for (const op of operations(rest)) {
      const kind = exportKind(op);
      if (kind === 'patient') support.patient = true;
      else if (kind === 'group') support.group = true;
      else if (kind === 'plain') support.system = true;
    }
    const resources = (rest as { resource?: unknown }).resource;
    for (const resource of Array.isArray(resources) ? (resources as unknown[]) : []) {
      if (typeof resource !== 'object' || resource === null) continue;
      const type = (resource as { type?: unknown }).type;
      if (type !== 'Patient' && type !== 'Group') continue;
      if (operations(resource).some((op) => exportKind(op) !== undefined)) support[type === 'Patient' ? 'patient' : 'group'] = true;
    }
  }
  return support;
}

function operations(holder: object): Array<{ name?: unknown; definition?: unknown }> {
  const list = (holder as { operation?: unknown }).operation;
  return Array.isArray(list) ? (list as unknown[]).filter((op): op is { name?: unknown; definition?: unknown } => typeof op === 'object' && op !== null) : [];
}

function exportKind(op: { name?: unknown; definition?: unknown }): 'plain' | 'patient' | 'group' | undefined {
  const name = typeof op.name === 'string' ? op.name.replace(/^\$/, '') : '';
  const definition = typeof op.definition === 'string' ? op.definition : '';
  if (name === 'patient-export' || /\/patient-export(\|.*)?$/.test(definition)) return 'patient';
  if (name === 'group-export' || /\/group-export(\|.*)?$/.test(definition)) return 'group';
  if (name === 'export' || /\/OperationDefinition\/export(\|.*)?$/.test(definition)) return 'plain';
  return undefined;
}

/**
 * The way to pull: forced by the mode, or (`auto`) a bulk export at the level the server offers —
 * the Group's own export for a caseload; otherwise system-level, then Patient-level — and paged
 * search when it offers none.
 */
export function choosePullPlan(mode: PullMode, support: ExportSupport, group: string | undefined): PullPlan {
  if (mode === 'ndjson') return { path: 'ndjson' };
  if (mode === 'search') return { path: 'search' };
  if (group !== undefined) {
    if (mode === 'bulk' || support.group) return { path: 'bulk', level: { kind: 'group', id: group } };
    return { path: 'search' };
  }
  if (support.system) return { path: 'bulk', level: { kind: 'system' } };
  if (support.patient) return { path: 'bulk', level: { kind: 'patient' } };
  return mode === 'bulk' ? { path: 'bulk', level: { kind: 'system' } } : { path: 'search' };
}

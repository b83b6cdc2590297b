import type { RawResource } from '../../adapter/fhir/rawStore';
import type { Conflict } from '../protocol/messages';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined);
const get = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined);

/**
 * The newer version a conflict returned, summarised as plain-text lines to show beside the
 * clinician's draft (the fields the panel's forms change). Text only: never markup.
 */
export function conflictFrom(resource: RawResource, versionId: string | undefined): Conflict {
  const meta = get(resource, 'meta');
  const lines: string[] = [];
  const status = text(get(resource, 'status'));
  switch (resource.resourceType) {
    case 'Consent': {
      const provision = get(resource, 'provision');
      const type = text(get(provision, 'type'));
      const review = text(get(get(provision, 'period'), 'end'));
      lines.push(`Status: ${status ?? 'not given'}`);
      if (type) lines.push(`Decision: ${type === 'permit' ? 'agreed to share' : type === 'deny' ? 'declined to share' : type}`);
      if (review) lines.push(`Review by: ${review.slice(0, 10)}`);
      const when = text(get(resource, 'dateTime'));
      if (when) lines.push(`Decided: ${when.slice(0, 10)}`);
      break;
    }
    case 'Task': {
      lines.push(`Status: ${status ?? 'not given'}`);
      const reason = text(get(get(resource, 'statusReason'), 'text'));
      if (reason) lines.push(`Reason: ${reason}`);
      const end = text(get(get(resource, 'executionPeriod'), 'end'));
      if (end) lines.push(`Assessment date: ${end.slice(0, 10)}`);
      break;
    }
    case 'RelatedPerson': {
      const active = get(resource, 'active');
      lines.push(`Active: ${active === false ? 'no' : 'yes'}`);
      const names = get(resource, 'name');
      const first = Array.isArray(names) ? names[0] : undefined;
      const name = text(get(first, 'text'));
      if (name) lines.push(`Name: ${name}`);
      const extensions = get(resource, 'extension');
      const carerStatus = Array.isArray(extensions) ? extensions.find((e) => String(get(e, 'url')).endsWith('/carer-status')) : undefined;
      if (carerStatus) {
        const isCarer = (get(carerStatus, 'extension') as unknown[] | undefined)?.find((e) => get(e, 'url') === 'isCarer');
        const value = get(isCarer, 'valueBoolean');
        if (typeof value === 'boolean') lines.push(`Carer: ${value ? 'yes' : 'no'}`);
      }
      break;
    }
    default:
      if (status) lines.push(`Status: ${status}`);
  }
  const lastUpdated = text(get(meta, 'lastUpdated'));
  if (lastUpdated) lines.push(`Changed on the server: ${lastUpdated.slice(0, 16).replace('T', ' ')}`);
  return {
    resourceType: resource.resourceType,
    ...(versionId !== undefined ? { versionId } : {}),
    ...(lastUpdated !== undefined ? { lastUpdated } : {}),
    lines,
  };
}

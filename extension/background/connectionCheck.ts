import { deriveCapabilities } from '../../adapter/capabilities';
import { discoverSmartConfiguration, type SmartConfiguration } from '../../adapter/auth/smartConfiguration';
import { FhirError } from '../../adapter/errors';
import { fetchWithinOrigin } from '../../adapter/http/redirects';
import { REQUEST_INIT_DEFAULTS } from '../../adapter/http/types';
import type { TestConnectionResult } from '../protocol/options';

/**
 * "Test connection" for an administrator: only a FHIR R4 CapabilityStatement counts as a FHIR
 * server (a web page, a login portal or another FHIR version answering 200 is not one), and a real
 * one is summarised as what clinicians will and will not be able to do with it.
 * @see https://hl7.org/fhir/R4/capabilitystatement.html
 */

export const NOT_FHIR_R4 = 'This address did not answer like a FHIR R4 server. Check that it is the FHIR base (the address that /metadata is added to), not the EHR’s web page.';

interface RestResource {
  type?: unknown;
  interaction?: { code?: unknown }[];
  operation?: { name?: unknown }[];
}
interface Statement {
  resourceType?: unknown;
  fhirVersion?: unknown;
  instantiates?: unknown;
  rest?: { mode?: unknown; resource?: RestResource[]; operation?: { name?: unknown }[]; security?: { service?: { coding?: { code?: unknown }[] }[] } }[];
}

/** The carer record: each type the panel reads, what it is to a clinician, and what is lost without it. */
const CARER_RECORD = [
  { type: 'RelatedPerson', what: 'carers', lost: 'the panel could not show anyone’s carers' },
  { type: 'Consent', what: 'consent decisions', lost: 'the panel could not show what a patient decided about sharing with each carer' },
  { type: 'Task', what: 'assessment offers', lost: 'the panel could not show whether a carer was offered an assessment' },
  { type: 'List', what: '“asked: no carers” answers', lost: 'the panel would ask again about patients already asked' },
] as const;

const BULK_DATA = 'http://hl7.org/fhir/uv/bulkdata/CapabilityStatement/bulk-data';

function isStatement(body: unknown): body is Statement {
  return typeof body === 'object' && body !== null && (body as Statement).resourceType === 'CapabilityStatement';
}

/** The summary of a FHIR R4 server's CapabilityStatement (and its SMART discovery, when it has one). Pure. */
export function summariseServer(body: unknown, smart: SmartConfiguration | undefined): TestConnectionResult {
  if (!isStatement(body) || typeof body.fhirVersion !== 'string' || !body.fhirVersion.startsWith('4.0')) {
    const version = isStatement(body) && typeof body.fhirVersion === 'string' ? ` It reports FHIR version ${body.fhirVersion.slice(0, 20)}; Carer Prompts needs FHIR R4 (4.0.x).` : '';
    return { ok: false, message: `${NOT_FHIR_R4}${version}`, notes: [] };
  }
  const capabilities = deriveCapabilities(body);
  const rest = body.rest?.find((r) => r.mode === 'server') ?? body.rest?.[0];
  const codes = (type: string) => new Set((rest?.resource?.find((r) => r.type === type)?.interaction ?? []).map((i) => i.code));
  const notes: string[] = [`FHIR version ${body.fhirVersion.slice(0, 20)} (R4).`];

  const readable = CARER_RECORD.filter(({ type }) => codes(type).has('search-type'));
  const unreadable = CARER_RECORD.filter(({ type }) => !codes(type).has('search-type'));
  if (readable.length > 0) notes.push(`Reads: ${readable.map((r) => r.what).join(', ')}.`);
  for (const missing of unreadable) notes.push(`✗ Cannot search ${missing.type}: ${missing.lost}.`);

  const reasons = Object.values(capabilities.reasons);
  notes.push(reasons.length === 0 ? 'Writes: every change Carer Prompts makes (carers, consent decisions, assessment offers, “asked: no carers”).' : `✗ Some changes cannot be made from Carer Prompts; clinicians are told why beside each one:`);
  notes.push(...reasons.map((reason) => `✗ ${reason}`));

  notes.push(
    capabilities.revinclude
      ? '_revinclude: yes — a patient’s carers, decisions and tasks are read in one request.'
      : '✗ _revinclude: not declared — each patient is read with several searches, so the panel is slower to show carers.',
  );

  const exportOperation = (ops: { name?: unknown }[] | undefined) => (ops ?? []).some((o) => o.name === 'export');
  const bulk = (Array.isArray(body.instantiates) && body.instantiates.includes(BULK_DATA)) || exportOperation(rest?.operation) || (rest?.resource ?? []).some((r) => exportOperation(r.operation));
  notes.push(bulk ? 'Bulk export ($export): yes — the audit can pull the caseload in one export.' : '✗ Bulk export ($export): not offered — the audit reads the caseload page by page (slower for large caseloads; the panel is not affected).');

  const declaresSmart = (rest?.security?.service ?? []).some((s) => (s.coding ?? []).some((c) => c.code === 'SMART-on-FHIR'));
  if (smart) {
    const offered = smart.capabilities ?? [];
    const ways = [
      offered.includes('launch-standalone') ? 'clinician sign-in beside the EHR (standalone launch)' : undefined,
      offered.includes('client-public') ? 'public client with PKCE S256 (what Carer Prompts uses)' : undefined,
      offered.includes('client-confidential-asymmetric') || (smart.grant_types_supported ?? []).includes('client_credentials') ? 'Backend Services for the audit' : undefined,
    ].filter((w): w is string => w !== undefined);
    notes.push(`SMART on FHIR: yes${ways.length ? ` — ${ways.join('; ')}` : ''}. Choose “SMART on FHIR sign-in” below and register the redirect address.`);
    if (!offered.includes('launch-standalone') || !offered.includes('client-public')) notes.push('✗ The server does not say it offers a standalone launch for a public client: clinicians may not be able to sign in from Carer Prompts.');
  } else {
    notes.push(
      declaresSmart
        ? '✗ SMART on FHIR: declared, but /.well-known/smart-configuration could not be used — clinicians could not sign in.'
        : '✗ SMART on FHIR: not offered — Carer Prompts can use this server only without sign-in (open mode), which suits the sandbox, never a server with real records.',
    );
  }
  return { ok: true, message: 'Connected to a FHIR R4 server. What clinicians will be able to do:', notes };
}

/** Reads `<base>/metadata` and the SMART discovery document, and summarises them. Never throws. */
export async function checkConnection(fhirBaseUrl: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<TestConnectionResult> {
  let base: URL;
  try {
    base = new URL(fhirBaseUrl.replace(/\/+$/, ''));
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError('not http');
  } catch {
    return { ok: false, message: 'Enter a full http(s) URL, for example https://fhir.example.nhs.uk/R4.', notes: [] };
  }
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetchWithinOrigin(fetchImpl, `${base.href.replace(/\/$/, '')}/metadata`, { ...REQUEST_INIT_DEFAULTS, headers: { accept: 'application/fhir+json' }, signal });
  } catch (error) {
    if (error instanceof FhirError && error.kind !== 'network') return { ok: false, message: NOT_FHIR_R4, notes: [] };
    return { ok: false, message: 'The server could not be reached. Check the address, and that this computer can reach it.', notes: [] };
  }
  let body: unknown;
  try {
    body = response.ok ? await response.json() : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok && response.status >= 500) return { ok: false, message: `The server answered with an error (${response.status}). Try again later; if it keeps happening, tell the FHIR server’s administrators.`, notes: [] };
  const r4 = isStatement(body) && typeof body.fhirVersion === 'string' && body.fhirVersion.startsWith('4.0');
  const smart = r4 ? await discoverSmartConfiguration(base.href, { fetch: fetchImpl, signal }).catch(() => undefined) : undefined;
  return summariseServer(body, smart);
}

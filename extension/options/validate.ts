import * as z from 'zod/mini';
import { PolicyError, parsePolicy } from '../../shared/policy';
import { EhrProfileSchema } from '../profiles/schema';
import { ExtensionOptionsSchema, OPTION_LABELS, SMART_NEEDS_CLIENT_ID, type ExtensionOptions, type OptionKey } from '../storage/options';
import { describeProfileIssue } from './problemWords';

/** The options form as typed: text fields, parsed on save. */
export interface OptionsDraft {
  fhirBaseUrl: string;
  ehrOrigins: string;
  profiles: string;
  policyOverrides: string;
  /** 'open' (default) or 'smart'. */
  authMode?: string;
  clientId?: string;
}

export type ValidationResult = { ok: true; options: ExtensionOptions } | { ok: false; problems: string[] };

/** Parses the options form into stored options, or says what to fix (every problem, one per line). */
export function validateOptions(draft: OptionsDraft): ValidationResult {
  const problems: string[] = [];
  const profiles = parseJson(draft.profiles, '[]', 'EHR profiles', problems);
  const policyOverrides = parseJson(draft.policyOverrides, '{}', 'Policy overrides', problems);
  if (policyOverrides !== undefined) {
    try {
      parsePolicy(policyOverrides);
    } catch (error) {
      if (error instanceof PolicyError) for (const i of error.issues) problems.push(`Policy overrides, ${i.field}: ${i.message}`);
      else problems.push('Policy overrides could not be read.');
    }
  }
  if (profiles !== undefined) {
    const parsed = z.safeParse(z.array(EhrProfileSchema), profiles);
    if (!parsed.success) for (const issue of parsed.error.issues) problems.push(describeProfileIssue(profiles, issue));
  }
  const smart = draft.authMode === 'smart';
  const clientId = draft.clientId?.trim() ?? '';
  if (smart && clientId === '') problems.push(`Sign-in: ${SMART_NEEDS_CLIENT_ID}`);
  const candidate = {
    fhirBaseUrl: draft.fhirBaseUrl.trim().replace(/\/+$/, ''),
    authMode: smart ? 'smart' : 'open',
    ...(smart && clientId !== '' ? { clientId } : {}),
    profiles: profiles ?? [],
    ehrOrigins: draft.ehrOrigins
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    policyOverrides: policyOverrides ?? {},
  };
  const parsed = z.safeParse(ExtensionOptionsSchema, candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as OptionKey | undefined;
      const label = key !== undefined && key in OPTION_LABELS ? OPTION_LABELS[key] : 'Settings';
      const field = key === 'ehrOrigins' && typeof issue.path[1] === 'number' ? `${label}, line ${issue.path[1] + 1}` : label;
      if (issue.path[0] !== 'profiles' && issue.path[0] !== 'policyOverrides') problems.push(`${field}: ${issue.message}`);
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: problems.length ? problems : ['The settings could not be read.'] };
  return { ok: true, options: parsed.data };
}

/** The origins whose host permission the extension needs: the FHIR server and each EHR. */
export function originsToRequest(options: ExtensionOptions): string[] {
  const origins = new Set<string>();
  for (const url of [options.fhirBaseUrl, ...options.ehrOrigins]) {
    try {
      origins.add(`${new URL(url).origin}/*`);
    } catch {
      // Refused by validation already.
    }
  }
  return [...origins];
}

export function draftFrom(options: ExtensionOptions): OptionsDraft {
  return {
    fhirBaseUrl: options.fhirBaseUrl,
    ehrOrigins: options.ehrOrigins.join('\n'),
    profiles: options.profiles.length ? JSON.stringify(options.profiles, null, 2) : '',
    policyOverrides: Object.keys(options.policyOverrides).length ? JSON.stringify(options.policyOverrides, null, 2) : '',
    authMode: options.authMode,
    clientId: options.clientId ?? '',
  };
}

function parseJson(text: string, empty: string, what: string, problems: string[]): unknown {
  try {
    return JSON.parse(text.trim() === '' ? empty : text) as unknown;
  } catch {
    problems.push(`${what}: not valid JSON.`);
    return undefined;
  }
}

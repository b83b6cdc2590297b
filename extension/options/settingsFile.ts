import * as z from 'zod/mini';
import { validateOptions } from './validate';
import type { ExtensionOptions } from '../storage/options';

/**
 * All settings as one file, so a trust sets up one PC and copies the file to the rest (or reads it
 * into its Group Policy template). The file holds configuration only, never patient data or a token.
 */
const FORMAT = 'carer-prompts-settings';

const SettingsFileSchema = z.object({ format: z.literal(FORMAT), version: z.number(), exportedFrom: z.optional(z.string()), options: z.unknown() });

export function exportSettings(options: ExtensionOptions, extensionVersion: string): string {
  return `${JSON.stringify({ format: FORMAT, version: 1, exportedFrom: `Carer Prompts ${extensionVersion}`, options }, null, 2)}\n`;
}

export type ImportResult = { ok: true; options: ExtensionOptions } | { ok: false; problems: string[] };

/** Reads a settings file, checking it exactly as the form checks what is typed (same words, same rules). */
export function importSettings(fileText: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(fileText);
  } catch {
    return { ok: false, problems: ['This file is not a Carer Prompts settings file (it is not JSON).'] };
  }
  const file = z.safeParse(SettingsFileSchema, json);
  if (!file.success) return { ok: false, problems: ['This file is not a Carer Prompts settings file. Choose a file made with “Export settings”.'] };
  if (file.data.version !== 1) return { ok: false, problems: [`This settings file is of a newer format (${file.data.version}) than this version of Carer Prompts reads. Update Carer Prompts first.`] };
  const options = file.data.options;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { ok: false, problems: ['The settings file holds no settings.'] };
  const o = options as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return validateOptions({
    fhirBaseUrl: text(o.fhirBaseUrl),
    authMode: text(o.authMode),
    clientId: text(o.clientId),
    ehrOrigins: Array.isArray(o.ehrOrigins) ? o.ehrOrigins.map(String).join('\n') : text(o.ehrOrigins),
    profiles: JSON.stringify(o.profiles ?? []),
    policyOverrides: JSON.stringify(o.policyOverrides ?? {}),
  });
}

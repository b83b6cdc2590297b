import * as z from 'zod/mini';
import { PolicySchema } from '../../shared/policy';
import { ExtensionOptionsSchema } from './options';

/** A node of the JSON Schema subset Chrome accepts for `storage.managed_schema` (draft-03 based). */
export interface ChromeSchema {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  title?: string;
  description?: string;
  properties?: Record<string, ChromeSchema>;
  additionalProperties?: ChromeSchema;
  items?: ChromeSchema;
  enum?: (string | number)[];
  minimum?: number;
  maximum?: number;
}

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/**
 * Keeps only what Chrome's policy schema parser understands: exactly one `type` per node, and no
 * JSON Schema 2020 keywords (`$schema`, `required`, `format`, `propertyNames`, `default`, …), which
 * would make Chrome refuse to load the extension. What is dropped is still enforced: every managed
 * value is parsed again with the zod schema it came from before it is used.
 */
export function toChromeSchema(node: unknown, where = '(root)'): ChromeSchema {
  const source = (typeof node === 'object' && node !== null ? node : {}) as Record<string, unknown>;
  const type = source.type;
  if (typeof type !== 'string' || !TYPES.has(type)) throw new Error(`managed schema: ${where} has no single type Chrome can declare`);
  const out: ChromeSchema = { type: type as ChromeSchema['type'] };
  if (typeof source.description === 'string') out.description = source.description;
  if (type === 'object' && typeof source.properties === 'object' && source.properties !== null) {
    out.properties = Object.fromEntries(Object.entries(source.properties).map(([key, value]) => [key, toChromeSchema(value, `${where}.${key}`)]));
  }
  if (type === 'object' && typeof source.additionalProperties === 'object' && source.additionalProperties !== null && 'type' in source.additionalProperties) {
    out.additionalProperties = toChromeSchema(source.additionalProperties, `${where}.*`);
  }
  if (type === 'array') out.items = toChromeSchema(source.items, `${where}[]`);
  if (Array.isArray(source.enum)) out.enum = source.enum.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  if (type === 'integer' && typeof source.minimum === 'number') out.minimum = source.minimum;
  if (type === 'integer' && typeof source.maximum === 'number') out.maximum = source.maximum;
  return out;
}

/** Titles an administrator sees beside each policy (chrome://policy, the Admin console). */
const TITLES: Record<keyof typeof ExtensionOptionsSchema.shape, string> = {
  fhirBaseUrl: 'FHIR R4 base URL (https; http only for this computer)',
  authMode: 'Sign-in: "open" (no sign-in, the sandbox) or "smart" (SMART on FHIR)',
  clientId: 'SMART client id registered for Carer Prompts',
  profiles: 'EHR profiles: how the trust’s EHR shows the patient',
  ehrOrigins: 'Origins of the EHR pages (https://ehr.example.nhs.uk)',
  policyOverrides: 'Policy overrides (review intervals, time zone, RAG thresholds)',
};

/**
 * The `storage.managed_schema` of the extension, derived from the options schema (one meaning, one
 * place): each stored option is a policy of the same name, and `policyOverrides` is described by
 * the policy's own schema, so a new policy field is manageable without editing this file.
 */
export function managedSchema(): ChromeSchema {
  const options = z.toJSONSchema(ExtensionOptionsSchema, { io: 'input', unrepresentable: 'any' }) as { properties: Record<string, unknown> };
  const policy = z.toJSONSchema(PolicySchema as unknown as z.ZodMiniType, { io: 'input', unrepresentable: 'any' });
  const properties: Record<string, ChromeSchema> = {};
  for (const key of Object.keys(ExtensionOptionsSchema.shape) as (keyof typeof TITLES)[]) {
    const node = toChromeSchema(key === 'policyOverrides' ? policy : options.properties[key], key);
    properties[key] = { ...node, title: TITLES[key] };
  }
  return { type: 'object', properties };
}

/** Where the schema sits in the built extension (manifest `storage.managed_schema`). */
export const MANAGED_SCHEMA_FILE = 'managed_schema.json';

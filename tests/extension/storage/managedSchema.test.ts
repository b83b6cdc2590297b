// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../shared/policy';
import { managedSchema, type ChromeSchema } from '../../../extension/storage/managedSchema';
import { DEFAULT_OPTIONS, ExtensionOptionsSchema } from '../../../extension/storage/options';

/** Keywords Chrome's policy schema parser accepts; anything else makes it refuse to load the extension. */
const CHROME_KEYWORDS = new Set(['type', 'title', 'description', 'properties', 'additionalProperties', 'items', 'enum', 'minimum', 'maximum']);

function everyNode(node: ChromeSchema, visit: (node: ChromeSchema, path: string) => void, path = '(root)'): void {
  visit(node, path);
  for (const [key, child] of Object.entries(node.properties ?? {})) everyNode(child, visit, `${path}.${key}`);
  if (node.items) everyNode(node.items, visit, `${path}[]`);
  if (node.additionalProperties) everyNode(node.additionalProperties, visit, `${path}.*`);
}

describe('the managed schema (enterprise policy)', () => {
  const schema = managedSchema();

  it('has a policy for every option the extension stores, and no other', () => {
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(ExtensionOptionsSchema.shape).sort());
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(expect.arrayContaining(Object.keys(DEFAULT_OPTIONS)));
  });

  it('describes every policy field under policyOverrides, from the policy’s own schema', () => {
    const overrides = schema.properties?.policyOverrides;
    expect(overrides?.type).toBe('object');
    expect(Object.keys(overrides?.properties ?? {}).sort()).toEqual(Object.keys(DEFAULT_POLICY).sort());
    expect(Object.keys(overrides?.properties?.rag?.properties ?? {}).sort()).toEqual(Object.keys(DEFAULT_POLICY.rag).sort());
  });

  it('uses only what Chrome accepts: one type per node, no additionalProperties at the top, no JSON Schema 2020 keywords', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBeUndefined();
    everyNode(schema, (node, path) => {
      expect(typeof node.type, path).toBe('string');
      expect(Object.keys(node).filter((k) => !CHROME_KEYWORDS.has(k)), path).toEqual([]);
    });
  });

  it('gives each policy a title an administrator can read in chrome://policy', () => {
    for (const [key, node] of Object.entries(schema.properties ?? {})) expect(node.title, key).toMatch(/\w{3}/);
  });

  it('declares the sign-in modes as the only values of authMode', () => {
    expect(schema.properties?.authMode).toMatchObject({ type: 'string', enum: ['open', 'smart'] });
  });
});

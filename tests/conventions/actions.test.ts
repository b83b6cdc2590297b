/**
 * Conventions as code for write actions (../shared/CONVENTIONS.md 1): every action a rule suggests
 * is a write in the registry (shared/actions, one file per action named for its kind) or advice; a
 * write the rules suggest but the registry lacks would be a button that opens nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADVICE_KINDS, WRITE_ACTION_LIST, WRITE_KINDS } from '../../shared/actions/index';
import { PROMPT_CODES } from '../../shared/domain/types';
import { PERFORM } from '../../adapter/actions/perform';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROMPTS_DIR = join(ROOT, 'shared/prompts');
const ACTIONS_DIR = join(ROOT, 'shared/actions');

/** Every `kind: '…'` a rule file writes into its suggested actions. */
function suggestedKinds(): { file: string; kind: string }[] {
  return readdirSync(PROMPTS_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
    .flatMap((file) => [...readFileSync(join(PROMPTS_DIR, file), 'utf8').matchAll(/\bkind:\s*'([a-z-]+)'/g)].map((m) => ({ file, kind: m[1] as string })));
}

describe('write action conventions', () => {
  it('finds the suggestions in the rule files (the scan itself works)', () => {
    expect(suggestedKinds().length).toBeGreaterThan(10);
  });

  it.each(suggestedKinds())('$file suggests "$kind", which the registry has as a write or as advice', ({ kind }) => {
    expect([...WRITE_KINDS, ...ADVICE_KINDS]).toContain(kind);
  });

  it.each(WRITE_ACTION_LIST.map((a) => [a.kind, a] as const))('%s lives in shared/actions/<kind>.ts, closes real prompts and has its adapter operation', (kind, action) => {
    expect(readdirSync(ACTIONS_DIR)).toContain(`${kind}.ts`);
    expect(readFileSync(join(ACTIONS_DIR, `${kind}.ts`), 'utf8')).toContain(`kind: z.literal('${kind}')`);
    for (const code of action.closes) expect(PROMPT_CODES).toContain(code);
    expect(typeof PERFORM[kind]).toBe('function');
  });

  it('lists each kind once', () => {
    expect(new Set(WRITE_KINDS).size).toBe(WRITE_KINDS.length);
  });

  it('keeps advice apart from writes', () => {
    for (const kind of ADVICE_KINDS) expect(WRITE_KINDS).not.toContain(kind);
  });
});

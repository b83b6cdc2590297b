import * as z from 'zod/mini';
import { browser } from '#imports';
import { PolicyError, parsePolicy } from '../../shared/policy';
import { optionsItem } from './items';
import { ExtensionOptionsSchema, OPTION_LABELS, parseOptions, type ExtensionOptions, type OptionKey } from './options';

/** The options in force: the organisation's managed values over the user's own, and which came from policy. */
export interface EffectiveOptions {
  options: ExtensionOptions;
  /** Options set by the organisation's policy (they win, and the options page shows them read-only). */
  managed: OptionKey[];
  /** Why a saved or managed value is not in force, in words for the administrator. */
  problems: string[];
}

const OPTION_KEYS = Object.keys(ExtensionOptionsSchema.shape) as OptionKey[];

/**
 * Managed values win over local ones, key by key (a managed `policyOverrides` replaces the local one
 * whole). Chrome drops values that break the managed schema; the zod schema is stricter (https,
 * named groups, known policy fields), so each managed value is parsed again here and one that fails
 * is named as a problem and left out, rather than silently half-applied.
 */
export function withManaged(local: ExtensionOptions, managed: Record<string, unknown>): EffectiveOptions {
  const options: Record<string, unknown> = { ...local };
  const used: OptionKey[] = [];
  const problems: string[] = [];
  for (const key of OPTION_KEYS) {
    if (managed[key] === undefined) continue;
    const parsed = z.safeParse(ExtensionOptionsSchema.shape[key], managed[key]);
    let problem = parsed.success ? undefined : parsed.error.issues[0]?.message;
    if (parsed.success && key === 'policyOverrides') {
      try {
        parsePolicy(parsed.data);
      } catch (error) {
        problem = error instanceof PolicyError ? error.issues.map((i) => `${i.field} ${i.message}`).join('; ') : 'not a policy';
      }
    }
    if (problem !== undefined || !parsed.success) {
      problems.push(`Your organisation’s setting “${OPTION_LABELS[key]}” could not be used (${problem ?? 'invalid'}); ask your IT team to correct it.`);
      continue;
    }
    options[key] = parsed.data;
    used.push(key);
  }
  // A managed open mode leaves no client id in force; a managed smart mode keeps the local one unless policy gives one.
  if (options.authMode === 'open') delete options.clientId;
  const whole = z.safeParse(ExtensionOptionsSchema, options);
  if (!whole.success) return { options: local, managed: [], problems: [...problems, 'Your organisation’s settings do not fit together; the saved settings are used.'] };
  return { options: whole.data, managed: used, problems };
}

/** The organisation's policy for this extension (`3rdparty` extension policy); empty when none is set. */
export async function readManaged(): Promise<Record<string, unknown>> {
  try {
    return (await browser.storage.managed.get()) as Record<string, unknown>;
  } catch {
    // No policy store (a browser without enterprise policy support): nothing is managed.
    return {};
  }
}

/** The options in force now: saved options (or the defaults), overridden by the organisation's policy. */
export async function readEffectiveOptions(): Promise<EffectiveOptions> {
  const [stored, managed] = await Promise.all([optionsItem.getValue(), readManaged()]);
  const { options, problem } = parseOptions(stored);
  const effective = withManaged(options, managed);
  return problem ? { ...effective, problems: [problem, ...effective.problems] } : effective;
}

/** Calls `listener` whenever the organisation's policy for this extension changes. Returns the unsubscribe. */
export function watchManaged(listener: () => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

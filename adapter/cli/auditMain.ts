/**
 * `npm run audit -- --fhir <base> [--group <id>] [--bulk | --search] [--from-ndjson DIR] [--out DIR]
 * [--now ISO] [--policy FILE] [--auth none|bearer-env|backend-services --client-id ID --private-key FILE
 * [--token-url URL]]`: consent coverage across a caseload.
 *
 * Flags and wiring only: the pull (adapter/audit/pull) feeds the audit core (adapter/audit/run),
 * whose events a progress reporter renders; the reports (adapter/audit/report) are written to
 * --out. Every failure is one clear line and a non-zero exit, and results of a pull that did not
 * finish are written marked INCOMPLETE with their own exit code, never passed off as complete.
 */
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PolicyError, parsePolicy, DEFAULT_POLICY, type Policy } from '../../shared/policy';
import { pullPopulation, type PullEvent, type PullOptions } from '../audit/pull/index';
import { createProgressReporter } from '../audit/report/progress';
import { summaryTable, toCsv, toHtml, toJson } from '../audit/report/index';
import type { ReportExtras } from '../audit/report/html';
import { PreviousCoverageError, readPreviousCoverage } from '../audit/report/previous';
import { toWorklistCsv, toWorklistHtml, WORKLIST_FILES } from '../audit/report/worklist';
import { compareCoverage } from '../../shared/audit/compare';
import type { Coverage } from '../../shared/audit/coverage';
import type { WorklistItem } from '../../shared/audit/worklist';
import { runAudit } from '../audit/run';
import { authorizedFetch, type TokenSource } from '../auth/backend';
import { auditSystemScope } from '../auth/scopes';
import { AUDIT_RESOURCE_TYPES, REQUIRED_AUDIT_TYPES } from '../bulk/kickOff';
import { chooseAuditTypes, readCapabilityStatement, withinSupportedScopes, type AuditTypeChoice } from '../audit/pull/serverTypes';
import { AUTH_FLAGS_SHAPE, AUTH_PARSE_OPTIONS, AUTH_USAGE, AuthFlagError, authFlagsProblem, tokenSourceFor } from './authFlags';
import { isFhirError } from '../errors';
import { HTTPS_REQUIRED_MESSAGE, isSecureEndpoint } from '../http/secureUrl';
import { ensureOutputDir, UnsafeFolderError, writePrivateFile } from '../files/privateFiles';

export interface AuditIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (a redrawn progress bar) or not (log lines). */
  isTTY?: boolean;
  columns?: number;
  /** Injected so tests run the command against msw or the sandbox without the process's globals. */
  fetch?: typeof fetch;
  /** How the pull waits (Retry-After, backoff, polling); injected so tests need not wait in real time. */
  sleep?: PullOptions['sleep'];
  /** Aborted on Ctrl-C: the pull stops and what was read is written marked INCOMPLETE. */
  signal?: AbortSignal;
  /** Where `--auth bearer-env` reads CARER_PROMPTS_TOKEN (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The clock for "now" when --now is not given, and for progress rates. */
  clock?: { now: () => Date; monotonic: () => number };
}

export const AUDIT_EXIT = { ok: 0, failed: 1, usage: 2, incomplete: 3 } as const;

export const AUDIT_USAGE =
  `usage: npm run audit -- (--fhir <base URL> [--group <id>]... [--bulk | --search] [--types Patient,RelatedPerson,Consent,…] | --from-ndjson <folder>...) [--out <folder>] [--now | --as-at <ISO date-time>] [--since <date>] [--worklist] [--compare <previous coverage.json>] [--policy <file>] ${AUTH_USAGE}`;

export const OUTPUT_FILES = ['coverage.json', 'coverage.csv', 'report.html'] as const;

class UsageError extends Error {}

const FlagsSchema = z
  .strictObject({
    fhir: z
      .url({ protocol: /^https?$/, error: '--fhir must be an http(s) URL, the FHIR server base' })
      .refine(isSecureEndpoint, { error: `--fhir ${HTTPS_REQUIRED_MESSAGE}` })
      .optional(),
    group: z
      .array(z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, { error: '--group must be a FHIR id (letters, digits, "-" and ".", up to 64)' }))
      .refine((groups) => new Set(groups).size === groups.length, { error: '--group names the same Group twice' })
      .optional(),
    bulk: z.boolean().optional(),
    search: z.boolean().optional(),
    'from-ndjson': z.array(z.string().min(1, { error: '--from-ndjson needs a folder' })).optional(),
    out: z.string().min(1, { error: '--out needs a folder' }).default('audit-out'),
    now: z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: '--now must be an ISO date (2026-11-23) or date-time with offset (2026-11-23T12:00:00Z)' }).optional(),
    policy: z.string().min(1, { error: '--policy needs a file' }).optional(),
    types: z
      .string()
      .transform((list) => list.split(',').map((type) => type.trim()).filter((type) => type !== ''))
      .refine((types) => types.every((type) => (AUDIT_RESOURCE_TYPES as readonly string[]).includes(type)), { error: `--types takes resource types the audit reads: ${AUDIT_RESOURCE_TYPES.join(',')}` })
      .refine((types) => [...REQUIRED_AUDIT_TYPES].every((type) => types.includes(type)), { error: `--types must include ${[...REQUIRED_AUDIT_TYPES].join(', ')}: there is no audit without them` })
      .refine((types) => new Set(types).size === types.length, { error: '--types names a type twice' })
      .optional(),
    'as-at': z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: '--as-at must be an ISO date (2026-11-23) or date-time with offset' }).optional(),
    since: z.iso.date({ error: '--since must be an ISO date (2026-04-01)' }).optional(),
    worklist: z.boolean().optional(),
    compare: z.string().min(1, { error: '--compare needs the previous coverage.json' }).optional(),
    ...AUTH_FLAGS_SHAPE,
    help: z.boolean().optional(),
  })
  .superRefine((flags, ctx) => {
    const problem = (message: string): void => ctx.addIssue({ code: 'custom', message });
    if (flags.help) return;
    if (flags.bulk && flags.search) problem('choose --bulk or --search, not both');
    if (flags.now !== undefined && flags['as-at'] !== undefined) problem('--as-at and --now both set the audit date: give one');
    if (flags['from-ndjson'] !== undefined) {
      if (flags.fhir !== undefined) problem('--from-ndjson reads an export already taken: leave out --fhir');
      else if (flags.bulk || flags.search || flags.group !== undefined || flags.types !== undefined) problem('--bulk, --search, --group and --types apply to a FHIR server, not to --from-ndjson');
    } else if (flags.fhir === undefined) problem('--fhir <base URL> or --from-ndjson <folder> is required');
    if (flags.auth !== 'none' && flags.fhir === undefined) problem(`--auth ${flags.auth} applies to a FHIR server (--fhir)`);
    const authProblem = authFlagsProblem(flags);
    if (authProblem !== undefined) problem(authProblem);
  });

type Flags = z.infer<typeof FlagsSchema>;

export async function auditMain(argv: readonly string[], io: AuditIo): Promise<number> {
  let flags: Flags;
  let policy: Policy;
  let tokenSource: TokenSource | undefined;
  let typeChoice: AuditTypeChoice | undefined;
  let previous: Coverage | undefined;
  try {
    flags = parseFlags(argv);
    if (flags.help) {
      io.stdout(`${AUDIT_USAGE}\n`);
      return AUDIT_EXIT.ok;
    }
    policy = await loadPolicy(flags.policy);
    if (flags.fhir !== undefined) {
      // The types (and so the scopes) come from what this server offers, unless --types says.
      typeChoice = chooseAuditTypes(flags.types === undefined ? await readCapabilityStatement(flags.fhir, io.fetch, io.signal) : undefined, flags.types);
      if (typeChoice.missingRequired.length > 0) {
        io.stderr(`audit: this FHIR server does not offer ${typeChoice.missingRequired.join(', ')} (its CapabilityStatement leaves ${typeChoice.missingRequired.length === 1 ? 'it' : 'them'} out), and there is no audit without ${typeChoice.missingRequired.length === 1 ? 'it' : 'them'}\n`);
        return AUDIT_EXIT.failed;
      }
    }
    // The types a sign-in can grant narrow the choice too (the SMART configuration's scopes_supported).
    const scopeFor = (scopesSupported: readonly string[] | undefined): string => {
      if (typeChoice !== undefined && flags.types === undefined) typeChoice = withinSupportedScopes(typeChoice, scopesSupported);
      return auditSystemScope(typeChoice?.types ?? AUDIT_RESOURCE_TYPES);
    };
    if (flags.compare !== undefined) previous = await readPreviousCoverage(flags.compare);
    tokenSource = flags.fhir === undefined ? undefined : await tokenSourceFor(flags, flags.fhir, io, scopeFor);
    if (typeChoice !== undefined) {
      if (typeChoice.missingRequired.length > 0) {
        io.stderr(`audit: this FHIR server's sign-in cannot grant reading ${typeChoice.missingRequired.join(', ')} (its SMART scopes_supported leaves ${typeChoice.missingRequired.length === 1 ? 'it' : 'them'} out), and there is no audit without ${typeChoice.missingRequired.length === 1 ? 'it' : 'them'}\n`);
        return AUDIT_EXIT.failed;
      }
      for (const note of typeChoice.notes) io.stderr(`audit: note: ${note}\n`);
    }
  } catch (error) {
    if (error instanceof PreviousCoverageError) {
      io.stderr(`audit: ${error.message}\n`);
      return AUDIT_EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof AuthFlagError) {
      io.stderr(`audit: ${error.message}\n${AUDIT_USAGE}\n`);
      return AUDIT_EXIT.usage;
    }
    if (isFhirError(error)) {
      // Discovery of the token endpoint failed: a sentence, never a token.
      io.stderr(`audit: ${error.userMessage}\n`);
      return AUDIT_EXIT.failed;
    }
    if (error instanceof PolicyError) {
      io.stderr(`audit: ${error.issues.map((i) => `policy ${i.field}: ${i.message}`).join('; ')}\n`);
      return AUDIT_EXIT.usage;
    }
    throw error;
  }

  const clock = io.clock ?? { now: () => new Date(), monotonic: () => performance.now() };
  const asAt = flags['as-at'] ?? flags.now;
  const now = asAt === undefined ? clock.now() : nowFrom(asAt);
  const outDir = resolve(flags.out);
  const reporter = createProgressReporter({
    write: io.stderr,
    isTTY: io.isTTY === true,
    clock: clock.monotonic,
    ...(io.columns !== undefined ? { columns: io.columns } : {}),
  });

  try {
    // Several Groups are pulled at the same time, each into its own state, and merged: exactly the audit of them all.
    const fetchImpl = tokenSource && flags.fhir !== undefined ? authorizedFetch(io.fetch ?? globalThis.fetch, flags.fhir, tokenSource) : io.fetch;
    const pulls = pullOptions(flags, outDir, io, fetchImpl, typeChoice?.types).map((options) => pullPopulation(options));
    const result = await runAudit({
      events: pulls.length === 1 ? (pulls[0] as AsyncIterable<PullEvent>) : pulls,
      policy,
      now,
      onEvent: reporter.onEvent,
      ...(flags.since === undefined ? {} : { caseload: { since: flags.since } }),
      ...(flags.worklist ? { worklist: true } : {}),
    });
    if (!result.complete && result.resources === 0) {
      io.stderr(`audit: ${result.coverage.incompleteReason ?? 'nothing was read'}\n`);
      return AUDIT_EXIT.failed;
    }
    const notes = typeChoice?.notes ?? [];
    const coverage = notes.length > 0 ? { ...result.coverage, notOnServer: notes } : result.coverage;
    const extras: ReportExtras = {};
    if (previous !== undefined) extras.comparison = compareCoverage(coverage, previous);
    if (result.worklist !== undefined) extras.worklist = { items: result.worklist.length, files: WORKLIST_FILES };
    await writeOutputs(outDir, coverage, [...notes.map((note) => `Note: ${note}`), ...result.warnings], extras);
    await writeWorklist(outDir, coverage, result.worklist);
    io.stdout(summaryTable(coverage));
    if (notes.length > 0) io.stdout(`\n${notes.map((note) => `Note: ${note}.`).join('\n')}\n`);
    io.stdout(`\nWrote ${OUTPUT_FILES.join(', ')} to ${outDir}${result.complete ? '' : ' — marked INCOMPLETE'}\n`);
    if (result.worklist !== undefined) io.stdout(`Wrote ${WORKLIST_FILES.join(', ')} (${result.worklist.length} overdue items) — PATIENT-IDENTIFIABLE: keep them on approved storage\n`);
    return result.complete ? AUDIT_EXIT.ok : AUDIT_EXIT.incomplete;
  } catch (error) {
    if (error instanceof UnsafeFolderError) {
      io.stderr(`audit: ${error.message}\n`);
      return AUDIT_EXIT.failed;
    }
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      io.stderr(`audit: cannot write to ${outDir} (${code})\n`);
      return AUDIT_EXIT.failed;
    }
    // A bug, not bad input: still one line, no stack trace, nothing from the records in it.
    io.stderr(`audit: unexpected error (${error instanceof Error ? error.name : typeof error}); please report it\n`);
    return AUDIT_EXIT.failed;
  }
}

function parseFlags(argv: readonly string[]): Flags {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        fhir: { type: 'string' },
        group: { type: 'string', multiple: true },
        bulk: { type: 'boolean' },
        search: { type: 'boolean' },
        'from-ndjson': { type: 'string', multiple: true },
        out: { type: 'string' },
        now: { type: 'string' },
        policy: { type: 'string' },
        types: { type: 'string' },
        'as-at': { type: 'string' },
        since: { type: 'string' },
        worklist: { type: 'boolean' },
        compare: { type: 'string' },
        ...AUTH_PARSE_OPTIONS,
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'bad flags');
  }
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'bad flags');
  return parsed.data;
}

/** A date alone means that day: noon UTC falls on the same calendar date in every UK and European zone. */
function nowFrom(flag: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(flag) ? `${flag}T12:00:00Z` : flag);
}

/**
 * One pull per --group or --from-ndjson folder (or one for everything): parts are read at the same
 * time and merged. Each bulk export keeps its resume checkpoint in its own folder.
 */
function pullOptions(flags: Flags, outDir: string, io: AuditIo, fetchImpl: typeof fetch | undefined, types: readonly string[] | undefined): PullOptions[] {
  const base: PullOptions = { mode: flags['from-ndjson'] !== undefined ? 'ndjson' : flags.bulk ? 'bulk' : flags.search ? 'search' : 'auto', outDir };
  if (flags['from-ndjson'] !== undefined) return flags['from-ndjson'].map((dir) => ({ ...base, ndjsonDir: resolve(dir) }));
  if (flags.fhir !== undefined) base.fhirBase = flags.fhir;
  if (types !== undefined) base.types = types;
  if (fetchImpl) base.fetch = fetchImpl;
  if (io.sleep) base.sleep = io.sleep;
  if (io.signal) base.signal = io.signal;
  const groups = flags.group ?? [];
  if (groups.length <= 1) return [groups[0] === undefined ? base : { ...base, group: groups[0] }];
  return groups.map((group) => ({ ...base, group, outDir: join(outDir, `group-${group}`) }));
}

/**
 * The worklist (patient-identifiable) only when asked for; a run without --worklist removes one an
 * earlier run left in the folder, so an old list of patients never sits beside a new report.
 */
async function writeWorklist(outDir: string, coverage: Coverage, worklist: readonly WorklistItem[] | undefined): Promise<void> {
  if (worklist === undefined) {
    await Promise.all(WORKLIST_FILES.map((name) => rm(join(outDir, name), { force: true })));
    return;
  }
  await writePrivateFile(join(outDir, 'worklist.csv'), toWorklistCsv(worklist, coverage));
  await writePrivateFile(join(outDir, 'worklist.html'), toWorklistHtml(worklist, coverage));
}

async function loadPolicy(path: string | undefined): Promise<Policy> {
  if (path === undefined) return DEFAULT_POLICY;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read policy file ${path}`);
  }
  try {
    return parsePolicy(JSON.parse(text));
  } catch (error) {
    if (error instanceof PolicyError) throw error;
    throw new UsageError(`policy file ${path} is not valid JSON`);
  }
}

/**
 * Each file is written whole or not at all (a new temporary file, then rename), so a reader never
 * sees half a report, and owner-only (0600): the reports hold counts, but a team-month cell of one
 * can point to a person, and warnings.txt names record ids. Share a report by copying it on purpose.
 */
async function writeOutputs(outDir: string, coverage: Parameters<typeof toJson>[0], warnings: readonly string[], extras: ReportExtras = {}): Promise<void> {
  await ensureOutputDir(outDir);
  const files: [string, string][] = [
    ['coverage.json', toJson(coverage)],
    ['coverage.csv', toCsv(coverage)],
    ['report.html', toHtml(coverage, extras)],
  ];
  if (warnings.length > 0) files.push(['warnings.txt', `${warnings.join('\n')}\n`]);
  for (const [name, content] of files) await writePrivateFile(join(outDir, name), content);
  // A warnings.txt from an earlier run would otherwise sit beside this run's clean report as if it were about it.
  if (warnings.length === 0) await rm(join(outDir, 'warnings.txt'), { force: true });
}

/**
 * `carers prompts` and `carers explain`: the carers and prompts for one patient, from a FHIR server
 * or a file, so a trust's IT team can check what their own server returns. The command only parses
 * flags and wires the adapter to the domain; every failure is one clear line and a non-zero exit.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { evaluatePrompts } from '../../shared/prompts/index';
import { DEFAULT_POLICY, parsePolicy, PolicyError, type Policy } from '../../shared/policy';
import { isCurrentContact } from '../../shared/domain/contacts';
import { consentReviewDue, isCurrent, isYoungCarer } from '../../shared/domain/derive';
import { carerAssessmentReviewDue } from '../../shared/domain/significantChange';
import type { CarerContext } from '../../shared/domain/types';
import { toCarerReport, type CarerReport } from '../../shared/report/carerReport';
import { formatCarerReport } from '../../shared/report/carerReportText';
import { toCarerContext } from '../mapping/carerContext';
import { createFhirAdapter } from '../client';
import { FhirError } from '../errors';
import { HTTPS_REQUIRED_MESSAGE, isSecureEndpoint } from '../http/secureUrl';
import { FhirFileError, loadFhirFile, mentionsPatient, patientOfFile } from '../explain/loadFhirFile';
import { AUTH_FLAGS_SHAPE, AUTH_PARSE_OPTIONS, AUTH_USAGE, AuthFlagError, authFlagsProblem, tokenSourceFor } from './authFlags';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Injected so tests can run the command against msw or a sandbox without the process's globals. */
  fetch?: typeof fetch;
  /** Where `--auth bearer-env` reads CARER_PROMPTS_TOKEN (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `usage:
  carers prompts --fhir <base URL> --patient <FHIR id | NHS number> [--now ISO] [--json] [--policy FILE] ${AUTH_USAGE}
  carers explain <file: Bundle, resource or NDJSON> [--patient Patient/<id>] [--now ISO] [--json] [--policy FILE]`;

class UsageError extends Error {}

const NowSchema = z.iso.datetime({ offset: true }).or(z.iso.date());

const CommonFlags = z.object({
  now: NowSchema.optional(),
  json: z.boolean().optional(),
  policy: z.string().optional(),
  patient: z.string().min(1).optional(),
});

export async function carersMain(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'prompts') return await promptsCommand(rest, io);
    if (command === 'explain') return await explainCommand(rest, io);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    throw new UsageError(`unknown command "${command}"`);
  } catch (error) {
    return report(error, io);
  }
}

async function promptsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { fhir: { type: 'string' }, ...AUTH_PARSE_OPTIONS });
  const flags = CommonFlags.extend({ fhir: z.url({ protocol: /^https?$/ }).refine(isSecureEndpoint, { error: 'insecure' }), ...AUTH_FLAGS_SHAPE }).safeParse(values);
  if (!flags.success) throw new UsageError(describeFlagError(flags.error, values));
  if (!flags.data.patient) throw new UsageError('--patient is required (a FHIR id or an NHS number)');
  const authProblem = authFlagsProblem(flags.data);
  if (authProblem !== undefined) throw new UsageError(authProblem);
  const policy = await loadPolicy(flags.data.policy);
  const now = flags.data.now ? new Date(flags.data.now) : new Date();

  let getToken: Awaited<ReturnType<typeof tokenSourceFor>>;
  try {
    getToken = await tokenSourceFor(flags.data, flags.data.fhir, { ...(io.env ? { env: io.env } : {}), ...(io.fetch ? { fetch: io.fetch } : {}) });
  } catch (error) {
    throw error instanceof AuthFlagError ? new UsageError(error.message) : error;
  }
  const adapter = createFhirAdapter({
    baseUrl: flags.data.fhir,
    extensionBase: policy.extensionBase,
    timeZone: policy.timeZone,
    clock: () => now,
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(getToken ? { getToken } : {}),
  });
  try {
    const patient = await adapter.resolvePatient(flags.data.patient);
    const record = await adapter.readCarerContext(patient.reference);
    print(buildReport(record.context, policy, now), flags.data.json === true, io);
    return EXIT.ok;
  } catch (error) {
    throw error instanceof FhirError && error.kind === 'unauthorized' ? new TokenRefused(getToken !== undefined) : error;
  }
}

/** A 401 from the server, said in one line for someone running the command (not a clinician's "sign in again"). */
class TokenRefused extends Error {
  constructor(readonly sentToken: boolean) {
    super(
      sentToken
        ? 'the FHIR server refused the token (HTTP 401): check that it has not expired and that it was issued for this server'
        : 'the FHIR server wants a token (HTTP 401): run again with --auth bearer-env (the token in CARER_PROMPTS_TOKEN) or --auth backend-services --client-id <id> --private-key <PEM file>',
    );
  }
}

async function explainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {}, true);
  const flags = CommonFlags.safeParse(values);
  if (!flags.success) throw new UsageError(describeFlagError(flags.error, values));
  if (positionals.length !== 1) throw new UsageError('explain takes exactly one file');
  const policy = await loadPolicy(flags.data.policy);
  const now = flags.data.now ? new Date(flags.data.now) : new Date();

  const file = await loadFhirFile(positionals[0]!);
  const patient = flags.data.patient ?? patientOfFile(file.resources);
  if (!patient) {
    throw new FhirFileError('the file does not name exactly one patient; say which with --patient Patient/<id>');
  }
  const present = file.resources.some((r) => r.resourceType === 'Patient' && `Patient/${String(r.id)}` === patient);
  if (!present && !mentionsPatient(file.resources, patient)) {
    // Explaining a patient the file knows nothing about would say "no carer recorded" about nobody.
    throw new FhirFileError(`${patient} is not in ${positionals[0]!}: no Patient with that id, and nothing in the file refers to one`);
  }
  const resources = present
    ? file.resources
    : // A lone RelatedPerson or Consent is explained against the patient it references: the patient
      // is known by reference only, so nothing about them is invented beyond that reference.
      [{ resourceType: 'Patient', id: patient.replace(/^Patient\//, '') }, ...file.resources];
  const parsed = toCarerContext(resources, { patient, policy, now });
  if (!parsed.ok) throw new FhirFileError(parsed.reason);
  const context: CarerContext = { ...parsed.context, warnings: [...file.warnings, ...parsed.context.warnings] };
  print(buildReport(context, policy, now), flags.data.json === true, io);
  return EXIT.ok;
}

export function buildReport(context: CarerContext, policy: Policy, now: Date): CarerReport {
  const byRef = new Map(context.carers.map((c) => [c.reference as string, c]));
  const prompts = evaluatePrompts(context, policy, now);
  return toCarerReport(context, prompts, {
    isCurrent: (ref) => {
      const carer = byRef.get(ref);
      return carer ? isCurrent(carer, policy, now) : false;
    },
    isYoung: (ref) => {
      const carer = byRef.get(ref);
      return carer ? isYoungCarer(carer, policy, now) : false;
    },
    consentReviewDue: (ref) => {
      const carer = byRef.get(ref);
      return carer ? consentReviewDue(carer.consent, policy) : undefined;
    },
    assessmentReviewDue: (ref) => {
      const carer = byRef.get(ref);
      // Brought forward by a significant change (an admission, a discharge…): the same meaning as the prompt's.
      return carer ? carerAssessmentReviewDue(context, carer, policy, now).due : undefined;
    },
    isCurrentContact: (contact) => isCurrentContact(contact, policy, now),
  });
}

function print(report: CarerReport, json: boolean, io: CliIo): void {
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : formatCarerReport(report));
}

async function loadPolicy(path: string | undefined): Promise<Policy> {
  if (!path) return DEFAULT_POLICY;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read policy file ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`policy file ${path} is not valid JSON`);
  }
  try {
    return parsePolicy(json);
  } catch (error) {
    if (error instanceof PolicyError) {
      throw new UsageError(`invalid policy in ${path}: ${error.issues.map((i) => `${i.field} ${i.message}`).join('; ')}`);
    }
    throw error;
  }
}

type FlagSpec = Record<string, { type: 'string' | 'boolean' }>;

function parse(argv: readonly string[], extra: FlagSpec, allowPositionals = false) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals,
      strict: true,
      options: {
        now: { type: 'string' },
        json: { type: 'boolean' },
        policy: { type: 'string' },
        patient: { type: 'string' },
        ...extra,
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad flags');
  }
}

function describeFlagError(error: z.ZodError, values: Record<string, unknown>): string {
  const issue = error.issues[0];
  const flag = issue ? String(issue.path[0] ?? '') : '';
  if (flag === 'now') return `--now must be an ISO date or date-time with offset (got "${String(values.now)}")`;
  if (flag === 'auth') return '--auth must be none, bearer-env or backend-services';
  if (flag === 'token-url') return issue?.message?.includes('https') ? issue.message : '--token-url must be an http(s) URL';
  if (flag === 'fhir') {
    if (values.fhir === undefined) return '--fhir is required (the FHIR server base URL)';
    if (issue?.message === 'insecure') return `--fhir ${HTTPS_REQUIRED_MESSAGE} (got "${String(values.fhir)}")`;
    return `--fhir must be an http(s) URL (got "${String(values.fhir)}")`;
  }
  return `--${flag}: ${issue?.message ?? 'invalid'}`;
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.stderr(`carers: ${error.message}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (error instanceof FhirError) {
    io.stderr(`carers: ${error.userMessage}\n`);
    return EXIT.failed;
  }
  if (error instanceof FhirFileError || error instanceof TokenRefused) {
    io.stderr(`carers: ${error.message}\n`);
    return EXIT.failed;
  }
  // Anything else is a bug: still one line, no stack trace, and nothing from the record in it.
  io.stderr(`carers: unexpected error (${error instanceof Error ? error.name : typeof error}); please report it\n`);
  return EXIT.failed;
}

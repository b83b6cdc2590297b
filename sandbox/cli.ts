import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { generateCaseload } from './generate/caseload';
import { writeNdjson } from './ndjson';
import { AUDIT_CLIENT_ID, SANDBOX_CLIENT_ID, sandboxSmartAuth } from './auth/index';
import { PERSONAS } from './personas';
import { SUPPORTED_RESOURCES } from './capability';
import { startSandbox } from './server';

/**
 * `npm run sandbox -- [--port P] [--host H] [--patients N] [--seed S] [--now ISO] [--ndjson DIR] [--types Patient,RelatedPerson,…] [--auth open|smart [--auth-public-key PEM [--auth-key-id KID]]]`
 *
 * Starts the sandbox FHIR server (and whatever pages are plugged in) and prints where to look, or
 * with --ndjson writes the same caseload as NDJSON files and exits. Bad flags: one line, exit 2.
 */

const USAGE =
  'usage: npm run sandbox -- [--port 8080] [--host 127.0.0.1] [--patients 200] [--seed 1] [--now 2026-01-31T12:00:00Z] [--ndjson DIR] [--types Patient,RelatedPerson,Consent,Task,List,Group] [--auth open|smart] [--auth-public-key audit-key.pub.pem [--auth-key-id audit-key-1]]';

/** Largest caseload served from memory (100,000 patients take about 0.8 GB). */
const MAX_SERVED_PATIENTS = 200_000;

const whole = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .int({ error: `--${name} must be a whole number` })
    .min(min, { error: `--${name} must be at least ${min}` })
    .max(max, { error: `--${name} must be at most ${max}` });

const FlagsSchema = z.strictObject({
  port: whole('port', 0, 65535).default(8080),
  host: z.string().min(1, { error: '--host must not be empty' }).default('127.0.0.1'),
  patients: whole('patients', 0, 1_000_000).default(200),
  seed: whole('seed', -2_147_483_648, 2_147_483_647).default(1),
  now: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), { error: '--now must be an ISO 8601 date or date-time' })
    .transform((s) => new Date(s))
    .optional(),
  ndjson: z.string().min(1, { error: '--ndjson needs a directory' }).optional(),
  /** Offer only these resource types (a server that lacks some): the rest are unknown to it. */
  types: z
    .string()
    .transform((list) => list.split(',').map((type) => type.trim()).filter((type) => type !== ''))
    .refine((types) => types.length > 0 && types.every((type) => SUPPORTED_RESOURCES.some((resource) => resource.type === type)), {
      error: `--types takes resource types the sandbox supports: ${SUPPORTED_RESOURCES.map((resource) => resource.type).join(',')}`,
    })
    .optional(),
  /** open (default, the demo) or smart: SMART App Launch and Backend Services, bearer tokens required. */
  auth: z.enum(['open', 'smart'], { error: '--auth must be open or smart' }).default('open'),
  'auth-public-key': z.string().min(1, { error: '--auth-public-key needs a PEM file' }).optional(),
  /** The audit key's id: client assertions must name it in their `kid` header (refused without). */
  'auth-key-id': z.string().regex(/^[\x21-\x7e]{1,256}$/, { error: '--auth-key-id must be printable, without spaces' }).optional(),
  help: z.literal('true').optional(),
});

export type SandboxFlags = z.infer<typeof FlagsSchema>;

/** Parses `--name value` / `--name=value` flags; throws an Error with one clear line on bad input. */
export function parseSandboxFlags(argv: readonly string[]): SandboxFlags {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (flags start with --)`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (name === 'help') {
      raw.help = 'true';
      continue;
    }
    if (!(name in FlagsSchema.shape)) throw new Error(`unknown flag --${name}`);
    if (name in raw) throw new Error(`--${name} given twice`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new Error(`--${name} needs a value`);
    if (eq < 0) i += 1;
    raw[name] = value;
  }
  const parsed = FlagsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid flags');
  if (parsed.data['auth-public-key'] !== undefined && parsed.data.auth !== 'smart') throw new Error('--auth-public-key only applies with --auth smart');
  if (parsed.data['auth-key-id'] !== undefined && parsed.data['auth-public-key'] === undefined) throw new Error('--auth-key-id only applies with --auth-public-key');
  if (!parsed.data.ndjson && parsed.data.patients > MAX_SERVED_PATIENTS) {
    // The server keeps the whole caseload in memory (about 8 KB a patient); NDJSON streams to disk.
    throw new Error(`--patients above ${MAX_SERVED_PATIENTS} only works with --ndjson (the server holds everything in memory)`);
  }
  return parsed.data;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`cannot read --auth-public-key ${path}`);
  }
}

async function main(argv: readonly string[]): Promise<void> {
  let flags: SandboxFlags;
  try {
    flags = parseSandboxFlags(argv);
  } catch (err) {
    process.stderr.write(`sandbox: ${err instanceof Error ? err.message : String(err)} (see --help)\n`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const now = flags.now ?? new Date();

  if (flags.ndjson) {
    const started = performance.now();
    const files = await writeNdjson(flags.ndjson, generateCaseload({ patients: flags.patients, seed: flags.seed, now }));
    for (const file of files) process.stdout.write(`${String(file.count).padStart(8)}  ${file.path}\n`);
    process.stdout.write(`Wrote the caseload (seed ${flags.seed}) in ${Math.round(performance.now() - started)} ms\n`);
    return;
  }

  const started = performance.now();
  const keyFile = flags['auth-public-key'];
  const keyId = flags['auth-key-id'];
  const auth = flags.auth === 'smart' ? sandboxSmartAuth(keyFile === undefined ? {} : { auditPublicKeyPem: readKeyFile(keyFile), ...(keyId !== undefined ? { auditKeyId: keyId } : {}) }) : undefined;
  const sandbox = await startSandbox({
    port: flags.port,
    host: flags.host,
    patients: flags.patients,
    seed: flags.seed,
    now,
    ...(auth ? { handlers: auth.handlers } : {}),
    ...(flags.types ? { types: flags.types } : {}),
  });
  const lines = [
    `Sandbox FHIR server: ${sandbox.fhirBase}  (${flags.patients} generated patients + ${Object.keys(PERSONAS).length} personas, seed ${flags.seed}, ready in ${Math.round(performance.now() - started)} ms)`,
    `EHR page:            ${sandbox.origin}/ehr/`,
    `CapabilityStatement: ${sandbox.fhirBase}/metadata${flags.types ? `  (offers only ${flags.types.join(', ')})` : ''}`,
    ...(auth
      ? [
          `SMART sign-in:       ${sandbox.fhirBase}/.well-known/smart-configuration  (client_id ${SANDBOX_CLIENT_ID}${keyFile === undefined ? '' : `; audit client_id ${AUDIT_CLIENT_ID}`}; bearer token required)`,
        ]
      : []),
    'Persona patients:',
    ...Object.values(PERSONAS).map((p) => `  Patient/${p.patientId}  NHS ${p.nhsNumber}  ${p.situation}`),
    'Press Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Stopping (${signal})…\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    // Startup failures (port in use…) as one line, without a stack trace.
    const code = (err as { code?: unknown }).code;
    const message = code === 'EADDRINUSE' ? 'the port is already in use (choose another with --port)' : err instanceof Error ? err.message : String(err);
    process.stderr.write(`sandbox: ${message}\n`);
    process.exit(1);
  });
}

import { config } from 'zod/mini';

/**
 * Imported first by every entrypoint that validates with zod, before any schema is built. Zod
 * would otherwise probe `new Function` to compile fast validators; the extension pages' CSP
 * (script-src 'self', no unsafe-eval) refuses that, logging a violation in every context. Jitless,
 * zod interprets its schemas and never tries to turn text into code.
 */
config({ jitless: true });

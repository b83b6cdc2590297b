import { bulkExportHandler } from './bulk/handler';
import { ehrHandler } from './ehr/handler';
import type { RequestHandler } from './server';

/**
 * Request handlers the sandbox server tries, in order, before its FHIR routes (a handler returns
 * true when it answered the request). Each part that serves extra pages or operations adds ONE
 * line here: the EHR page at /ehr/, the bulk-data $export operation.
 */
export function defaultHandlers(options: { types?: ReadonlySet<string> } = {}): RequestHandler[] {
  return [
    ehrHandler(),
    bulkExportHandler(options.types ? { offeredTypes: options.types } : {}),
  ];
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { applyCors } from './cors';
import { statusOf } from './outcomes';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/**
 * Sends a FHIR JSON response with the headers every FHIR response from the sandbox carries:
 * CORS for allowed origins and `Cache-Control: no-store` (responses hold patient data, even if
 * synthetic here, and must not be kept by browsers or proxies). Exported for request handlers
 * plugged into the sandbox (the bulk $export handler, the EHR page).
 */
export function sendFhirJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  applyCors(req, res);
  res.setHeader('Cache-Control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  if (body === undefined || req.method === 'HEAD') {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader('Content-Type', FHIR_JSON);
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.writeHead(status).end(text);
}

/** Sends an OperationOutcome with the status it stands for. */
export function sendOutcome(req: IncomingMessage, res: ServerResponse, outcome: OperationOutcome, headers: Record<string, string> = {}): void {
  sendFhirJson(req, res, statusOf(outcome), outcome, headers);
}

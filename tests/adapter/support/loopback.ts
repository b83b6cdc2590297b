/**
 * Real HTTP servers on loopback ports, for what msw cannot show: which requests actually reached a
 * second origin (a collector a hostile server redirects to).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface LoopbackServer {
  origin: string;
  /** Every request this server received, body included. */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export type LoopbackHandler = (request: ReceivedRequest, res: ServerResponse) => void;

/** Starts a server on 127.0.0.1 and a free port; the handler answers each request once its body is read. */
export async function startLoopback(handler: LoopbackHandler = (_request, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{}')): Promise<LoopbackServer> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      handler(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import { describe, expect, it } from 'vitest';
import { ndjsonLines } from '../../../adapter/bulk/ndjsonLines';
import { ndjsonResources } from '../../../adapter/bulk/ndjsonResources';

const encoder = new TextEncoder();

async function* chunks(...parts: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

describe('ndjsonLines', () => {
  it('splits lines across chunk boundaries', async () => {
    const lines = await collect(ndjsonLines(chunks('{"a":', '1}\n{"b"', ':2}\n')));
    expect(lines).toEqual([
      { text: '{"a":1}', lineNumber: 1 },
      { text: '{"b":2}', lineNumber: 2 },
    ]);
  });

  it('drops the CR of CRLF line ends', async () => {
    const lines = await collect(ndjsonLines(chunks('{"a":1}\r\n{"b":2}\r', '\n')));
    expect(lines.map((line) => line.text)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('skips blank and whitespace-only lines but keeps counting them', async () => {
    const lines = await collect(ndjsonLines(chunks('\n{"a":1}\n  \n\r\n{"b":2}\n\n')));
    expect(lines).toEqual([
      { text: '{"a":1}', lineNumber: 2 },
      { text: '{"b":2}', lineNumber: 5 },
    ]);
  });

  it('reads a final line that has no newline', async () => {
    const lines = await collect(ndjsonLines(chunks('{"a":1}\n{"b":2}')));
    expect(lines.map((line) => line.text)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reassembles a UTF-8 character split across chunks', async () => {
    const bytes = encoder.encode('{"name":"Siân Ó Briain"}\n');
    const splitAt = bytes.indexOf(0xc3) + 1; // inside the two-byte "â"
    const lines = await collect(ndjsonLines(chunks(bytes.slice(0, splitAt), bytes.slice(splitAt))));
    expect(JSON.parse(lines[0]?.text ?? '')).toEqual({ name: 'Siân Ó Briain' });
  });

  it('reports every byte it reads', async () => {
    let bytes = 0;
    await collect(ndjsonLines(chunks('{"a":1}\n', '{"b":2}'), (count) => (bytes += count)));
    expect(bytes).toBe(15);
  });

  it('yields nothing for an empty file', async () => {
    expect(await collect(ndjsonLines(chunks()))).toEqual([]);
  });
});

describe('ndjsonResources', () => {
  it('turns a malformed line into a warning that names the line but not its content, and reads on', async () => {
    const items = await collect(
      ndjsonResources(
        chunks('{"resourceType":"Patient","id":"p1"}\n{"resourceType":"Patient","name":"Grace\n[1,2]\n{"resourceType":"Task","id":"t1"}\n'),
        'Patient.000.ndjson',
      ),
    );
    expect(items).toEqual([
      { type: 'resource', resource: { resourceType: 'Patient', id: 'p1' } },
      { type: 'warning', message: 'Patient.000.ndjson line 2: not valid JSON; line skipped' },
      { type: 'warning', message: 'Patient.000.ndjson line 3: not a FHIR resource (no resourceType); line skipped' },
      { type: 'resource', resource: { resourceType: 'Task', id: 't1' } },
    ]);
    expect(JSON.stringify(items)).not.toContain('Grace');
  });
});

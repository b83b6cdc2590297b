import { describe, expect, it } from 'vitest';
import { MAX_NDJSON_LINE_LENGTH, NdjsonLineSplitter, NdjsonLineTooLongError, ndjsonLines } from '../../../adapter/bulk/ndjsonLines';
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

describe('a line longer than the limit', () => {
  const CHUNK = new Uint8Array(64 * 1024).fill(0x61); // 64 KiB of "a", no newline

  /** One short line, then a single 128 MiB line, counting how many chunks the reader pulls. */
  function endlessLine(pulled: { chunks: number }): AsyncGenerator<Uint8Array> {
    return (async function* () {
      pulled.chunks += 1;
      yield encoder.encode('{"resourceType":"Patient","id":"ada"}\n');
      for (let i = 0; i < (128 * 1024 * 1024) / CHUNK.length; i += 1) {
        pulled.chunks += 1;
        yield CHUNK;
      }
    })();
  }

  it('stops reading at the maximum length and reports the over-long line, reading no further (a 128 MiB line in 64 KiB chunks)', async () => {
    const pulled = { chunks: 0 };
    const lines: string[] = [];
    const error = await (async () => {
      for await (const line of ndjsonLines(endlessLine(pulled))) lines.push(line.text);
    })().catch((e: unknown) => e);
    expect(lines).toEqual(['{"resourceType":"Patient","id":"ada"}']);
    expect(error).toBeInstanceOf(NdjsonLineTooLongError);
    expect((error as NdjsonLineTooLongError).lineNumber).toBe(2);
    expect((error as NdjsonLineTooLongError).describe('Patient.ndjson')).toBe('Patient.ndjson line 2 is longer than 16 MiB; the file was not read past it, so some resources may be missing.');
    // Linear and bounded: the reader pulls only what fits under the limit, plus the chunk that crossed it.
    expect(pulled.chunks).toBe(1 + Math.floor(MAX_NDJSON_LINE_LENGTH / CHUNK.length) + 1);
  });

  it('keeps a line of exactly the limit, split across chunks, and refuses one character more', () => {
    const splitter = new NdjsonLineSplitter(10);
    expect(splitter.push(encoder.encode('{"a":'))).toEqual([]);
    expect(splitter.push(encoder.encode('1234}'))).toEqual([]);
    expect(splitter.push(encoder.encode('\n{"b":123'))).toEqual([{ text: '{"a":1234}', lineNumber: 1 }]);
    expect(() => splitter.push(encoder.encode('45}\n'))).toThrow(new NdjsonLineTooLongError(2, 10));
  });

  it('refuses an over-long last line that has no newline', () => {
    const splitter = new NdjsonLineSplitter(4);
    expect(splitter.push(encoder.encode('{"a"'))).toEqual([]);
    expect(() => splitter.push(encoder.encode(':1}'))).toThrow(NdjsonLineTooLongError);
  });
});

describe('ndjsonResources', () => {
  it('turns a malformed line into an integrity problem that names the file and line but not its content, and reads on', async () => {
    const items = await collect(
      ndjsonResources(
        chunks('{"resourceType":"Patient","id":"p1"}\n{"resourceType":"Patient","name":"Grace\n[1,2]\n{"resourceType":"Task","id":"t1"}\n'),
        'Patient.000.ndjson',
      ),
    );
    expect(items).toEqual([
      { type: 'resource', resource: { resourceType: 'Patient', id: 'p1' } },
      { type: 'integrity', source: 'Patient.000.ndjson', problem: 'unreadable-line', message: 'Patient.000.ndjson line 2: not valid JSON; line skipped' },
      { type: 'integrity', source: 'Patient.000.ndjson', problem: 'unreadable-line', message: 'Patient.000.ndjson line 3: not a FHIR resource (no resourceType); line skipped' },
      { type: 'resource', resource: { resourceType: 'Task', id: 't1' } },
    ]);
    expect(JSON.stringify(items)).not.toContain('Grace');
  });
});

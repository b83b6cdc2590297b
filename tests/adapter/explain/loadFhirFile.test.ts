import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FhirFileError, loadFhirFile, parseFhirText, patientOfFile } from '../../../adapter/explain/loadFhirFile';

const patient = { resourceType: 'Patient', id: 'p1' };
const carer = { resourceType: 'RelatedPerson', id: 'rp1', patient: { reference: 'Patient/p1' } };
const consent = { resourceType: 'Consent', id: 'c1', patient: { reference: 'https://fhir.example.nhs.uk/R4/Patient/p1' } };

describe('parseFhirText', () => {
  it('reads every entry of a Bundle', () => {
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: patient }, { resource: carer }] };
    expect(parseFhirText(JSON.stringify(bundle), 'f').resources).toEqual([patient, carer]);
  });

  it('reads a single resource as a list of one', () => {
    expect(parseFhirText(JSON.stringify(carer), 'f').resources).toEqual([carer]);
  });

  it('reads NDJSON line by line, with CRLF, blank lines and a byte order mark', () => {
    const text = `\uFEFF${JSON.stringify(patient)}\r\n\r\n${JSON.stringify(carer)}\n`;
    expect(parseFhirText(text, 'f').resources).toEqual([patient, carer]);
  });

  it('skips a broken NDJSON line with a warning that names the line, not its content', () => {
    const loaded = parseFhirText(`${JSON.stringify(patient)}\n{"resourceType": "Rel\n${JSON.stringify(carer)}`, 'f');
    expect(loaded.resources).toEqual([patient, carer]);
    expect(loaded.warnings).toEqual(['line 2 of f is not a FHIR resource and was skipped']);
  });

  it('warns about Bundle entries that hold no resource', () => {
    const loaded = parseFhirText(JSON.stringify({ resourceType: 'Bundle', entry: [{ fullUrl: 'x' }, { resource: patient }] }), 'f');
    expect(loaded.resources).toEqual([patient]);
    expect(loaded.warnings).toHaveLength(1);
  });

  it.each([
    ['an empty file', '   ', /is empty/],
    ['JSON that is not a resource', '{"hello": 1}', /not a FHIR resource/],
    ['a Bundle whose entry is not a list', '{"resourceType":"Bundle","entry":{}}', /entry is not a list/],
    ['text that is neither JSON nor NDJSON', 'hello\nworld', /neither FHIR JSON nor NDJSON/],
  ])('rejects %s with a clear error', (_label, text, message) => {
    expect(() => parseFhirText(text, 'f')).toThrow(FhirFileError);
    expect(() => parseFhirText(text, 'f')).toThrow(message);
  });
});

describe('loadFhirFile', () => {
  it('says plainly when the file does not exist', async () => {
    await expect(loadFhirFile('/nonexistent/bundle.json')).rejects.toThrow('no such file: /nonexistent/bundle.json');
  });

  it('reads a file from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carers-'));
    const path = join(dir, 'carer.json');
    await writeFile(path, JSON.stringify(carer));
    expect((await loadFhirFile(path)).resources).toEqual([carer]);
  });
});

describe('patientOfFile', () => {
  it('is the one Patient in the file', () => {
    expect(patientOfFile([patient, carer])).toBe('Patient/p1');
  });

  it('is the patient a lone RelatedPerson references', () => {
    expect(patientOfFile([carer])).toBe('Patient/p1');
  });

  it('is the patient a lone Consent references, even by absolute URL', () => {
    expect(patientOfFile([consent])).toBe('Patient/p1');
  });

  it('is undefined when the file is about several patients', () => {
    expect(patientOfFile([patient, { resourceType: 'Patient', id: 'p2' }])).toBeUndefined();
    expect(patientOfFile([carer, { ...carer, id: 'rp2', patient: { reference: 'Patient/p2' } }])).toBeUndefined();
  });

  it('is undefined when nothing names a patient', () => {
    expect(patientOfFile([{ resourceType: 'Task', id: 't1' }])).toBeUndefined();
  });
});

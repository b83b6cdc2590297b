import createDebug from 'debug';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silenceFhirKitClientLogging } from '../../../adapter/http/quietFhirKitClient';

describe('fhir-kit-client logging', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    createDebug.disable();
  });

  it('stays silent even when something enables its namespaces again later, while other namespaces still log', () => {
    silenceFhirKitClientLogging();
    createDebug.enable('*');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    createDebug('fhir-kit-client:info')('Request: GET https://fhir.test/Patient?identifier=9990011117');
    createDebug('fhir-kit-client:error')('{"name":[{"text":"Sara Khan"}]}');
    createDebug('carer-prompts-test')('another library still logs');
    expect(written.join('')).not.toMatch(/9990011117|Sara Khan/);
    expect(written.join('')).toContain('another library still logs');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const EXTENSION_SRC = resolve(import.meta.dirname, '../../../extension');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|html)$/.test(entry.name) ? [path] : [];
  });
}

/** Lines of extension source that match a pattern, as "file:line: text". */
function occurrences(pattern: RegExp): string[] {
  return sourceFiles(EXTENSION_SRC).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${relative(EXTENSION_SRC, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the extension’s source keeps its channels closed', () => {
  it('scans the extension’s source files (the scan sees something)', () => {
    expect(sourceFiles(EXTENSION_SRC).length).toBeGreaterThan(20);
    // The one legitimate postMessage (on runtime ports) is found, so a window.postMessage would be too.
    expect(occurrences(/\bport\??\.postMessage\(/).length).toBeGreaterThan(0);
  });

  it('never posts to or listens on window messages, which every frame in the page can read and forge', () => {
    expect(occurrences(/\b(?:window|parent|top|opener|self|globalThis|contentWindow)\??\.postMessage\s*\(/)).toEqual([]);
    expect(occurrences(/addEventListener\(\s*['"`]message['"`]|\bonmessage\s*=/)).toEqual([]);
  });

  it('accepts no messages or connections from other extensions or web pages', () => {
    expect(occurrences(/onMessageExternal|onConnectExternal|externally_connectable/)).toEqual([]);
  });

  it('turns no text into code or markup', () => {
    expect(occurrences(/(?<![\w$.])eval\s*\(|\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(/)).toEqual([]);
    expect(occurrences(/\.innerHTML\b|\.outerHTML\s*=|insertAdjacentHTML|document\.write|dangerouslySetInnerHTML/)).toEqual([]);
  });

  it('keeps the content script off window messages in WXT too (no started-message postMessage)', () => {
    expect(readFileSync(join(EXTENSION_SRC, 'entrypoints/content.ts'), 'utf8')).toMatch(/noScriptStartedPostMessage:\s*true/);
  });
});

describe('zod never tries to compile code in the extension', () => {
  it('is set jitless by the module every entrypoint imports first', async () => {
    await import('../../../extension/protocol/zodJitless');
    const { config } = await import('zod/mini');
    expect(config().jitless).toBe(true);
  });

  it.each(['entrypoints/background.ts', 'entrypoints/panel/main.tsx', 'entrypoints/options/main.tsx'])('%s imports it before anything else', (entrypoint) => {
    const firstImport = readFileSync(join(EXTENSION_SRC, entrypoint), 'utf8').split('\n').find((line) => line.startsWith('import '));
    expect(firstImport).toMatch(/^import '(?:\.\.\/)+protocol\/zodJitless';$/);
  });
});

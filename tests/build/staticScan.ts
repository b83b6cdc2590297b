import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Code that turns text into code, or loads code from elsewhere: none of it may ship. */
export const FORBIDDEN_CODE: readonly { name: string; pattern: RegExp }[] = [
  { name: 'eval', pattern: /(?<![\w$.])eval\s*\(/g },
  { name: 'new Function', pattern: /\bnew\s+Function\s*\(/g },
  // Called or passed around (`let F = Function; new F(...)`): any use of the constructor as a value.
  { name: 'Function constructor', pattern: /(?<![\w$.])Function(?![\w$])(?!\s*\.\s*prototype)/g },
  { name: 'string timer', pattern: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g },
  { name: 'dynamic import', pattern: /(?<![\w$.])import\s*\(/g },
  { name: 'importScripts', pattern: /\bimportScripts\s*\(/g },
  { name: 'script element', pattern: /createElement\s*\(\s*["'`]script["'`]/gi },
  { name: 'remote script URL', pattern: /["'`]https?:\/\/[^"'`\s]+\.m?js(?:\?[^"'`\s]*)?["'`]/g },
  { name: 'remote source map', pattern: /sourceMappingURL=https?:/g },
  { name: 'window.postMessage', pattern: /\b(?:window|parent|top|opener|self|globalThis|contentWindow)\s*\.\s*postMessage\s*\(/g },
];

/**
 * Occurrences in libraries that are known and harmless, each with its reason. An entry matches on
 * the text around the hit, so a new occurrence elsewhere still fails.
 */
export const KNOWN_SAFE: readonly { name: string; context: RegExp; reason: string }[] = [
  {
    name: 'Function constructor',
    context: /Cloudflare[`'"]\)\)return!1;try\{return Function\(``\),!0\}catch\{return!1\}/,
    reason:
      'zod 4 probes whether it may compile validators (util.allowsEval) by constructing an empty Function inside try/catch. Never reached: every entrypoint sets zod jitless first (extension/protocol/zodJitless.ts), and the probe returns false before it when jitless; the CSP (no unsafe-eval) would refuse it anyway.',
  },
  {
    name: 'Function constructor',
    context: /compile\(\)\{let [\w$]+=Function,/,
    reason:
      'zod 4 compiles fast object validators (Doc.compile) only when JIT is on and the eval probe succeeds. Jitless (extension/protocol/zodJitless.ts) turns that path off; the CSP (no unsafe-eval) would refuse it anyway.',
  },
  {
    name: 'window.postMessage',
    context: /this\.options\?\.noScriptStartedPostMessage\|\|window\.postMessage\(/,
    reason:
      'WXT\'s ContentScriptContext posts a "script started" message to the page unless the content script sets noScriptStartedPostMessage, which ours does (tests/extension/isolation/sourceScan.test.ts; tests/e2e/isolation.test.ts sees no message reach the page).',
  },
];

export interface Finding {
  file: string;
  name: string;
  excerpt: string;
}

/** Every forbidden construct in the built files' JavaScript and HTML that no KNOWN_SAFE entry explains. */
export function scanBuild(dir: string): { findings: Finding[]; excused: Finding[]; filesScanned: number } {
  const findings: Finding[] = [];
  const excused: Finding[] = [];
  const files = listFiles(dir).filter((f) => /\.(?:m?js|html)$/.test(f));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const { name, pattern } of FORBIDDEN_CODE) {
      for (const match of text.matchAll(pattern)) {
        const at = match.index;
        const excerpt = text.slice(Math.max(0, at - 80), at + 80);
        const finding = { file: relative(dir, file), name, excerpt };
        if (KNOWN_SAFE.some((safe) => safe.name === name && safe.context.test(excerpt))) excused.push(finding);
        else findings.push(finding);
      }
    }
    if (file.endsWith('.html')) findings.push(...scanHtml(text, relative(dir, file)));
  }
  return { findings, excused, filesScanned: files.length };
}

/** Extension pages load scripts only from the package, and carry no inline script or handler. */
function scanHtml(html: string, file: string): Finding[] {
  const findings: Finding[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    const body = match[2] ?? '';
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1];
    if (src === undefined) findings.push({ file, name: 'inline script', excerpt: match[0].slice(0, 160) });
    else if (!/^\/(?!\/)|^\.{1,2}\//.test(src)) findings.push({ file, name: 'script from elsewhere', excerpt: src });
    if (body.trim() !== '') findings.push({ file, name: 'inline script', excerpt: body.slice(0, 160) });
  }
  for (const match of html.matchAll(/<link\b[^>]*\bhref\s*=\s*["']?(https?:|\/\/)[^>]*>/gi)) findings.push({ file, name: 'remote link', excerpt: match[0] });
  for (const match of html.matchAll(/\son[a-z]+\s*=/gi)) findings.push({ file, name: 'inline event handler', excerpt: html.slice(match.index, match.index + 80) });
  return findings;
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

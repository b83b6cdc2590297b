import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALLOWED_MANIFEST_KEYS,
  ALLOWED_OPTIONAL_HOST_PERMISSIONS,
  ALLOWED_PERMISSIONS,
  DEVELOPMENT_HOST_PERMISSIONS,
  REQUIRED_CSP_DIRECTIVES,
  parseCsp,
  type BuiltManifest,
} from '../build/manifestPolicy';
import { KNOWN_SAFE, scanBuild } from '../build/staticScan';
import { EXTENSION_DIR, ROOT } from './extensionBuild';
import { extensionIdOf } from './managedPolicy';
import { managedSchema } from '../../extension/storage/managedSchema';
import { DEVELOPMENT_EXTENSION_ID, DEVELOPMENT_PUBLIC_KEY, LOOPBACK_MATCHES, declaredHostPermissions } from '../../wxt.config';

/** The production build (`wxt build`), made once into a temporary folder. */
let productionOut: string;
let productionDir: string;
beforeAll(() => {
  productionOut = mkdtempSync(join(tmpdir(), 'carer-prompts-prod-'));
  execFileSync(join(ROOT, 'node_modules', '.bin', 'wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, CARER_PROMPTS_OUT_DIR: productionOut },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  productionDir = join(productionOut, 'chrome-mv3');
});
afterAll(() => rmSync(productionOut, { recursive: true, force: true }));

const manifestOf = (dir: string): BuiltManifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BuiltManifest;

const builds = [
  ['production', () => productionDir],
  ['development', () => EXTENSION_DIR],
] as const;

/** Who may frame the panel: loopback (the sandbox) in development; https only in a production build given no EHR origins. */
const PANEL_FRAME_MATCHES = { production: ['https://*/*'], development: DEVELOPMENT_HOST_PERMISSIONS };

describe.each(builds)('the %s build asks for no more than it needs', (_mode, dir) => {
  it('declares only permissions on the allow-list, and no optional API permissions', () => {
    const manifest = manifestOf(dir());
    expect(manifest.manifest_version).toBe(3);
    expect((manifest.permissions ?? []).filter((p) => !(p in ALLOWED_PERMISSIONS))).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect((manifest.optional_host_permissions ?? []).filter((p) => !(p in ALLOWED_OPTIONAL_HOST_PERMISSIONS))).toEqual([]);
  });

  it('uses no manifest key outside the reviewed list (no externally_connectable, no key, no update_url)', () => {
    const manifest = manifestOf(dir());
    expect(Object.keys(manifest).filter((k) => !ALLOWED_MANIFEST_KEYS.includes(k))).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('has a strict CSP on its own pages: only packaged scripts, no plugins, no base or form targets, no frames', () => {
    const policy = manifestOf(dir()).content_security_policy?.extension_pages;
    expect(policy, 'content_security_policy.extension_pages').toBeTypeOf('string');
    const csp = parseCsp(policy ?? '');
    for (const [directive, sources] of Object.entries(REQUIRED_CSP_DIRECTIVES)) expect(csp.get(directive), directive).toEqual(sources);
    expect([...csp.keys()].filter((d) => !(d in REQUIRED_CSP_DIRECTIVES))).toEqual([]);
    expect(policy).not.toMatch(/unsafe-(?:eval|inline|hashes)|wasm-unsafe-eval|\*/);
  });

  it('runs a packaged service worker and exposes only the panel page, through a dynamic URL', () => {
    const manifest = manifestOf(dir());
    expect(manifest.background?.service_worker).toBe('background.js');
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['panel.html'], matches: PANEL_FRAME_MATCHES[_mode], use_dynamic_url: true }]);
    for (const script of manifest.content_scripts ?? []) {
      expect(script.all_frames ?? false, 'content scripts run in the top frame only').toBe(false);
      expect(script.world ?? 'ISOLATED').toBe('ISOLATED');
    }
  });

  it('declares the managed (enterprise policy) schema generated from the options, icons, and a toolbar button', () => {
    const manifest = manifestOf(dir());
    expect(manifest.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(JSON.parse(readFileSync(join(dir(), 'managed_schema.json'), 'utf8'))).toEqual(managedSchema());
    const icons = manifest.icons as Record<string, string>;
    expect(Object.keys(icons)).toEqual(['16', '32', '48', '128']);
    for (const file of Object.values(icons)) expect(readFileSync(join(dir(), file)).subarray(1, 4).toString('ascii'), file).toBe('PNG');
    expect(manifest.action).toMatchObject({ default_title: 'Open Carer Prompts' });
  });

  it('ships no code that runs text or loads code from elsewhere (static scan of every built file)', () => {
    const { findings, excused, filesScanned } = scanBuild(dir());
    expect(filesScanned).toBeGreaterThan(4);
    expect(findings).toEqual([]);
    // Every allow-list entry still matches something: a stale excuse must be removed, not kept.
    for (const safe of KNOWN_SAFE) expect(excused.some((f) => f.name === safe.name && safe.context.test(f.excerpt)), safe.reason).toBe(true);
  });
});

describe('production and development differ only where the sandbox needs it', () => {
  it('production declares no host permissions and no content script: EHR and FHIR origins are granted at runtime', () => {
    const manifest = manifestOf(productionDir);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(Object.keys(ALLOWED_OPTIONAL_HOST_PERMISSIONS));
  });

  it('a production build given the trust’s EHR and FHIR origins declares exactly those hosts, so a force-installed extension needs no Allow', () => {
    expect(declaredHostPermissions(false, { ehrOrigins: 'https://ehr.trust.nhs.uk, https://ehr2.trust.nhs.uk:8443', fhirOrigins: 'https://fhir.trust.nhs.uk' })).toEqual([
      'https://ehr.trust.nhs.uk/*',
      'https://ehr2.trust.nhs.uk/*',
      'https://fhir.trust.nhs.uk/*',
    ]);
    expect(declaredHostPermissions(false, {})).toEqual([]);
    expect(declaredHostPermissions(true, { ehrOrigins: 'https://ehr.trust.nhs.uk' })).toEqual(LOOPBACK_MATCHES);
  });

  it('development has a stable id from its committed public key; production has no key (its id comes from signing)', () => {
    expect(manifestOf(EXTENSION_DIR).key).toBe(DEVELOPMENT_PUBLIC_KEY);
    expect(extensionIdOf(DEVELOPMENT_PUBLIC_KEY)).toBe(DEVELOPMENT_EXTENSION_ID);
    expect(manifestOf(productionDir).key).toBeUndefined();
  });

  it('development declares loopback origins only, for the sandbox and these tests', () => {
    const manifest = manifestOf(EXTENSION_DIR);
    expect(manifest.host_permissions).toEqual(DEVELOPMENT_HOST_PERMISSIONS);
    expect((manifest.content_scripts ?? []).flatMap((s) => s.matches)).toEqual(DEVELOPMENT_HOST_PERMISSIONS);
  });
});

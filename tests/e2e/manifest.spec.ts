import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { test, expect } from '@playwright/test';
import { ROOT } from './support/browser';

/**
 * The BUILT manifests (what users install), not wxt.config.ts: a permission that sneaks in through a
 * module or a config change fails here. These run after `npm run build` and `npm run build:firefox`.
 */
const PRIVACY = 'If this change is intended, update this test AND the Privacy section of README.md (what each permission is for).';

const CHROME_PERMISSIONS = ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'alarms', 'contextMenus', 'notifications', 'sidePanel'];
const CRM_ORIGINS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
const ICON_SIZES = ['16', '32', '48', '128'];

/** The manifest keys these tests read (Chrome MV3 and Firefox MV2 shapes); anything else stays unknown. */
interface Manifest {
  [key: string]: unknown;
  manifest_version?: number;
  name?: string;
  permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  host_permissions?: string[];
  content_scripts?: unknown;
  externally_connectable?: unknown;
  icons?: Record<string, string>;
  commands?: Record<string, unknown>;
  action?: { default_popup?: string };
  browser_action?: { default_popup?: string };
  side_panel?: { default_path?: string };
  sidebar_action?: { default_panel?: string };
  options_ui?: { page?: string };
  background?: { service_worker?: string; scripts?: string[] };
  browser_specific_settings?: { gecko?: { id?: string } };
}

function readManifest(dir: string, build: string): Manifest {
  const file = path.join(ROOT, dir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`${build}\` first.`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

const sorted = (list: string[] | undefined) => [...(list ?? [])].sort();

/** Width, height and how many distinct byte values the decompressed image holds (a blank square has a handful). */
function inspectPng(file: string): { width: number; height: number; distinctBytes: number } {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString('latin1'), `${file} is not a PNG`).toBe('PNG');
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), distinctBytes: new Set(pixels).size };
}

function expectReferencedFile(dir: string, relative: unknown, what: string): void {
  expect(typeof relative, `${what} is not set`).toBe('string');
  expect(existsSync(path.join(ROOT, dir, relative as string)), `${what} → ${String(relative)} is not in ${dir}`).toBe(true);
}

test.describe('production Chrome manifest (.output/chrome-mv3)', () => {
  const dir = '.output/chrome-mv3';
  const m = () => readManifest(dir, 'npm run build');

  test('asks for exactly the permissions the README explains', () => {
    const manifest = m();
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('Touchpoint');
    expect(sorted(manifest.permissions), PRIVACY).toEqual(sorted(CHROME_PERMISSIONS));
    expect(manifest.host_permissions, `no host permissions at install. ${PRIVACY}`).toBeUndefined();
    expect(manifest.content_scripts, `capture is injected on demand, never declared. ${PRIVACY}`).toBeUndefined();
    expect(sorted(manifest.optional_host_permissions), PRIVACY).toEqual(sorted(CRM_ORIGINS));
    expect(manifest.optional_permissions, PRIVACY).toBeUndefined();
    expect(manifest.externally_connectable, 'no web page may message the extension').toBeUndefined();
  });

  test('has a popup, a side panel, an options page and a background worker that exist in the build', () => {
    const manifest = m();
    expectReferencedFile(dir, manifest.action?.default_popup, 'action.default_popup');
    expectReferencedFile(dir, manifest.side_panel?.default_path, 'side_panel.default_path');
    expectReferencedFile(dir, manifest.options_ui?.page, 'options_ui.page');
    expectReferencedFile(dir, manifest.background?.service_worker, 'background.service_worker');
    expect(Object.keys(manifest.commands ?? {})).toEqual(expect.arrayContaining(['_execute_action', 'open-side-panel']));
  });

  test('has a drawn icon at 16, 32, 48 and 128 px', () => {
    const icons = m().icons ?? {};
    expect(Object.keys(icons).sort()).toEqual(expect.arrayContaining(ICON_SIZES));
    for (const size of ICON_SIZES) {
      expectReferencedFile(dir, icons[size], `icons.${size}`);
      const png = inspectPng(path.join(ROOT, dir, icons[size]!));
      expect([png.width, png.height], `icon ${size}`).toEqual([Number(size), Number(size)]);
      // A blank or single-colour square decompresses to a handful of distinct bytes; a drawing to many.
      expect(png.distinctBytes, `icon ${size} looks blank`).toBeGreaterThan(16);
    }
  });
});

test.describe('e2e build (.output-e2e/chrome-mv3)', () => {
  test('differs from production only by the host permission that lets tests inject without a gesture', () => {
    const e2e = readManifest('.output-e2e/chrome-mv3', 'npm run build:e2e');
    const prod = readManifest('.output/chrome-mv3', 'npm run build');
    expect(e2e.host_permissions).toEqual(['<all_urls>']);
    const { host_permissions: _, ...rest } = e2e;
    expect(sorted(Object.keys(rest))).toEqual(sorted(Object.keys(prod)));
    expect(sorted(rest.permissions)).toEqual(sorted(prod.permissions));
  });
});

test.describe('Firefox manifest (.output/firefox-mv2)', () => {
  const dir = '.output/firefox-mv2';
  const m = () => readManifest(dir, 'npm run build:firefox');

  test('has a gecko id, a sidebar, and the same least-privilege permissions', () => {
    const manifest = m();
    expect(manifest.browser_specific_settings?.gecko?.id).toMatch(/^[\w.-]+@[\w.-]+$/);
    expectReferencedFile(dir, manifest.sidebar_action?.default_panel, 'sidebar_action.default_panel');
    expectReferencedFile(dir, manifest.browser_action?.default_popup, 'browser_action.default_popup');
    expectReferencedFile(dir, manifest.options_ui?.page, 'options_ui.page');
    // Firefox has no sidePanel permission (sidebar_action needs none); MV2 keeps optional origins in optional_permissions.
    expect(sorted(manifest.permissions), PRIVACY).toEqual(sorted(CHROME_PERMISSIONS.filter((p) => p !== 'sidePanel')));
    expect(sorted(manifest.optional_permissions), PRIVACY).toEqual(sorted(CRM_ORIGINS));
    expect(manifest.content_scripts, PRIVACY).toBeUndefined();
    expect(Object.keys(manifest.commands ?? {})).toEqual(
      expect.arrayContaining([manifest.manifest_version === 2 ? '_execute_browser_action' : '_execute_action', '_execute_sidebar_action']),
    );
  });
});

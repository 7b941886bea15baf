/** The builds the bench measures, each in its own folder so parallel work never overwrites them. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface BuildSpec {
  /** folder under the project root, e.g. ".output-bench" */
  outDir: string;
  /** the e2e build: host permissions so headless Chromium can inject scripts (design.md) */
  e2e: boolean;
}

export const E2E_BUILD: BuildSpec = { outDir: '.output-bench', e2e: true };
export const PROD_BUILD: BuildSpec = { outDir: '.output-bench-prod', e2e: false };

/** What a build is made from: when any of it is newer than the build, the build is stale. */
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'assets', 'wxt.config.ts', 'package.json', 'tsconfig.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export const extensionDir = (root: string, spec: BuildSpec): string => join(root, spec.outDir, 'chrome-mv3');

/** Build unless an up-to-date build is there. Returns the chrome-mv3 folder and whether it was (re)built. */
export function ensureBuild(root: string, spec: BuildSpec, force: boolean, log: (s: string) => void): { dir: string; built: boolean } {
  const dir = extensionDir(root, spec);
  const manifest = join(dir, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
  if (!force && builtAt > sourcesAt) return { dir, built: false };
  log(`building ${spec.e2e ? 'e2e' : 'production'} extension into ${spec.outDir}/ …`);
  const env = { ...process.env, TOUCHPOINT_OUT_DIR: spec.outDir, TOUCHPOINT_E2E: spec.e2e ? '1' : '0' };
  try {
    execFileSync('npx', ['wxt', 'build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    const tail = `${err.stdout ?? ''}\n${err.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`wxt build failed (${spec.outDir}):\n${tail || err.message}`);
  }
  if (!existsSync(manifest)) throw new Error(`wxt build wrote no ${spec.outDir}/chrome-mv3/manifest.json`);
  return { dir, built: true };
}

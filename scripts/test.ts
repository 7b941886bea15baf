/**
 * `npm test`: every check, in order, stopping at the first that fails, then the time each stage took.
 * It provisions what a bare machine lacks (a Chromium for the e2e suite, scripts/ensure-browser.ts), so the README's
 * two commands — `npm install`, `npm test` — are all a fresh clone needs.
 *
 *   npm test                       everything
 *   npm test -- --from e2e         start at a stage (names below), e.g. after fixing an e2e test
 *   npm test -- --only unit,lint   just those stages
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

interface Stage {
  name: string;
  command: string;
}

const STAGES: Stage[] = [
  { name: 'typecheck', command: 'tsc --noEmit' },
  { name: 'lint', command: 'eslint --max-warnings=0 .' },
  { name: 'unit', command: 'vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json' },
  { name: 'build', command: 'wxt build' },
  { name: 'build:firefox', command: 'wxt build -b firefox' },
  { name: 'lint:firefox', command: 'web-ext lint --source-dir .output/firefox-mv2 --self-hosted' },
  { name: 'build:e2e', command: 'wxt build' },
  { name: 'browser', command: 'tsx scripts/ensure-browser.ts' },
  { name: 'e2e', command: 'playwright test' },
];
const ENV: Record<string, Record<string, string>> = { 'build:e2e': { TOUCHPOINT_E2E: '1' } };

function pick(args: string[]): Stage[] {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const known = (name: string) => {
    if (!STAGES.some((s) => s.name === name)) throw new Error(`unknown stage "${name}": one of ${STAGES.map((s) => s.name).join(', ')}`);
    return name;
  };
  const only = value('--only')?.split(',').map(known);
  if (only) return STAGES.filter((s) => only.includes(s.name));
  const from = value('--from');
  return from ? STAGES.slice(STAGES.findIndex((s) => s.name === known(from))) : STAGES;
}

const fmt = (ms: number) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);

const stages = pick(process.argv.slice(2));
mkdirSync('reports', { recursive: true });
const times: Array<[string, number, string]> = [];
const started = Date.now();
let failed: string | undefined;
for (const stage of stages) {
  console.log(`\n── npm test: ${stage.name} ── ${stage.command}`);
  const t0 = Date.now();
  // node_modules/.bin is on npm's PATH for this script; shell: the commands are fixed strings above.
  const run = spawnSync(stage.command, { shell: true, stdio: 'inherit', env: { ...process.env, ...ENV[stage.name] } });
  const ok = run.status === 0;
  times.push([stage.name, Date.now() - t0, ok ? 'ok' : `FAILED (${run.error?.message ?? `exit ${run.status ?? run.signal}`})`]);
  if (!ok) {
    failed = stage.name;
    break;
  }
}
console.log('\nnpm test: stage timings');
for (const [name, ms, result] of times) console.log(`  ${name.padEnd(14)} ${fmt(ms).padStart(12)}  ${result}`);
for (const s of stages.slice(times.length)) console.log(`  ${s.name.padEnd(14)} ${'-'.padStart(12)}  not run`);
console.log(`  ${'total'.padEnd(14)} ${fmt(Date.now() - started).padStart(12)}`);
if (failed) {
  console.log(`npm test: failed at ${failed}`);
  process.exit(1);
}

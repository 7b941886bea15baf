/** The machine a run was made on, saved beside the numbers (they mean little without it). */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { chromiumVersion } from './browser';
import type { Machine } from './results';

function git(root: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** The 1-minute load average now (recorded again when the run ends). */
export const loadNow = (): number => loadavg()[0]!;

export function machineInfo(root: string): Machine {
  const cpuList = cpus();
  const commit = git(root, ['rev-parse', '--short=12', 'HEAD']) || 'unknown';
  // uncommitted changes to what is measured make the commit alone not reproduce the numbers
  const dirty = git(root, ['status', '--porcelain', '--', 'entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json']) !== '';
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion(),
    date: new Date().toISOString(),
    commit,
    dirty,
    load: { start: loadavg()[0]!, end: loadavg()[0]! },
  };
}

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The capture quality bar, as the project is judged: the scorer (copied into tests/tools) over every saved page with an expected
 * capture (the shared fixtures, our site fixtures and the extra pages written to catch failure classes).
 * It runs the real `extract` CLI (its --batch interface), so a regression anywhere in collect → refine shows up here.
 */
const SCORER = 'tests/tools/score-capture.mjs';
// All inside the repository: a missing folder is a failure, never a skip.
const DIRS = ['tests/fixtures/capture', 'tests/fixtures/sites', 'tests/fixtures/capture-extra'];

describe('capture score on every fixture page', () => {
  it('keeps F1 ≥ 0.95 overall and every page ≥ 0.8 on precision and recall', () => {
    // One extract process for every page (the CLI's batch interface): a process per page cost minutes on a loaded machine.
    const out = execFileSync('node', [SCORER, '--batch', 'npx tsx scripts/extract.ts --batch', ...DIRS], {
      encoding: 'utf8',
      maxBuffer: 16 << 20,
    });
    const total = /capture F1 ([\d.]+) .* on (\d+) pages, (\d+) failed/.exec(out);
    expect(total, out).not.toBeNull();
    expect(Number(total![3]), out).toBe(0);
    expect(Number(total![1]), out).toBeGreaterThanOrEqual(0.95);
    for (const m of out.matchAll(/^(\S+)\s+P ([\d.]+)\s+R ([\d.]+)\s+\(tp (\d+) fn (\d+) fp (\d+)\)/gm)) {
      // A trap page that expects nobody and finds nobody scores 0/0: nothing to judge.
      if (m[4] === '0' && m[5] === '0' && m[6] === '0') continue;
      expect({ page: m[1], precision: Number(m[2]) >= 0.8, recall: Number(m[3]) >= 0.8 }).toEqual({
        page: m[1], precision: true, recall: true,
      });
    }
  }, 600_000);
});

import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderText } from '../../scripts/bench/report';
import { type BenchResults, emptyFigure, why } from '../../scripts/bench/results';

function results(): BenchResults {
  const warm = { n: 3, median: 1.4, min: 1.2, max: 2 };
  return {
    schema: 1,
    mode: 'quick',
    machine: { cpu: 'Test CPU', cores: 2, memoryBytes: 8e9, os: 'Linux 6', node: 'v20.0.0', chromium: 'Chromium 156', date: '2026-11-27T09:00:00.000Z', commit: 'abc123', dirty: false, load: { start: 1.5, end: 12.25 } },
    durationMs: 42_000,
    figures: {
      capture: {
        data: {
          runs: 3,
          warmup: 1,
          pages: [{ page: 'linkedin-profile', url: 'https://www.linkedin.com/in/x/', bytes: 10_431, floor: { cold: 2, warm }, collect: { cold: 5, warm: { ...warm, median: 2.8 } }, ratio: 2, people: 1 }],
        },
        notMeasured: [],
        notes: ['collect runs from a bench bundle'],
      },
      size: { data: { build: '.output-bench-prod/chrome-mv3', bundles: [{ entry: 'capture (injected)', files: ['content-scripts/capture.js'], raw: 42_700, gzip: 15_300 }] }, notMeasured: [], notes: [] },
      popup: { ...emptyFigure(), notMeasured: [why('popup first person card', new Error('no [data-testid="person-card"] on screen within 10 s'))] },
      contacts: { ...emptyFigure(), notMeasured: ['skipped by --only'] },
      sync: { data: { runs: [{ via: 'engine in worker', batchSize: 100, events: 1000, requests: 10, ms: 2000, eventsPerSecond: 500, heapUsedBytes: 4_400_000 }] }, notMeasured: [], notes: [] },
    },
  };
}

describe('bench report', () => {
  it('puts the machine, every figure and its numbers in docs/performance.md', () => {
    const md = renderMarkdown(results());
    expect(md).toMatch(/^# Performance\n/);
    expect(md).toContain('CPU: Test CPU, 2 cores; memory 8.00 GB; Linux 6');
    expect(md).toContain('at commit abc123, quick mode, 42 s');
    expect(md).toContain('Load average (1 min): 1.5 at the start, 12.3 at the end, on 2 cores');
    for (const title of ['## 1. Capture', '## 2. Script sizes', '## 3. Popup', '## 4. Contacts at scale', '## 5. Sync']) expect(md).toContain(title);
    expect(md).toContain('| linkedin-profile | 10.4 KB | 1.40 (1.20–2.00) | 2.80 (1.20–2.00) | 2.00× |');
    expect(md).toContain('| capture (injected) | 42.7 KB | 15.3 KB | 1 |');
    expect(md).toContain('| engine in worker | 100 | 1,000 | 10 | 2.00 s | 500 | 4.40 MB |');
    expect(md.endsWith('\n')).toBe(true);
    expect(md).not.toMatch(/\n{3,}/);
  });

  it('says which figures are not measured and why, instead of a number', () => {
    const md = renderMarkdown(results());
    const popup = md.slice(md.indexOf('## 3. Popup'), md.indexOf('## 4.'));
    expect(popup).toContain('Not measured yet:');
    expect(popup).toContain('- popup first person card: no [data-testid="person-card"] on screen within 10 s');
    expect(popup).not.toContain('| ---');
  });

  it('prints the same figures as text tables for the terminal', () => {
    const text = renderText(results());
    expect(text).toContain('Touchpoint benchmark');
    expect(text).toMatch(/linkedin-profile\s+10\.4 KB\s+1\.40 \(1\.20–2\.00\)/);
    expect(text).toContain('  not measured: skipped by --only');
  });
});

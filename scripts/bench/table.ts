/** Tables for the terminal and for docs/performance.md. Pure string formatting. */

export type Align = 'left' | 'right';

export interface Table {
  headers: string[];
  rows: string[][];
  /** per column; numbers read best right-aligned. Defaults to left. */
  align?: Align[];
}

function checkShape(t: Table): void {
  for (const [i, row] of t.rows.entries()) {
    if (row.length !== t.headers.length) {
      throw new RangeError(`row ${i} has ${row.length} cells, the header has ${t.headers.length}`);
    }
  }
}

// Code points, not UTF-16 units, so "ü" and "—" count as one column in a terminal.
const width = (s: string): number => [...s].length;

function pad(s: string, w: number, align: Align): string {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** A plain-text table with a rule under the header, columns separated by two spaces. */
export function formatTextTable(t: Table): string {
  checkShape(t);
  const widths = t.headers.map((h, c) => Math.max(width(h), ...t.rows.map((r) => width(r[c]!))));
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => pad(cell, widths[c]!, t.align?.[c] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(t.headers), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n');
}

/** A GitHub-flavoured Markdown table; pipes inside cells are escaped. */
export function formatMarkdownTable(t: Table): string {
  checkShape(t);
  const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const row = (cells: string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = t.headers.map((_, c) => ((t.align?.[c] ?? 'left') === 'right' ? '---:' : '---'));
  return [row(t.headers), `| ${rule.join(' | ')} |`, ...t.rows.map(row)].join('\n');
}

/** "1.23" for ms figures: two decimals under 10, one under 100, none above (noise dominates the rest). */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const abs = Math.abs(ms);
  if (abs < 10) return ms.toFixed(2);
  if (abs < 100) return ms.toFixed(1);
  return Math.round(ms).toString();
}

/** "12.3 KB" (1 KB = 1,000 bytes, as the issue and design.md count them). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(2)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}

/** "1.40 (0.9–2.1)": median with the min–max range. */
export function formatRange(s: { median: number; min: number; max: number }): string {
  return `${formatMs(s.median)} (${formatMs(s.min)}–${formatMs(s.max)})`;
}

import { describe, expect, it } from 'vitest';
import { formatBytes, formatMarkdownTable, formatMs, formatRange, formatTextTable } from '../../scripts/bench/table';

describe('bench tables', () => {
  const table = {
    headers: ['page', 'ms'],
    rows: [
      ['linkedin-profile', '1.40'],
      ['x', '12.5'],
    ],
    align: ['left', 'right'] as ('left' | 'right')[],
  };

  it('pads text columns to the widest cell, numbers to the right', () => {
    const lines = formatTextTable(table).split('\n');
    expect(lines[0]).toBe('page                ms');
    expect(lines[1]).toBe('----------------  ----');
    expect(lines[2]).toBe('linkedin-profile  1.40');
    expect(lines[3]).toBe('x                 12.5');
  });

  it('counts a non-ASCII character as one column', () => {
    const lines = formatTextTable({ headers: ['a', 'b'], rows: [['Göteborg—', 'x']] }).split('\n');
    expect(lines[2]).toBe('Göteborg—  x');
  });

  it('writes GitHub Markdown with alignment and escaped pipes', () => {
    const md = formatMarkdownTable({ headers: ['a|b', 'n'], rows: [['x|y', '1']], align: ['left', 'right'] });
    expect(md).toBe('| a\\|b | n |\n| --- | ---: |\n| x\\|y | 1 |');
  });

  it('rejects a row whose cell count does not match the header', () => {
    expect(() => formatTextTable({ headers: ['a', 'b'], rows: [['only one']] })).toThrow(RangeError);
    expect(() => formatMarkdownTable({ headers: ['a'], rows: [['1', '2']] })).toThrow(RangeError);
  });

  it('formats milliseconds with fewer decimals as they grow', () => {
    expect(formatMs(1.404)).toBe('1.40');
    expect(formatMs(12.34)).toBe('12.3');
    expect(formatMs(149.6)).toBe('150');
    expect(formatMs(Number.NaN)).toBe('—');
  });

  it('formats bytes in decimal units', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(17_700)).toBe('17.7 KB');
    expect(formatBytes(4_513_973)).toBe('4.51 MB');
  });

  it('shows a median with its range', () => {
    expect(formatRange({ median: 1.4, min: 1.2, max: 3 })).toBe('1.40 (1.20–3.00)');
  });
});

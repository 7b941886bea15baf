import { describe, expect, it } from 'vitest';
import { contactsToCsv, csvCell } from '../../utils/export/csv';
import { parseExportJson, toExportJson } from '../../utils/export/json';
import { contactToVcard, escapeText, foldLine } from '../../utils/export/vcard';
import type { Contact } from '../../utils/model';

const at = '2026-01-02T03:04:05.000Z';
function contact(p: Partial<Contact>): Contact {
  return {
    id: '0b6f1a52-3c3e-4c59-9a55-1f0f3c1e2d4a', kind: 'lead', stage: 'new', name: 'Anna', emails: [], phones: [], links: [], tags: [],
    source: { url: 'https://x.test', site: 'generic', capturedAt: at }, provenance: {}, history: [], createdAt: at, updatedAt: at, sync: {},
    ...p,
  };
}

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    }
    else cell += ch;
  }
  return rows;
}

const HOSTILE = [
  '=cmd|\' /C calc\'!A0',
  '+SUM(1+1)',
  '-2+3',
  '@SUM(A1)',
  '\t=1+1',
  ' =1+1',
  'Doe, "Jane"',
  'line1\r\nline2',
  'semi;colon\\back',
  'END:VCARD\r\nBEGIN:VCARD\r\nFN:Injected',
  '<script>alert(1)</script>',
];

describe('CSV', () => {
  it('neutralises formulas and quotes what needs quoting', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+46 70 123')).toBe("'+46 70 123");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@x')).toBe("'@x");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('plain')).toBe('plain');
  });

  it('hostile strings survive a round trip as text, one row per contact, none starting a formula', () => {
    const contacts = HOSTILE.map((name, i) => contact({ id: `c${i}`, name, company: name, emails: [`${i}@x.test`], tags: [name] }));
    const csv = contactsToCsv(contacts);
    expect(csv.startsWith('\uFEFFid,kind,stage,name')).toBe(true);
    const rows = parseCsv(csv.slice(1));
    expect(rows).toHaveLength(1 + HOSTILE.length);
    rows.slice(1).forEach((r, i) => {
      expect(r[0]).toBe(`c${i}`);
      const name = r[3]!;
      expect(name.replace(/^'/, '')).toBe(HOSTILE[i]);
      expect(/^[=+\-@\t\r]/.test(name)).toBe(false);
    });
  });
});

describe('vCard', () => {
  it('escapes text values per RFC 6350', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('a hostile name cannot end the card or add properties', () => {
    for (const name of HOSTILE) {
      const card = contactToVcard(contact({ name, company: name, jobTitle: name, tags: [name, 'ok'], location: name }));
      const lines = card.split('\r\n').filter(Boolean);
      // Unfold, then every content line must be a known property.
      const unfolded = card.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
      expect(unfolded[0]).toBe('BEGIN:VCARD');
      expect(unfolded.at(-1)).toBe('END:VCARD');
      expect(unfolded.filter((l) => l === 'BEGIN:VCARD' || l === 'END:VCARD')).toHaveLength(2);
      for (const l of unfolded) expect(l).toMatch(/^(BEGIN|VERSION|UID|FN|N|ORG|TITLE|EMAIL|TEL|ADR|URL|CATEGORIES|NOTE|REV|END)[;:]/);
      for (const l of lines) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
      expect(card).not.toMatch(/[^\r]\n/);
    }
  });

  it('writes the standard properties', () => {
    const card = contactToVcard(
      contact({ name: 'Åsa Öberg', firstName: 'Åsa', lastName: 'Öberg', company: 'Fjäll AB', jobTitle: 'CTO', emails: ['asa@fjall.se'], phones: ['+46701234567', 'ext. 12'], links: ['https://www.linkedin.com/in/asa'], tags: ['vip'] }),
    );
    expect(card).toContain('VERSION:4.0\r\n');
    expect(card).toContain('UID:urn:uuid:0b6f1a52-3c3e-4c59-9a55-1f0f3c1e2d4a\r\n');
    expect(card).toContain('N:Öberg;Åsa;;;\r\n');
    expect(card).toContain('TEL;VALUE=uri:tel:+46701234567\r\n');
    expect(card).toContain('TEL;VALUE=text:ext. 12\r\n');
    expect(card).toContain('URL:https://www.linkedin.com/in/asa\r\n');
    expect(card).toContain('REV:20260102T030405Z\r\n');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const line = 'NOTE:' + 'ö'.repeat(100);
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('JSON export', () => {
  it('round-trips and rejects what is not ours', () => {
    const data = { contacts: [contact({ name: HOSTILE[0]! })], touchpoints: [], notes: [] };
    expect(parseExportJson(toExportJson(data, at)).contacts).toEqual(data.contacts);
    expect(() => parseExportJson('not json')).toThrow(/not JSON/);
    expect(() => parseExportJson('{"format":"touchpoint-export","version":1}')).toThrow(/not a Touchpoint export/);
  });
});

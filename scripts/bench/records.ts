/**
 * Figure 6, records: a 10,000-row CSV import (HubSpot's export header) into an empty profile, the same file imported
 * again (every row matched: "0 new, 10,000 already there"), and the duplicates view's pair listing over what it made.
 * Everything goes through the extension's own messages from an extension page, as the options page and side panel do.
 */
import { ask } from './ask';
import { extensionUrl, launchWithExtension } from './browser';
import { generatePeople } from './people';
import { type Figure, type RecordsData, emptyFigure, why } from './results';
import { summarize } from './stats';

export interface RecordsOptions {
  rows: number;
  /** how many times the duplicate listing is timed */
  listings: number;
  log: (s: string) => void;
}

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/**
 * HubSpot's contact export: one row per person. Every tenth person appears a second time under another email at the
 * same company (a possible duplicate by name + company), and every twentieth row has a name and company only (matched
 * on import by exact name + company, docs/data.md).
 */
export function hubspotCsv(rows: number, seed = 11): string {
  const people = generatePeople(rows, seed);
  const lines = [['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Job Title', 'Company Name', 'Lifecycle Stage'].map(q).join(',')];
  people.forEach((p, i) => {
    const twin = i % 10 === 9 ? people[i - 1]! : p;
    const email = i % 20 === 19 ? '' : i % 10 === 9 ? `second.${i}@${p.emails[0]!.split('@')[1]}` : p.emails[0]!;
    lines.push([String(100_000 + i), twin.firstName, twin.lastName, email, p.phones[0] ?? '', p.jobTitle, twin.company, 'Lead'].map(q).join(','));
  });
  return `${lines.join('\n')}\n`;
}

export async function measureRecords(extensionDir: string, opts: RecordsOptions): Promise<Figure<RecordsData>> {
  const fig = emptyFigure<RecordsData>();
  fig.notes.push(
    `import = the data.import message with a generated HubSpot contact export (${opts.rows.toLocaleString('en-US')} rows; every tenth person a second time under another email at the same company, every twentieth row without an email) from an extension page, into an empty profile, round trip (parse, match, write in one transaction)`,
    're-import = the same file again: every row is already there',
    'duplicates = the contacts.duplicates message (limit 100), the side panel\'s duplicates view, after the imports',
  );
  const session = await launchWithExtension(extensionDir);
  try {
    const page = await session.context.newPage();
    await page.goto(extensionUrl(session, 'options.html'));
    const text = hubspotCsv(opts.rows);
    type Result = { contacts: { added: number; merged: number; unchanged: number }; possibleDuplicates: number };
    let t0 = performance.now();
    const first = await ask<Result>(page, 'data.import', { text, fileName: 'hubspot-export.csv' });
    const importMs = performance.now() - t0;
    opts.log(`  import ${opts.rows} rows: ${(importMs / 1000).toFixed(2)} s (${JSON.stringify(first.contacts)})`);
    t0 = performance.now();
    const again = await ask<Result>(page, 'data.import', { text, fileName: 'hubspot-export.csv' });
    const reimportMs = performance.now() - t0;
    opts.log(`  re-import: ${(reimportMs / 1000).toFixed(2)} s (${JSON.stringify(again.contacts)})`);
    const listing: number[] = [];
    let pairs = 0;
    for (let i = 0; i < opts.listings; i++) {
      t0 = performance.now();
      pairs = (await ask<{ pairs: unknown[] }>(page, 'contacts.duplicates', { limit: 100 })).pairs.length;
      listing.push(performance.now() - t0);
    }
    const dupes = summarize(listing);
    opts.log(`  duplicate pairs: ${pairs} in ${dupes.median.toFixed(0)} ms (median)`);
    fig.data = {
      rows: opts.rows,
      bytes: Buffer.byteLength(text),
      importMs,
      imported: first.contacts,
      reimportMs,
      reimported: again.contacts,
      duplicates: { cold: listing[0]!, warm: dupes },
      pairs,
    };
  } catch (e) {
    fig.notMeasured.push(why('import and duplicates', e));
  } finally {
    await session.close();
  }
  return fig;
}

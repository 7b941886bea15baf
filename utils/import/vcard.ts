import ICAL from 'ical.js';
import { parseDate } from './dates';
import { batchFromPeople, cleanLine, emailsOf, emptyPerson, linkOf, phoneOf, type ImportedPerson } from './person';
import { ImportError, type ImportBatch, type ParseOptions } from './types';

/**
 * vCard 3.0 and 4.0 (RFC 2426, RFC 6350), read with ical.js (Mozilla's parser: line unfolding, escapes,
 * parameters, both versions). Cards written by Touchpoint carry our contact id in UID and the kind and
 * stage in NOTE, so a vCard export comes back as the same contacts.
 */

const UUID = /^urn:uuid:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
/** The NOTE line of our own export (utils/export/vcard.ts). */
const OUR_NOTE = /^Touchpoint (lead|prospect) \(([a-z-]+)\); source (\S*)$/;

type Jcard = [string, unknown[], unknown[]];

function text(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return text(v.filter((x) => x !== '' && x !== null).join(' '));
  const s = String(v).trim();
  return s || undefined;
}

function personOf(component: ICAL.Component, n: number): ImportedPerson {
  const p = emptyPerson(n);
  const value = (name: string) => component.getFirstPropertyValue(name);
  const values = (name: string) => component.getAllProperties(name).flatMap((prop) => prop.getValues());

  const uid = text(value('uid'));
  const ours = uid ? UUID.exec(uid) : null;
  if (ours) p.id = ours[1]!.toLowerCase();
  else if (uid?.startsWith('urn:touchpoint:')) p.id = decodeURIComponent(uid.slice('urn:touchpoint:'.length));
  else p.key = uid;

  p.name = text(value('fn'));
  const nameParts = value('n');
  if (Array.isArray(nameParts)) {
    p.lastName = text(nameParts[0]);
    p.firstName = text([nameParts[1], nameParts[2]]);
  }
  const org = value('org');
  p.company = text(Array.isArray(org) ? org[0] : org);
  p.jobTitle = text(value('title'));
  p.emails = emailsOf(values('email').map(text));
  p.phones = values('tel').map((t) => phoneOf(text(t))).filter((x): x is string => !!x);
  p.links = [...values('url'), ...values('x-socialprofile')].map((u) => linkOf(text(u))).filter((x): x is string => !!x);
  const adr = value('adr');
  if (Array.isArray(adr)) p.location = cleanLine([adr[3], adr[4], adr[6]].map(text).filter(Boolean).join(', '));
  p.tags = values('categories').map(text).filter((x): x is string => !!x);
  // ical.js leaves "\;" escaped in 4.0 TEXT values (RFC 6350 escapes it); a note means the character.
  for (const note of values('note').map((v) => text(v)?.replace(/\\([;,])/g, '$1'))) {
    const m = note ? OUR_NOTE.exec(note) : null;
    if (m) {
      p.kind = m[1] as ImportedPerson['kind'];
      p.stage = m[2];
      if (m[3]) p.sourceUrl = m[3];
    } else if (note) p.notes.push(note);
  }
  const rev = value('rev');
  p.updatedAt = parseDate(text(rev?.toString()));
  return p;
}

export function parseVcard(text: string, opts: ParseOptions): ImportBatch {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ImportError(`This vCard file is damaged (${(e as Error).message}). Nothing was imported.`);
  }
  const cards = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as Jcard[];
  if (!cards.length || cards.some((c) => c[0] !== 'vcard')) {
    throw new ImportError('This file holds no vCard (BEGIN:VCARD … END:VCARD). Nothing was imported.');
  }
  const people = cards.map((c, i) => personOf(new ICAL.Component(c), i + 1));
  // Our own cards say the kind and stage a person chose; other address books do not.
  const ours = people.every((p) => p.kind !== undefined);
  return batchFromPeople('vcard', people, opts, ours);
}

import type { Contact } from '../model';
import { nameParts } from './csv';

/**
 * vCard 4.0 (RFC 6350). Text values escape backslash, comma, semicolon and newlines (§3.4), so a
 * hostile name cannot end the card or add properties; lines fold at 75 octets without splitting a
 * UTF-8 character (§3.2); CRLF line ends.
 */

/** A TEXT value (or one component of a structured value). */
export function escapeText(v: string): string {
  return v
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n')
    // Other control characters have no place in a vCard.
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** A URI value: not escaped, but stripped of what could break the line or the content line syntax. */
function uriValue(v: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return v.replace(/[\u0000-\u0020\u007f]/g, (ch) => (ch === ' ' ? '%20' : ''));
}

const encoder = new TextEncoder();

export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    if (bytes + n > limit) {
      parts.push(current);
      current = '';
      bytes = 0;
      limit = 74; // continuation lines start with a space
    }
    current += ch;
    bytes += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function timestamp(iso: string): string | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function contactToVcard(c: Contact): string {
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:4.0'];
  const uid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(c.id) ? `urn:uuid:${c.id}` : `urn:touchpoint:${encodeURIComponent(c.id)}`;
  lines.push(`UID:${uid}`);
  lines.push(`FN:${escapeText(c.name)}`);
  // N: family; given; additional; prefixes; suffixes — split the same way as the CSV's name columns
  const { first, last } = nameParts(c);
  lines.push(`N:${escapeText(last)};${escapeText(first)};;;`);
  if (c.company) lines.push(`ORG:${escapeText(c.company)}`);
  if (c.jobTitle) lines.push(`TITLE:${escapeText(c.jobTitle)}`);
  for (const e of c.emails) lines.push(`EMAIL:${escapeText(e)}`);
  for (const p of c.phones) {
    lines.push(/^\+\d{4,15}$/.test(p) ? `TEL;VALUE=uri:tel:${p}` : `TEL;VALUE=text:${escapeText(p)}`);
  }
  // ADR: po box; extended; street; locality; region; code; country. A free-text location is a locality.
  if (c.location) lines.push(`ADR:;;;${escapeText(c.location)};;;`);
  for (const l of c.links) if (/^https?:\/\//i.test(l)) lines.push(`URL:${uriValue(l)}`);
  if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map(escapeText).join(',')}`);
  lines.push(`NOTE:${escapeText(`Touchpoint ${c.kind} (${c.stage}); source ${c.source.url}`)}`);
  const rev = timestamp(c.updatedAt);
  if (rev) lines.push(`REV:${rev}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export function contactsToVcard(contacts: Iterable<Contact>): string {
  let out = '';
  for (const c of contacts) out += contactToVcard(c);
  return out;
}

/**
 * Dates as CRMs and address books write them, to ISO 8601 (UTC). Anything else is "no date": an
 * undated record never wins a conflict against a saved one, which is the safe side.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 59) return undefined;
  const t = Date.UTC(y, m - 1, d, hh, mm, ss);
  const date = new Date(t);
  if (date.getUTCDate() !== d) return undefined; // 31 Feb
  return date.toISOString();
}

export function parseDate(raw: string | undefined): string | undefined {
  const s = raw?.trim();
  if (!s) return undefined;
  // ISO with a zone (Salesforce API, vCard REV as ical.js gives it): trust Date.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  }
  // 2024-03-12, 2024-03-12 09:14(:00) (HubSpot), 20240312T091400Z (vCard basic form)
  let m = /^(\d{4})-?(\d{2})-?(\d{2})(?:[ T](\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?Z?)?$/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  // 15 Mar 2024 (LinkedIn)
  m = /^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*[ -](\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    return month ? iso(+m[3]!, month, +m[1]!) : undefined;
  }
  // 3/12/2024, 3/12/2024 9:14 AM (US-style report exports)
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(s);
  if (m) {
    let hh = +(m[4] ?? 0);
    const ampm = m[7]?.toLowerCase();
    if (ampm === 'pm' && hh < 12) hh += 12;
    if (ampm === 'am' && hh === 12) hh = 0;
    return iso(+m[3]!, +m[1]!, +m[2]!, hh, +(m[5] ?? 0), +(m[6] ?? 0));
  }
  return undefined;
}

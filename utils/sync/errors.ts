/**
 * Error text that is stored, shown in the side panel and options, and exported: short, and scrubbed of
 * anything that looks like a credential. A CRM that echoes the Authorization header, a token in a URL,
 * a webhook secret in an error message must never reach the DOM or the JSON export.
 */

export const MAX_ERROR_LENGTH = 160;

const CREDENTIAL_PATTERNS: RegExp[] = [
  // Authorization headers and schemes: "Bearer abc…", "Basic abc…", "Authorization: …"
  /\b(authorization|proxy-authorization)\b\s*[:=]\s*("[^"]*"|'[^']*'|[^\s,;}]+(\s+[^\s,;}]+)?)/gi,
  /\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
  // key=value / "key": "value" for names that hold secrets
  /\b([a-z_-]*(token|secret|password|passwd|api[_-]?key|apikey|access[_-]?key|signature|auth|session|cookie)[a-z_-]*)("?\s*[:=]\s*"?)([^\s",;&}]+)/gi,
  // well-known credential shapes
  /\bwhsec_[A-Za-z0-9+/=]+/g,
  /\bpat-[a-z0-9]{2,4}-[A-Za-z0-9-]{8,}/gi,
  /\b(sk|pk|rk)_(live|test)_[A-Za-z0-9]{8,}/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]+)?/g,
  // user:password@ in URLs
  /\/\/[^/\s:@]+:[^/\s@]+@/g,
];

/** Long runs of hex/base64 (keys, tokens, signatures) that no human-readable error needs. */
const LONG_OPAQUE = /\b[A-Za-z0-9+/_=-]{32,}\b/g;

export function scrubError(text: string, max = MAX_ERROR_LENGTH): string {
  // control characters (a header echoed with its line breaks) become spaces
  let s = [...text.slice(0, 4000)].map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? ' ' : ch)).join('');
  for (const p of CREDENTIAL_PATTERNS) {
    s = s.replace(p, (m, ...groups) => {
      // key=value: keep the key so the error still says what was wrong
      if (p.source.includes('password|passwd') && typeof groups[0] === 'string' && typeof groups[2] === 'string') {
        return `${groups[0]}${groups[2]}[redacted]`;
      }
      if (m.startsWith('//')) return '//[redacted]@';
      return '[redacted]';
    });
  }
  s = s.replace(LONG_OPAQUE, '[redacted]');
  s = s.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * A short reason from an error response, never the body verbatim: the `message`/`error`/`detail` field
 * of a JSON body when there is one (scrubbed, cut), else nothing.
 */
export function reasonFromBody(body: string): string | undefined {
  if (!body || body.length > 100_000) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  for (const key of ['message', 'error', 'detail', 'title', 'error_description']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return scrubError(v, 80);
    if (v && typeof v === 'object' && typeof (v as Record<string, unknown>).message === 'string') {
      return scrubError((v as { message: string }).message, 80);
    }
  }
  return undefined;
}

import { describe, expect, it } from 'vitest';
import { keepSecrets, SECRET_ROTATION_MS } from '../../utils/store/settings';
import { reasonFromBody, scrubError } from '../../utils/sync/errors';
import { classifyStatus, readAck, webhookDestination } from '../../utils/sync/webhook';

describe('stored error text', () => {
  it('is short and carries no credentials', () => {
    const cases = [
      'Authorization: Bearer abcdefghijklmnop rejected',
      'bad token=9f8e7d6c5b4a39281706 for user',
      '{"api_key": "AKIAIOSFODNN7EXAMPLE"}',
      'signature whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw invalid',
      'HubSpot said pat-eu1-12345678-abcd-ef01-2345-6789abcdef01 expired',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N',
      'https://user:hunter2@crm.example/api failed',
      `opaque ${'A1b2C3d4'.repeat(6)} here`,
    ];
    for (const c of cases) {
      const out = scrubError(c);
      expect(out, c).toContain('[redacted]');
      for (const secret of ['abcdefghijklmnop', '9f8e7d6c5b4a39281706', 'AKIAIOSFODNN7EXAMPLE', 'MfKQ9r8G', 'pat-eu1-1234', 'eyJhbGci', 'hunter2', 'A1b2C3d4A1b2']) expect(out).not.toContain(secret);
    }
    expect(scrubError('x'.repeat(1000)).length).toBeLessThanOrEqual(160);
    expect(scrubError('HTTP 500: upstream timeout')).toBe('HTTP 500: upstream timeout');
  });

  it('takes only the message field of a JSON error body, never the body itself', () => {
    expect(reasonFromBody('{"error":{"message":"email is invalid","trace":"…"}}')).toBe('email is invalid');
    expect(reasonFromBody('<html><body>Internal error, token=abc</body></html>')).toBeUndefined();
    expect(reasonFromBody('{"message":"Bearer s3cr3tvalue123 was refused"}')).not.toContain('s3cr3tvalue123');
  });
});

describe('what a webhook answer means', () => {
  const kind = (status: number, retryAfter: string | null = null) => classifyStatus(status, '', retryAfter, 0);
  it('maps each status to one failure kind', () => {
    expect(kind(301).kind).toBe('retryable');
    expect(kind(302).error).toMatch(/redirect/);
    expect(kind(401).kind).toBe('auth');
    expect(kind(403).kind).toBe('auth');
    expect(kind(413).kind).toBe('too-large');
    expect(kind(429, '60')).toEqual({ kind: 'rate-limited', error: 'HTTP 429', retryAfterMs: 60_000 });
    expect(kind(503, '5')).toMatchObject({ kind: 'retryable', retryAfterMs: 5000 });
    for (const s of [408, 409, 500, 502]) expect(kind(s).kind).toBe('retryable');
    for (const s of [400, 404, 410, 422]) expect(kind(s).kind).toBe('poison');
  });
  it('a 2xx is a delivery only with a valid acknowledgement', () => {
    expect(readAck(200, '{"ok":true}', ['a', 'b'])).toMatchObject({ kind: 'results', results: [{ id: 'a', ok: true }, { id: 'b', ok: true }] });
    expect(readAck(200, 'OK', ['a']).kind).toBe('failed');
    expect(readAck(204, '', ['a']).kind).toBe('failed');
    expect(readAck(200, '{"results":[{"id":"a","status":"rejected","error":"no email"}]}', ['a'])).toMatchObject({
      results: [{ id: 'a', ok: false, failure: { kind: 'poison', error: 'refused: no email' } }],
    });
  });
  it('the destination identity follows the URL, not the connector type', () => {
    expect(webhookDestination('https://a.example/hook')).toMatch(/^webhook:[0-9a-f]{16}$/);
    expect(webhookDestination('https://a.example/hook')).toBe(webhookDestination('https://a.example/hook'));
    expect(webhookDestination('https://a.example/hook')).not.toBe(webhookDestination('https://b.example/hook'));
  });
});

describe('webhook secret rotation', () => {
  const url = 'https://hooks.example/t';
  it('a new secret for the same URL keeps the old one signing for a day; another URL starts clean', () => {
    const stored = { type: 'webhook' as const, url, secret: 'whsec_old' };
    const rotated = keepSecrets({ type: 'webhook', url, secret: 'whsec_new' }, stored, 1000);
    expect(rotated).toEqual({ type: 'webhook', url, secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretUntil: 1000 + SECRET_ROTATION_MS });
    // saving again without a secret keeps both while the rotation lasts, and drops the old one after
    expect(keepSecrets({ type: 'webhook', url }, rotated, 2000)).toMatchObject({ secret: 'whsec_new', previousSecret: 'whsec_old' });
    expect(keepSecrets({ type: 'webhook', url }, rotated, 2000 + SECRET_ROTATION_MS)).toEqual({ type: 'webhook', url, secret: 'whsec_new' });
    expect(keepSecrets({ type: 'webhook', url: 'https://other.example/t' }, rotated, 2000)).toEqual({ type: 'webhook', url: 'https://other.example/t' });
  });
});

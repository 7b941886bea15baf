import { describe, expect, it } from 'vitest';
import { toErrorResult } from '../../utils/messaging/errors';
import { NotFoundError, StorageError, toStorageError } from '../../utils/store';
import { touchpointTypeFor } from '../../utils/store/contacts';

describe('storage errors', () => {
  it('a quota failure, also when it aborts a transaction, reads as "no room left"', () => {
    const quota = new DOMException('Quota exceeded', 'QuotaExceededError');
    const abort = Object.assign(new DOMException('aborted', 'AbortError'), { error: quota });
    for (const e of [quota, abort]) {
      const s = toStorageError(e);
      expect(s.reason).toBe('quota');
      expect(s.message).toMatch(/no room left/);
      expect(toErrorResult(e)).toEqual({ ok: false, error: { code: 'storage', message: s.message } });
    }
  });

  it('other IndexedDB failures are storage errors; a missing record is not-found; a bug is internal', () => {
    expect(toErrorResult(new DOMException('x', 'InvalidStateError')).error.code).toBe('storage');
    expect(toErrorResult(new StorageError('m', 'blocked')).error).toEqual({ code: 'storage', message: 'm' });
    expect(toErrorResult(new NotFoundError('gone')).error).toEqual({ code: 'not-found', message: 'gone' });
    expect(toErrorResult(new TypeError('oops')).error.code).toBe('internal');
  });
});

describe('touchpoint type of a save', () => {
  const page = { url: 'https://x.test', site: 'generic' };
  it('follows what the page was', () => {
    expect(touchpointTypeFor({ ...page, campaign: { source: 'newsletter' } }, 'profile')).toBe('campaign-response');
    expect(touchpointTypeFor({ ...page, email: { subject: 'Hi' } }, 'sender')).toBe('email-received');
    expect(touchpointTypeFor({ ...page, email: { subject: 'Hi' } }, 'recipient')).toBe('email-replied');
    expect(touchpointTypeFor(page, 'profile')).toBe('profile-view');
    expect(touchpointTypeFor(page, 'listed')).toBe('web-visit');
  });
});

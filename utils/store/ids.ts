/** Random ids (UUID v4): unique across devices, so imports and CRM idempotency keys never collide. */
export function newId(): string {
  return crypto.randomUUID();
}

export function nowIso(clock: () => number = Date.now): string {
  return new Date(clock()).toISOString();
}

/**
 * An outbox entry's id (its event id): a UUID v7 (RFC 9562) whose time fields are the entry's queue position, in ms
 * and, in the 12 sub-millisecond bits, its 1/1024 ms steps (RFC 9562 method 3), followed by 62 random bits. Unique
 * across devices like `newId`, and sorted as the queue is: an acknowledged batch is then one range of keys, which
 * IndexedDB deletes with one request (a hundred single deletes cost the drain more than everything else it does).
 */
export function queueId(position: number): string {
  const steps = Math.max(0, Math.round(position * 1024));
  const ms = Math.min(Math.floor(steps / 1024), 2 ** 48 - 1);
  const sub = (steps - Math.floor(steps / 1024) * 1024) * 4;
  const r = crypto.getRandomValues(new Uint8Array(10));
  const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
  const rand = [...r].map((b) => hex(b, 2)).join('');
  const time = hex(ms, 12);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(sub, 3)}-${hex(0x8 | (r[0]! & 0x3), 1)}${rand.slice(2, 5)}-${rand.slice(5, 17)}`;
}

/** Random ids (UUID v4): unique across devices, so imports and CRM idempotency keys never collide. */
export function newId(): string {
  return crypto.randomUUID();
}

export function nowIso(clock: () => number = Date.now): string {
  return new Date(clock()).toISOString();
}

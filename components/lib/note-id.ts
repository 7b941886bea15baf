/** A note's id, minted when its draft starts (not at its first save): saving it twice, or after a reopen, is one note. */
export function mintNoteId(): string {
  return `n-${crypto.randomUUID()}`;
}

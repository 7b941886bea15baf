import type { Collected } from './types';

/**
 * A first answer on a very large page. Refining a directory of thousands takes seconds (phone parsing, merge), so the
 * popup first asks for the start of the page — the text blocks people scroll to first, plus the page's closing
 * non-card blocks (the footer names the organisation) — shows those cards at once, and asks for the whole page
 * meanwhile. On a page with fewer blocks than that, the first answer is the whole answer.
 */
export const QUICK_TEXT_BLOCKS = 300;
/** closing blocks kept for the organisation's name and copyright line */
const TAIL_BLOCKS = 20;

export function startOfPage(collected: Collected, blocks = QUICK_TEXT_BLOCKS): { collected: Collected; partial: boolean } {
  const all = collected.raw?.textBlocks ?? [];
  if (all.length <= blocks + TAIL_BLOCKS) return { collected, partial: false };
  // cards at the very end are people far down the list: they come with the whole page, in their place
  const tail = all.slice(-TAIL_BLOCKS).filter((b) => !b.card);
  return { collected: { ...collected, raw: { ...collected.raw, textBlocks: [...all.slice(0, blocks), ...tail] } }, partial: true };
}

/**
 * extract --batch: many pages in one process. One JSON object a line in ({"url", "file"}), one a line out, in the same
 * order: {"file", "capture"} or {"file", "error"}. A bad line (not JSON, a missing field, a bad URL, an unreadable
 * file, a page the capture chokes on) gives its error line and the batch goes on; it never ends the process.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { collect } from '../../utils/capture/collect';
import { refine } from '../../utils/capture/refine';
import type { Capture } from '../../utils/model/capture';

export type BatchAnswer = { file: string | null; capture: Capture } | { file: string | null; error: string; line?: number };

export interface PageRequest {
  url: string;
  file: string;
}

/** Why a URL cannot be a page's address, or null when it can. */
export function badUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? null : `bad URL: ${url} (http or https only)`;
  } catch {
    return `bad URL: ${url}`;
  }
}

/** Capture one saved page at its URL: jsdom at the URL, no scripts run, then collect → refine as the extension does. */
export function capturePage(html: string, url: string, ownDomains: string[]): Capture {
  const dom = new JSDOM(html, { url, contentType: 'text/html' });
  try {
    return refine(collect(dom.window.document, url), { ownDomains });
  } finally {
    dom.window.close();
  }
}

/** Read one request line; a string is the error to report. */
export function parseRequest(line: string): PageRequest | { error: string; file: string | null } {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return { error: 'not a JSON object: expected {"url": "...", "file": "..."}', file: null };
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { error: 'not a JSON object: expected {"url": "...", "file": "..."}', file: null };
  const { url, file } = o as Record<string, unknown>;
  const named = typeof file === 'string' ? file : null;
  if (typeof file !== 'string' || !file) return { error: 'missing "file" (the saved page to read)', file: null };
  if (typeof url !== 'string' || !url) return { error: 'missing "url" (the address the page was saved from)', file: named };
  const why = badUrl(url);
  return why ? { error: why, file: named } : { url, file };
}

/** Answer one request line. Never throws. */
export function answerLine(line: string, lineNo: number, ownDomains: string[]): BatchAnswer {
  const req = parseRequest(line);
  if ('error' in req) return { file: req.file, error: req.error, line: lineNo };
  let html: string;
  try {
    html = readFileSync(req.file, 'utf8');
  } catch (e) {
    return { file: req.file, error: `cannot read ${req.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
  }
  try {
    return { file: req.file, capture: capturePage(html, req.url, ownDomains) };
  } catch (e) {
    return { file: req.file, error: `capture failed: ${(e instanceof Error ? e.message : String(e)).slice(0, 300)}` };
  }
}

/** Run the batch over lines as they arrive; blank lines are skipped. Returns how many pages failed. */
export async function runBatch(lines: AsyncIterable<string>, write: (line: string) => void, ownDomains: string[] = []): Promise<number> {
  let n = 0;
  let failed = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    const answer = answerLine(line, n, ownDomains);
    if ('error' in answer) failed++;
    write(`${JSON.stringify(answer)}\n`);
  }
  return failed;
}

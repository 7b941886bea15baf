/**
 * extract: run the extension's capture code on saved pages and print the Capture JSON.
 *
 *   npm run --silent extract -- --url https://www.linkedin.com/in/someone/ page.html
 *   npm run --silent extract -- --batch < pages.jsonl
 *
 * One page: the DOM is built with jsdom at the given URL, then collect → refine exactly as the extension runs them.
 * Usage errors (missing argument, bad URL, unreadable file): one line on stderr, exit code 2.
 * --batch: one JSON object a line on stdin ({"url", "file"}), one a line on stdout ({"file", "capture"} or
 * {"file", "error"}), in order, in one process; a bad line gives an error line and the batch goes on (exit code 0).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { badUrl, capturePage, runBatch } from './extract/batch';

const USAGE = 'usage: extract --url URL [--own-domain DOMAIN] FILE.html | extract --batch [--own-domain DOMAIN] < lines';

function fail(message: string): never {
  process.stderr.write(`extract: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { url?: string; file?: string; batch: boolean; ownDomains: string[] } {
  let url: string | undefined;
  let file: string | undefined;
  let batch = false;
  const ownDomains: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') url = argv[++i];
    else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '--batch') batch = true;
    else if (a === '--own-domain') ownDomains.push(argv[++i] ?? '');
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('--')) fail(`unknown option ${a} (${USAGE})`);
    else if (!file) file = a;
    else fail(`unexpected argument ${a} (${USAGE})`);
  }
  if (batch) {
    if (url || file) fail(`--batch reads its pages from stdin, one {"url", "file"} a line (${USAGE})`);
    return { batch, ownDomains: ownDomains.filter(Boolean) };
  }
  if (!url) fail('missing --url URL (usage: extract --url URL FILE.html)');
  if (!file) fail('missing FILE.html (usage: extract --url URL FILE.html)');
  const why = badUrl(url);
  if (why) fail(why);
  return { url, file, batch, ownDomains: ownDomains.filter(Boolean) };
}

const args = parseArgs(process.argv.slice(2));
if (args.batch) {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  await runBatch(lines, (line) => process.stdout.write(line), args.ownDomains);
} else {
  let html: string;
  try {
    html = readFileSync(args.file!, 'utf8');
  } catch (e) {
    fail(`cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // No scripts run, no resources load: the saved page is data, as in the extension where capture only reads.
  process.stdout.write(`${JSON.stringify(capturePage(html, args.url!, args.ownDomains), null, 2)}\n`);
}

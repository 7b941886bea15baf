/**
 * extract: run the extension's capture code on a saved page and print the Capture JSON.
 *
 *   npm run --silent extract -- --url https://www.linkedin.com/in/someone/ page.html
 *
 * The DOM is built with jsdom at the given URL, then collect → refine exactly as the extension runs them.
 * Usage errors (missing argument, bad URL, unreadable file): one line on stderr, exit code 2.
 */
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { collect } from '../utils/capture/collect';
import { refine } from '../utils/capture/refine';

function fail(message: string): never {
  process.stderr.write(`extract: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): { url: string; file: string; ownDomains: string[] } {
  let url: string | undefined;
  let file: string | undefined;
  const ownDomains: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') url = argv[++i];
    else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '--own-domain') ownDomains.push(argv[++i] ?? '');
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: extract --url URL [--own-domain DOMAIN] FILE.html\n');
      process.exit(0);
    } else if (a.startsWith('--')) fail(`unknown option ${a} (usage: extract --url URL FILE.html)`);
    else if (!file) file = a;
    else fail(`unexpected argument ${a} (usage: extract --url URL FILE.html)`);
  }
  if (!url) fail('missing --url URL (usage: extract --url URL FILE.html)');
  if (!file) fail('missing FILE.html (usage: extract --url URL FILE.html)');
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    fail(`bad URL: ${url}`);
  }
  return { url, file, ownDomains: ownDomains.filter(Boolean) };
}

const { url, file, ownDomains } = parseArgs(process.argv.slice(2));
let html: string;
try {
  html = readFileSync(file, 'utf8');
} catch (e) {
  fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
}
// No scripts run, no resources load: the saved page is data, as in the extension where capture only reads.
const dom = new JSDOM(html, { url, contentType: 'text/html' });
const collected = collect(dom.window.document, url);
const result = refine(collected, { ownDomains });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
dom.window.close();

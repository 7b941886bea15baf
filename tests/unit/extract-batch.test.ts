// `npm run extract -- --batch`: one JSON line in, one JSON line out, one process for any number of pages; a bad line
// gives an error line and never ends the batch.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerLine, parseRequest, runBatch } from '../../scripts/extract/batch';
import { Capture } from '../../utils/model';
import { ROOT } from './sites-load';

const PROFILE = { url: 'https://www.linkedin.com/in/maya-lindqvist-4b21a9/', file: 'tests/fixtures/capture/linkedin-profile.html' };
const TEAM = { url: 'https://www.harborlight.example/about/team', file: 'tests/fixtures/capture/team-jsonld.html' };

async function* from(lines: string[]): AsyncIterable<string> {
  for (const l of lines) yield l;
}

describe('extract --batch', () => {
  it('reads a request line, and says what is wrong with a bad one', () => {
    expect(parseRequest(JSON.stringify(PROFILE))).toEqual(PROFILE);
    expect(parseRequest('not json')).toMatchObject({ error: expect.stringMatching(/not a JSON object/), file: null });
    expect(parseRequest('[1,2]')).toMatchObject({ error: expect.stringMatching(/not a JSON object/) });
    expect(parseRequest('{"url":"https://a.example/"}')).toMatchObject({ error: expect.stringMatching(/missing "file"/) });
    expect(parseRequest('{"file":"a.html"}')).toEqual({ error: expect.stringMatching(/missing "url"/), file: 'a.html' });
    expect(parseRequest('{"file":"a.html","url":"javascript:alert(1)"}')).toEqual({ error: expect.stringMatching(/bad URL/), file: 'a.html' });
  });

  it('answers every line in order, captures valid under the schema, errors beside them, and goes on', async () => {
    const out: string[] = [];
    const lines = [
      JSON.stringify(PROFILE),
      '{"url": "https://a.example/", "file": "tests/fixtures/does-not-exist.html"}',
      '',
      'garbage',
      JSON.stringify(TEAM),
    ];
    const failed = await runBatch(from(lines), (l) => out.push(l));
    expect(failed).toBe(2);
    expect(out.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true);
    const answers = out.map((l) => JSON.parse(l));
    expect(answers).toHaveLength(4); // the blank line is skipped
    expect(answers[0].file).toBe(PROFILE.file);
    expect(Capture.safeParse(answers[0].capture).success).toBe(true);
    expect(answers[0].capture.site).toBe('linkedin-profile');
    expect(answers[1]).toEqual({ file: 'tests/fixtures/does-not-exist.html', error: expect.stringMatching(/cannot read .*ENOENT/) });
    expect(answers[2]).toEqual({ file: null, error: expect.stringMatching(/not a JSON object/), line: 4 });
    expect(answers[3].file).toBe(TEAM.file);
    expect(answers[3].capture.people.length).toBeGreaterThan(1);
  });

  it('turns a page the capture cannot take into an error line (a directory as the file)', () => {
    expect(answerLine(JSON.stringify({ url: 'https://a.example/', file: 'tests' }), 1, [])).toMatchObject({ file: 'tests', error: expect.any(String) });
  });

  it('runs as one CLI process over stdin, exit code 0 even with bad lines', () => {
    const input = [JSON.stringify(PROFILE), '{oops', JSON.stringify(TEAM)].join('\n') + '\n';
    const stdout = execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/extract.ts', '--batch'], { cwd: ROOT, input, encoding: 'utf8' });
    const answers = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(answers.map((a) => ('capture' in a ? 'capture' : 'error'))).toEqual(['capture', 'error', 'capture']);
    expect(answers[2].capture.url).toBe(TEAM.url);
  }, 60_000);
});

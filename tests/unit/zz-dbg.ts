import { readFileSync } from 'node:fs';
import { collect } from '/work/wt/capture-lines/utils/capture/collect';
import { docOf } from '/work/wt/capture-lines/tests/unit/capture-helpers';
const [id, ...needles] = process.argv.slice(2);
const j = JSON.parse(readFileSync(`/work/wt/capture-lines/tests/fixtures/webstruct/dev/${id}.json`, 'utf8'));
const c = collect(docOf(readFileSync(`/work/wt/capture-lines/tests/fixtures/webstruct/dev/${id}.html`, 'utf8'), j.url), j.url);
for (const b of c.raw.textBlocks) if (needles.some((n) => b.text.includes(n))) console.log(JSON.stringify(b).slice(0, 400));

/**
 * Writes docs/schemas/<name>.json from the zod schemas of the webhook contract (utils/model/events.ts).
 * `npm run schemas` after changing them; tests/unit/sync-webhook-contract.test.ts fails when the files are stale.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { eventSchemaFiles } from '../utils/model/event-schemas';

const dir = path.resolve(import.meta.dirname, '../docs/schemas');
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(eventSchemaFiles())) {
  writeFileSync(path.join(dir, file), text);
  console.log(`wrote docs/schemas/${file}`);
}

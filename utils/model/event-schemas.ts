import { z } from 'zod';
import { PUBLISHED_SCHEMAS } from './events';

/** docs/schemas/<name>.json: JSON Schema (draft 2020-12) of each published zod schema, as file name → text. */
export function eventSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, schema] of Object.entries(PUBLISHED_SCHEMAS)) {
    const json = z.toJSONSchema(schema, { io: 'output' });
    out[`${name}.json`] = `${JSON.stringify({ $id: `https://touchpoint.invalid/schemas/${name}.json`, title: name, ...json }, null, 2)}\n`;
  }
  return out;
}

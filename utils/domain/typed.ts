import { looksLikeEmail } from './email';
import { webLink } from './link';

/**
 * What a value typed by hand must look like: one rule for the side panel's form (said at once, beside the field) and
 * the store (which refuses it whatever page sent it). Returns a sentence for the user, or undefined when it is fine.
 */
export type TypedField = 'emails' | 'phones' | 'links' | 'tags' | 'name';

export function typedValueProblem(field: TypedField, value: string): string | undefined {
  const v = value.trim();
  if (field === 'name') return v ? undefined : 'A contact needs a name.';
  if (!v) return undefined;
  if (field === 'emails') return looksLikeEmail(v) ? undefined : `“${v}” is not an email address.`;
  if (field === 'links') return webLink(v) ? undefined : `“${v}” is not a web address (http or https).`;
  if (field === 'phones') return (v.match(/\d/g) ?? []).length >= 5 && /^[+\d\s().\-/]+$/.test(v) ? undefined : `“${v}” is not a phone number.`;
  return v.length > 64 ? `The tag “${v.slice(0, 20)}…” is longer than 64 characters.` : undefined;
}

/** Every problem of a set of typed values, in field order. */
export function typedProblems(values: Partial<Record<TypedField, readonly string[]>>): string[] {
  const out: string[] = [];
  for (const field of ['name', 'emails', 'phones', 'links', 'tags'] as const) {
    for (const v of values[field] ?? []) {
      const p = typedValueProblem(field, v);
      if (p) out.push(p);
    }
  }
  return out;
}

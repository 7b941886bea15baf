import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

/**
 * Contract checks for the CRM connectors: every request body is checked against the official client
 * packages' generated models, so a field name or type we guessed fails a test instead of a user's sync.
 *
 *  - HubSpot (`@hubspot/api-client`): each model class lists its fields in `attributeTypeMap`, with the
 *    wire name (`baseName`) and a type string ("string", "Array<X>", "{ [key: string]: string; }", a model
 *    or enum name). Enums are exported beside their model.
 *  - Pipedrive (`pipedrive`): the models are TypeScript interfaces only, so their declaration files are
 *    read with the TypeScript compiler: each property's name and type, intersections (`A & B`) and the
 *    `as const` enums included.
 *
 * Both are strict: a field the model does not declare is an error (even where the model has an index
 * signature), and so is a value of the wrong type.
 */

const require = createRequire(import.meta.url);

// ---------- HubSpot ----------

interface HubspotAttr {
  name: string;
  baseName: string;
  type: string;
}

const hubspotRoot = path.dirname(require.resolve('@hubspot/api-client/package.json'));

/** `area` is the codegen folder under lib/codegen (e.g. "crm/contacts", "crm/objects/notes", "crm/associations/v4"). */
function hubspotModel(area: string, name: string): { attrs?: HubspotAttr[]; enumValues?: string[] } {
  const file = path.join(hubspotRoot, 'lib/codegen', area, 'models', 'all.js');
  const all = require(file) as Record<string, unknown>;
  const m = all[name] as { attributeTypeMap?: HubspotAttr[] } | Record<string, string> | undefined;
  if (!m) throw new Error(`HubSpot model ${name} not found in ${area}`);
  if (typeof m === 'function' || 'attributeTypeMap' in m) return { attrs: (m as { attributeTypeMap: HubspotAttr[] }).attributeTypeMap };
  return { enumValues: Object.values(m as Record<string, string>) };
}

function checkHubspotType(area: string, type: string, value: unknown, at: string, errors: string[]): void {
  const t = type.trim();
  if (t === 'any') return;
  if (t === 'string') {
    if (typeof value !== 'string') errors.push(`${at}: expected string, got ${JSON.stringify(value)}`);
    return;
  }
  if (t === 'number') {
    if (typeof value !== 'number') errors.push(`${at}: expected number, got ${JSON.stringify(value)}`);
    return;
  }
  if (t === 'boolean') {
    if (typeof value !== 'boolean') errors.push(`${at}: expected boolean, got ${JSON.stringify(value)}`);
    return;
  }
  if (t === 'Date') {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) errors.push(`${at}: expected a date-time string`);
    return;
  }
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) {
    if (!Array.isArray(value)) errors.push(`${at}: expected an array`);
    else value.forEach((v, i) => checkHubspotType(area, arr[1]!, v, `${at}[${i}]`, errors));
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(t);
  if (map) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) errors.push(`${at}: expected an object map`);
    else for (const [k, v] of Object.entries(value)) checkHubspotType(area, map[1]!, v, `${at}.${k}`, errors);
    return;
  }
  const model = hubspotModel(area, t);
  if (model.enumValues) {
    if (!model.enumValues.includes(value as string)) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${model.enumValues.join(', ')}`);
    return;
  }
  checkHubspotObject(area, t, value, at, errors);
}

function checkHubspotObject(area: string, name: string, value: unknown, at: string, errors: string[]): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`${at}: expected a ${name} object`);
    return;
  }
  const attrs = hubspotModel(area, name).attrs!;
  const byWire = new Map(attrs.map((a) => [a.baseName, a]));
  for (const [k, v] of Object.entries(value)) {
    const a = byWire.get(k);
    if (!a) errors.push(`${at}.${k}: not a field of HubSpot's ${name} (${attrs.map((x) => x.baseName).join(', ')})`);
    else checkHubspotType(area, a.type, v, `${at}.${k}`, errors);
  }
}

/** Errors of `body` against HubSpot's model `name` in codegen folder `area`; empty when it conforms. */
export function hubspotContract(area: string, name: string, body: unknown): string[] {
  const errors: string[] = [];
  checkHubspotObject(area, name, body, name, errors);
  return errors;
}

// ---------- Pipedrive ----------

// The package exports no package.json: find its root from its main entry (dist/index.js).
const pipedriveRoot = path.resolve(path.dirname(require.resolve('pipedrive')), '..');

type PdType =
  | { kind: 'string' | 'number' | 'boolean' | 'any' | 'null' }
  | { kind: 'literal'; value: string }
  | { kind: 'array'; of: PdType }
  | { kind: 'union'; of: PdType[] }
  | { kind: 'object'; props: Map<string, { type: PdType; optional: boolean }>; name: string }
  | { kind: 'map'; of: PdType };

const parsed = new Map<string, ts.SourceFile>();

function sourceOf(version: string, file: string): ts.SourceFile {
  const full = path.join(pipedriveRoot, 'dist/versions', version, 'models', `${file}.d.ts`);
  let sf = parsed.get(full);
  if (!sf) {
    sf = ts.createSourceFile(full, ts.sys.readFile(full) ?? '', ts.ScriptTarget.Latest, true);
    parsed.set(full, sf);
  }
  return sf;
}

/** kebab-case file of a PascalCase model name, as the generator writes them. */
function fileOf(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

function resolveName(version: string, name: string, from: ts.SourceFile): PdType {
  // imported from another model file, or declared in this one
  let file = fileOf(name);
  for (const st of from.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      if (st.importClause.namedBindings.elements.some((e) => e.name.text === name)) file = (st.moduleSpecifier as ts.StringLiteral).text.replace(/^\.\//, '');
    }
  }
  return pipedriveType(version, file, name);
}

function typeOfNode(version: string, node: ts.TypeNode, sf: ts.SourceFile, ownerName: string): PdType {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return { kind: 'any' };
  }
  if (ts.isLiteralTypeNode(node)) {
    if (node.literal.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null' };
    if (ts.isStringLiteral(node.literal)) return { kind: 'literal', value: node.literal.text };
    return { kind: 'any' };
  }
  if (ts.isUnionTypeNode(node)) return { kind: 'union', of: node.types.map((t) => typeOfNode(version, t, sf, ownerName)) };
  if (ts.isArrayTypeNode(node)) return { kind: 'array', of: typeOfNode(version, node.elementType, sf, ownerName) };
  if (ts.isTypeReferenceNode(node)) {
    const name = node.typeName.getText(sf);
    if (name === 'Array' && node.typeArguments?.[0]) return { kind: 'array', of: typeOfNode(version, node.typeArguments[0], sf, ownerName) };
    if (name === 'Date') return { kind: 'string' };
    return resolveName(version, name, sf);
  }
  if (ts.isIndexedAccessTypeNode(node)) {
    // typeof XConst[keyof typeof XConst]: the values of an `as const` object declared in this file
    const objName = node.objectType.getText(sf).replace(/^typeof\s+/, '').replace(/[()]/g, '');
    return constValues(sf, objName);
  }
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { kind: 'map', of: typeOfNode(version, index.type, sf, ownerName) };
    return objectOf(version, node.members, sf, `${ownerName}{}`);
  }
  if (ts.isParenthesizedTypeNode(node)) return typeOfNode(version, node.type, sf, ownerName);
  return { kind: 'any' };
}

function constValues(sf: ts.SourceFile, name: string): PdType {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (d.name.getText(sf) !== name || !d.type || !ts.isTypeLiteralNode(d.type)) continue;
      const values = d.type.members.flatMap((m) =>
        ts.isPropertySignature(m) && m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? [{ kind: 'literal' as const, value: m.type.literal.text }] : [],
      );
      return { kind: 'union', of: values };
    }
  }
  return { kind: 'any' };
}

function objectOf(version: string, members: ts.NodeArray<ts.TypeElement>, sf: ts.SourceFile, name: string): PdType {
  const props = new Map<string, { type: PdType; optional: boolean }>();
  for (const m of members) {
    if (!ts.isPropertySignature(m) || !m.type) continue;
    const key = m.name.getText(sf).replace(/^['"]|['"]$/g, '');
    props.set(key, { type: typeOfNode(version, m.type, sf, name), optional: !!m.questionToken });
  }
  return { kind: 'object', props, name };
}

const cache = new Map<string, PdType>();

function pipedriveType(version: string, file: string, name: string): PdType {
  const key = `${version}/${file}#${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const sf = sourceOf(version, file);
  let out: PdType = { kind: 'any' };
  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) && st.name.text === name) out = objectOf(version, st.members, sf, name);
    if (ts.isTypeAliasDeclaration(st) && st.name.text === name) {
      if (ts.isIntersectionTypeNode(st.type)) {
        const props = new Map<string, { type: PdType; optional: boolean }>();
        for (const part of st.type.types) {
          const t = typeOfNode(version, part, sf, name);
          if (t.kind === 'object') for (const [k, v] of t.props) props.set(k, v);
        }
        out = { kind: 'object', props, name };
      } else out = typeOfNode(version, st.type, sf, name);
    }
  }
  cache.set(key, out);
  return out;
}

function describe(t: PdType): string {
  switch (t.kind) {
    case 'literal':
      return JSON.stringify(t.value);
    case 'array':
      return `Array<${describe(t.of)}>`;
    case 'union':
      return t.of.map(describe).join(' | ');
    case 'object':
      return t.name;
    case 'map':
      return `{ [key]: ${describe(t.of)} }`;
    default:
      return t.kind;
  }
}

function conforms(t: PdType, value: unknown, at: string, errors: string[]): void {
  switch (t.kind) {
    case 'any':
      return;
    case 'null':
      if (value !== null) errors.push(`${at}: expected null`);
      return;
    case 'string':
    case 'number':
    case 'boolean':
      if (typeof value !== t.kind) errors.push(`${at}: expected ${t.kind}, got ${JSON.stringify(value)}`);
      return;
    case 'literal':
      if (value !== t.value) errors.push(`${at}: expected ${JSON.stringify(t.value)}`);
      return;
    case 'array':
      if (!Array.isArray(value)) errors.push(`${at}: expected an array`);
      else value.forEach((v, i) => conforms(t.of, v, `${at}[${i}]`, errors));
      return;
    case 'union': {
      const ok = t.of.some((u) => {
        const e: string[] = [];
        conforms(u, value, at, e);
        return e.length === 0;
      });
      if (!ok) errors.push(`${at}: ${JSON.stringify(value)} is not ${describe(t)}`);
      return;
    }
    case 'map':
      if (!value || typeof value !== 'object') errors.push(`${at}: expected an object map`);
      else for (const [k, v] of Object.entries(value)) conforms(t.of, v, `${at}.${k}`, errors);
      return;
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        errors.push(`${at}: expected a ${t.name} object`);
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        const p = t.props.get(k);
        if (!p) errors.push(`${at}.${k}: not a field of Pipedrive's ${t.name} (${[...t.props.keys()].join(', ')})`);
        else conforms(p.type, v, `${at}.${k}`, errors);
      }
      for (const [k, p] of t.props) if (!p.optional && !(k in (value as object))) errors.push(`${at}.${k}: required by Pipedrive's ${t.name}`);
    }
  }
}

/** Errors of `body` against Pipedrive's model `name` (API `version` "v1" or "v2"); empty when it conforms. */
export function pipedriveContract(version: 'v1' | 'v2', name: string, body: unknown): string[] {
  const t = pipedriveType(version, fileOf(name), name);
  if (t.kind !== 'object' || t.props.size === 0) throw new Error(`Pipedrive model ${version}/${name} not found or empty`);
  const errors: string[] = [];
  conforms(t, body, name, errors);
  return errors;
}

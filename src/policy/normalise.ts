/**
 * Normal form of a policy document, so that two texts that mean the same compare equal:
 * - single strings become one-element arrays; Statement becomes a list;
 * - actions get their canonical case (`ECR:putimage` -> `ecr:PutImage`), are de-duplicated
 *   and sorted; resources and principal values are de-duplicated and sorted;
 * - an account principal `123456789012` becomes `arn:aws:iam::123456789012:root`;
 *   `{"AWS": "*"}` becomes `*` (AWS documents them as the same);
 * - condition values become arrays (order kept out of it: sorted as text).
 * Shape errors (wrong types, both Action and NotAction, ...) throw ShapeError with a JSON path.
 */
import { canonicalAction } from './catalogue.js';
import { canonicalAwsPrincipal } from './principal.js';
import { joinPath } from './parse.js';
import type {
  ConditionBlock,
  ConditionValue,
  PolicyDocument,
  PrincipalElement,
  Statement,
} from './types.js';

/** A structural problem at a JSON path (parsePolicy adds the line and column). */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly path: string,
    readonly suggestion?: string,
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

export const TOP_LEVEL_KEYS = ['Version', 'Id', 'Statement'] as const;
export const STATEMENT_KEYS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function stringList(value: unknown, path: string, what: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new ShapeError(`${what} is an empty list.`, 'empty-element', path);
  return list.map((v, i) => {
    if (typeof v !== 'string') {
      throw new ShapeError(
        `${what} must be a string or a list of strings; found ${describe(v)}.`,
        'invalid-type',
        Array.isArray(value) ? joinPath(path, i) : path,
      );
    }
    return v;
  });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `the ${typeof v} ${JSON.stringify(v)}`;
}

function uniqueSorted(values: string[], key: (s: string) => string = (s) => s): string[] {
  // each value's key once (a policy may list the same long wildcard action a hundred times)
  const seen = new Map<string, string>();
  for (const v of values) {
    const k = key(v);
    if (!seen.has(k)) seen.set(k, v);
  }
  return [...seen].sort((a, b) => byText(a[0], b[0])).map(([, v]) => v);
}

function normalisePrincipal(value: unknown, path: string): PrincipalElement {
  if (value === '*') return '*';
  if (!isObject(value)) {
    throw new ShapeError(
      `Principal must be "*" or an object such as {"AWS": "arn:aws:iam::123456789012:user/NAME"}; found ${describe(value)}.`,
      'invalid-principal',
      path,
    );
  }
  const out: Record<string, string[]> = {};
  const keys = Object.keys(value).sort(byText);
  if (keys.length === 0)
    throw new ShapeError('Principal is an empty object.', 'empty-element', path);
  for (const type of keys) {
    const values = stringList(value[type], joinPath(path, type), `Principal ${type}`);
    out[type] = uniqueSorted(type === 'AWS' ? values.map(canonicalAwsPrincipal) : values);
  }
  // AWS documents "Principal": "*" and {"AWS": "*"} as the same thing.
  if (keys.length === 1 && out.AWS?.length === 1 && out.AWS[0] === '*') return '*';
  return out;
}

function normaliseCondition(value: unknown, path: string): ConditionBlock {
  if (!isObject(value)) {
    throw new ShapeError(
      `Condition must be an object; found ${describe(value)}.`,
      'invalid-condition',
      path,
    );
  }
  const out: ConditionBlock = {};
  for (const op of Object.keys(value).sort(byText)) {
    const inner = value[op];
    const opPath = joinPath(path, op);
    if (!isObject(inner)) {
      throw new ShapeError(
        `Condition operator ${op} must map condition keys to values; found ${describe(inner)}.`,
        'invalid-condition',
        opPath,
      );
    }
    const keys: Record<string, ConditionValue[]> = {};
    for (const key of Object.keys(inner).sort(byText)) {
      const raw = inner[key];
      const list = Array.isArray(raw) ? raw : [raw];
      keys[key] = list.map((v, i) => {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
          throw new ShapeError(
            `Condition value for ${key} must be a string, number or boolean; found ${describe(v)}.`,
            'invalid-condition',
            Array.isArray(raw) ? joinPath(joinPath(opPath, key), i) : joinPath(opPath, key),
          );
        }
        return v;
      });
      keys[key].sort((a, b) => byText(String(a), String(b)));
    }
    out[op] = keys;
  }
  return out;
}

function normaliseStatement(value: unknown, path: string): Statement {
  if (!isObject(value)) {
    throw new ShapeError(
      `Each statement must be an object; found ${describe(value)}.`,
      'invalid-statement',
      path,
    );
  }
  for (const key of Object.keys(value)) {
    if (!(STATEMENT_KEYS as readonly string[]).includes(key)) {
      throw new ShapeError(
        `Unknown key "${key}" in a statement.`,
        'unknown-key',
        joinPath(path, key),
      );
    }
  }
  const effect = value.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') {
    throw new ShapeError(
      effect === undefined
        ? 'The statement has no Effect.'
        : `Effect must be exactly "Allow" or "Deny"; found ${JSON.stringify(effect)}.`,
      effect === undefined ? 'missing-effect' : 'invalid-effect',
      effect === undefined ? path : joinPath(path, 'Effect'),
    );
  }
  const pair = (a: string, b: string): void => {
    if (a in value && b in value) {
      throw new ShapeError(
        `A statement cannot have both ${a} and ${b}.`,
        'conflicting-elements',
        joinPath(path, b),
      );
    }
  };
  pair('Action', 'NotAction');
  pair('Resource', 'NotResource');
  pair('Principal', 'NotPrincipal');
  if (!('Action' in value) && !('NotAction' in value)) {
    throw new ShapeError('The statement has no Action (or NotAction).', 'missing-action', path);
  }
  const st: Statement = { effect };
  if (value.Sid !== undefined) {
    if (typeof value.Sid !== 'string') {
      throw new ShapeError(
        `Sid must be a string; found ${describe(value.Sid)}.`,
        'invalid-sid',
        joinPath(path, 'Sid'),
      );
    }
    st.sid = value.Sid;
  }
  const actions = (key: 'Action' | 'NotAction'): string[] =>
    // the same text twice has the same canonical spelling: spell each distinct text once
    uniqueSorted(
      [...new Set(stringList(value[key], joinPath(path, key), key))].map(canonicalAction),
      (s) => s.toLowerCase(),
    );
  if ('Principal' in value)
    st.principal = normalisePrincipal(value.Principal, joinPath(path, 'Principal'));
  if ('NotPrincipal' in value) {
    st.notPrincipal = normalisePrincipal(value.NotPrincipal, joinPath(path, 'NotPrincipal'));
  }
  if ('Action' in value) st.action = actions('Action');
  if ('NotAction' in value) st.notAction = actions('NotAction');
  if ('Resource' in value)
    st.resource = uniqueSorted(stringList(value.Resource, joinPath(path, 'Resource'), 'Resource'));
  if ('NotResource' in value) {
    st.notResource = uniqueSorted(
      stringList(value.NotResource, joinPath(path, 'NotResource'), 'NotResource'),
    );
  }
  if ('Condition' in value)
    st.condition = normaliseCondition(value.Condition, joinPath(path, 'Condition'));
  return st;
}

/** Normalises a parsed JSON value into a PolicyDocument; throws ShapeError with a JSON path. */
export function normaliseDocument(value: unknown): PolicyDocument {
  if (!isObject(value)) {
    throw new ShapeError(
      `A policy must be a JSON object; found ${describe(value)}.`,
      'not-an-object',
      '',
    );
  }
  for (const key of Object.keys(value)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      throw new ShapeError(`Unknown top-level key "${key}".`, 'unknown-key', key);
    }
  }
  // AWS treats a policy without Version as 2008-10-17.
  const version = value.Version ?? '2008-10-17';
  if (version !== '2012-10-17' && version !== '2008-10-17') {
    throw new ShapeError(
      `Version must be "2012-10-17" or "2008-10-17"; found ${JSON.stringify(version)}.`,
      'invalid-version',
      'Version',
      'Use "Version": "2012-10-17".',
    );
  }
  if (value.Statement === undefined)
    throw new ShapeError('The policy has no Statement.', 'missing-statement', '');
  const raw = Array.isArray(value.Statement) ? value.Statement : [value.Statement];
  if (raw.length === 0)
    throw new ShapeError('Statement is an empty list.', 'empty-statement', 'Statement');
  const statements = raw.map((s, i) =>
    normaliseStatement(s, Array.isArray(value.Statement) ? `Statement[${i}]` : 'Statement'),
  );
  const doc: PolicyDocument = { version, statements };
  if (value.Id !== undefined) {
    if (typeof value.Id !== 'string')
      throw new ShapeError('Id must be a string.', 'invalid-type', 'Id');
    doc.id = value.Id;
  }
  return doc;
}

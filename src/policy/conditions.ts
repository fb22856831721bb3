/**
 * Condition operators. Supported: String*, Arn*, Bool, BinaryEquals, Null, IpAddress,
 * NotIpAddress, Numeric*, Date*, each with `...IfExists` and `ForAnyValue:`/`ForAllValues:`.
 * Anything else is reported as unsupported (and the statement then does not match), never
 * silently ignored.
 *
 * Missing keys follow the documented rules: a positive operator does not match; a negated
 * operator (`...Not...`) and any `...IfExists` match; `ForAllValues:` matches (vacuously);
 * `ForAnyValue:` does not. A single-valued operator on a multi-valued key does not match
 * (AWS requires a set operator there).
 */
import { arnRegExp, globRegExp, splitArn } from './wildcard.js';
import type { ConditionBlock, Words } from './types.js';

/** Context keys the evaluator derives from the caller or the sandbox sets; others come in the request (`--context`) or are absent. */
export const SUPPORTED_GLOBAL_KEYS = [
  'aws:PrincipalArn',
  'aws:PrincipalAccount',
  'aws:PrincipalType',
  'aws:username',
  'aws:userid',
  'aws:SourceIp',
  'aws:SecureTransport',
  'aws:CurrentTime',
] as const;

/** Request context for conditions: lower-cased key -> values (one for single-valued keys). */
export type ConditionContext = Map<string, string[] | string>;

type Kind = 'string' | 'numeric' | 'date' | 'bool' | 'ip' | 'arn' | 'binary';

interface BaseOperator {
  kind: Kind;
  negated: boolean;
  /** does one request value match one policy value (before negation) */
  test: (requestValue: string, policyValue: string) => boolean;
}

const num = (s: string): number => (s.trim() === '' ? Number.NaN : Number(s));
function dateOf(s: string): number {
  // Epoch seconds are allowed as well as ISO 8601.
  if (/^\d+(\.\d+)?$/.test(s.trim())) return Number(s) * 1000;
  return Date.parse(s);
}
const cmpNum = (f: (a: number, b: number) => boolean) => (r: string, p: string) => {
  const a = num(r);
  const b = num(p);
  return !Number.isNaN(a) && !Number.isNaN(b) && f(a, b);
};
const cmpDate = (f: (a: number, b: number) => boolean) => (r: string, p: string) => {
  const a = dateOf(r);
  const b = dateOf(p);
  return !Number.isNaN(a) && !Number.isNaN(b) && f(a, b);
};
function arnLike(r: string, p: string): boolean {
  if (!splitArn(p) || !splitArn(r)) return false;
  return arnRegExp(p).test(r);
}

const OPERATORS: Record<string, BaseOperator> = {
  StringEquals: { kind: 'string', negated: false, test: (r, p) => r === p },
  StringNotEquals: { kind: 'string', negated: true, test: (r, p) => r === p },
  StringEqualsIgnoreCase: {
    kind: 'string',
    negated: false,
    test: (r, p) => r.toLowerCase() === p.toLowerCase(),
  },
  StringNotEqualsIgnoreCase: {
    kind: 'string',
    negated: true,
    test: (r, p) => r.toLowerCase() === p.toLowerCase(),
  },
  StringLike: { kind: 'string', negated: false, test: (r, p) => globRegExp(p).test(r) },
  StringNotLike: { kind: 'string', negated: true, test: (r, p) => globRegExp(p).test(r) },
  NumericEquals: { kind: 'numeric', negated: false, test: cmpNum((a, b) => a === b) },
  NumericNotEquals: { kind: 'numeric', negated: true, test: cmpNum((a, b) => a === b) },
  NumericLessThan: { kind: 'numeric', negated: false, test: cmpNum((a, b) => a < b) },
  NumericLessThanEquals: { kind: 'numeric', negated: false, test: cmpNum((a, b) => a <= b) },
  NumericGreaterThan: { kind: 'numeric', negated: false, test: cmpNum((a, b) => a > b) },
  NumericGreaterThanEquals: { kind: 'numeric', negated: false, test: cmpNum((a, b) => a >= b) },
  DateEquals: { kind: 'date', negated: false, test: cmpDate((a, b) => a === b) },
  DateNotEquals: { kind: 'date', negated: true, test: cmpDate((a, b) => a === b) },
  DateLessThan: { kind: 'date', negated: false, test: cmpDate((a, b) => a < b) },
  DateLessThanEquals: { kind: 'date', negated: false, test: cmpDate((a, b) => a <= b) },
  DateGreaterThan: { kind: 'date', negated: false, test: cmpDate((a, b) => a > b) },
  DateGreaterThanEquals: { kind: 'date', negated: false, test: cmpDate((a, b) => a >= b) },
  Bool: { kind: 'bool', negated: false, test: (r, p) => r.toLowerCase() === p.toLowerCase() },
  BinaryEquals: { kind: 'binary', negated: false, test: (r, p) => r === p },
  IpAddress: { kind: 'ip', negated: false, test: (r, p) => ipInCidr(r, p) },
  NotIpAddress: { kind: 'ip', negated: true, test: (r, p) => ipInCidr(r, p) },
  ArnEquals: { kind: 'arn', negated: false, test: arnLike },
  ArnLike: { kind: 'arn', negated: false, test: arnLike },
  ArnNotEquals: { kind: 'arn', negated: true, test: arnLike },
  ArnNotLike: { kind: 'arn', negated: true, test: arnLike },
};

/** Every operator name the evaluator understands (without IfExists / set prefixes). */
export const KNOWN_OPERATORS: readonly string[] = [...Object.keys(OPERATORS), 'Null'];

export interface ParsedOperator {
  set?: 'ForAnyValue' | 'ForAllValues';
  base: string;
  ifExists: boolean;
}

/** Splits `ForAnyValue:StringLikeIfExists` into its parts; undefined when the base is unknown. */
export function parseOperator(op: string): ParsedOperator | undefined {
  let rest = op;
  let set: ParsedOperator['set'];
  const m = /^(ForAnyValue|ForAllValues):(.*)$/i.exec(rest);
  if (m) {
    set = m[1]!.toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues';
    rest = m[2]!;
  }
  let ifExists = false;
  if (rest.endsWith('IfExists') && rest !== 'IfExists') {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  if (rest === 'Null') return ifExists ? undefined : { set, base: rest, ifExists };
  if (!OPERATORS[rest]) return undefined;
  return { set, base: rest, ifExists };
}

interface Clause {
  op: string;
  parsed?: ParsedOperator;
  key: string;
  keyLower: string;
  values: string[];
  /** values containing ${...} policy variables (2012-10-17 only) */
  hasVariables: boolean;
}

export interface CompiledConditions {
  clauses: Clause[];
}

/** Prepares a Condition block once (per document) for fast repeated evaluation. */
export function compileConditions(block: ConditionBlock, version: string): CompiledConditions {
  const clauses: Clause[] = [];
  for (const [op, keys] of Object.entries(block)) {
    const parsed = parseOperator(op);
    for (const [key, values] of Object.entries(keys)) {
      const strings = values.map(String);
      clauses.push({
        op,
        parsed,
        key,
        keyLower: key.toLowerCase(),
        values: strings,
        hasVariables: version === '2012-10-17' && strings.some((v) => v.includes('${')),
      });
    }
  }
  return { clauses };
}

/** A condition clause on a key the request did not have, and what the missing-key rule made of it. */
export interface AbsentKeyClause {
  key: string;
  op: string;
  /** whether the clause held with the key absent (IfExists, Null "true", negated operators, ForAllValues: yes) */
  held: boolean;
}

export interface ConditionOutcome {
  matched: boolean;
  /** e.g. `aws:SourceIp 10.0.0.1 is not in 192.168.0.0/16`; none when there are no clauses */
  why?: Words;
  unsupported: string[];
  /** clauses evaluated on keys absent from the request (up to the one that decided) */
  absent: AbsentKeyClause[];
}

/** Which of IAM's missing-key rules decided a clause on an absent key (policy.eval.absentRule). */
function absentRule(clause: Clause): string {
  const p = clause.parsed!;
  if (p.base === 'Null') return 'null';
  if (p.set === 'ForAllValues') return 'forAll';
  if (p.set === 'ForAnyValue') return 'forAny';
  if (p.ifExists) return 'ifExists';
  if (OPERATORS[p.base]!.negated) return 'negated';
  return 'plain';
}

/**
 * Evaluates compiled conditions against the request context (all clauses must hold). A key the
 * request does not have is absent, and IAM's rules for absent keys decide (see the file
 * comment); only an operator the evaluator does not know is "unsupported".
 */
export function evaluateConditions(c: CompiledConditions, ctx: ConditionContext): ConditionOutcome {
  const unsupported: string[] = [];
  for (const clause of c.clauses) {
    if (!clause.parsed) unsupported.push(`condition operator ${clause.op}`);
  }
  const absent: AbsentKeyClause[] = [];
  if (unsupported.length > 0) {
    return {
      matched: false,
      why: { key: 'policy.eval.unsupportedConditions', values: { what: unsupported.join(', ') } },
      unsupported,
      absent,
    };
  }
  const notes: Words[] = [];
  for (const clause of c.clauses) {
    const ok = evaluateClause(clause, ctx);
    const missing = !ctx.has(clause.keyLower);
    if (missing) {
      absent.push({ key: clause.key, op: clause.op, held: ok });
      notes.push({
        key: 'policy.eval.absentKey',
        values: {
          key: clause.key,
          op: clause.op,
          rule: absentRule(clause),
          held: ok ? 'true' : 'false',
        },
      });
    }
    if (!ok)
      return {
        matched: false,
        why: missing
          ? {
              key: 'policy.eval.conditionNotMetAbsent',
              values: { op: clause.op, key: clause.key, note: notes[notes.length - 1]! },
            }
          : {
              key: 'policy.eval.conditionNotMet',
              values: { op: clause.op, key: clause.key, ...contextValues(clause, ctx) },
            },
        unsupported,
        absent,
      };
  }
  if (!c.clauses.length) return { matched: true, unsupported, absent };
  return {
    matched: true,
    why: notes.length
      ? { key: 'policy.eval.conditionsMetNotes', values: { notes } }
      : { key: 'policy.eval.conditionsMet' },
    unsupported,
    absent,
  };
}

function contextValues(clause: Clause, ctx: ConditionContext): { has: string; want: string } {
  const v = ctx.get(clause.keyLower);
  const want =
    clause.values.length === 1 ? JSON.stringify(clause.values[0]) : JSON.stringify(clause.values);
  return { has: v === undefined ? '' : JSON.stringify(v), want };
}

function substitute(value: string, ctx: ConditionContext): string | undefined {
  let missing = false;
  const out = value.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
    if (name === '*' || name === '?' || name === '$') return name;
    const v = ctx.get(name.trim().toLowerCase());
    if (typeof v === 'string') return v;
    missing = true;
    return '';
  });
  // An unresolved variable makes that value match nothing (AWS: "no value" for the variable).
  return missing ? undefined : out;
}

function evaluateClause(clause: Clause, ctx: ConditionContext): boolean {
  const parsed = clause.parsed!;
  const raw = ctx.get(clause.keyLower);
  if (parsed.base === 'Null') {
    const absent = raw === undefined;
    return clause.values.some((v) => v.toLowerCase() === (absent ? 'true' : 'false'));
  }
  const op = OPERATORS[parsed.base]!;
  let values = clause.values;
  if (clause.hasVariables) {
    values = [];
    for (const v of clause.values) {
      const s = substitute(v, ctx);
      if (s !== undefined) values.push(s);
    }
  }
  const matchOne = (r: string): boolean => {
    const any = values.some((p) => op.test(r, p));
    return op.negated ? !any : any;
  };
  if (parsed.set === 'ForAllValues') {
    if (raw === undefined) return true;
    const list = typeof raw === 'string' ? [raw] : raw;
    return list.every(matchOne);
  }
  if (parsed.set === 'ForAnyValue') {
    if (raw === undefined) return false;
    const list = typeof raw === 'string' ? [raw] : raw;
    return list.some(matchOne);
  }
  if (raw === undefined) return parsed.ifExists || op.negated;
  if (typeof raw !== 'string') return false;
  return matchOne(raw);
}

function parseIp(s: string): { v: 4 | 6; n: bigint } | undefined {
  const t = s.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(t)) {
    const parts = t.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { v: 4, n: parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n) };
  }
  if (t.includes(':') && /^[0-9a-fA-F:.]+$/.test(t)) {
    const halves = t.split('::');
    if (halves.length > 2) return undefined;
    const head = halves[0] ? halves[0].split(':') : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
    const fill = 8 - head.length - tail.length;
    if (fill < 0 || (halves.length === 1 && fill !== 0)) return undefined;
    const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return { v: 6, n: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n) };
  }
  return undefined;
}

/** True when `ip` is inside `cidr` (a bare address means /32 or /128). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = parseIp(ip);
  const b = parseIp(base ?? '');
  if (!a || !b || a.v !== b.v) return false;
  const width = a.v === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return false;
  const shift = BigInt(width - bits);
  return a.n >> shift === b.n >> shift;
}

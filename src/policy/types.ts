/**
 * Public types of the policy toolkit (pure: no I/O). Used by the sandbox's authorizer, the
 * lesson checks, and `policy lint` / `policy explain`.
 */

import type { policyEn } from '../i18n/messages/policy.en.js';

export type Severity = 'error' | 'warning' | 'info';

/** A key of the evaluator's words in the catalog (src/i18n/messages/policy.en.ts). */
export type EvalWordKey = Extract<keyof typeof policyEn, `policy.eval.${string}`>;

/**
 * Words of the evaluator in no language yet: a catalog key and its values, put into the
 * learner's language only where someone reads them (./words.ts). The sandbox evaluates every
 * request and reads none of them, so it never pays for formatting.
 */
export interface Words {
  key: EvalWordKey;
  values?: Readonly<Record<string, string | number | Words | readonly Words[]>>;
}

/** One lint finding. `code` is stable (tests and the TUI key on it); line/column are 1-based. */
export interface Finding {
  severity: Severity;
  code: string;
  message: string;
  line: number;
  column: number;
  /** JSON path of the element, e.g. `Statement[0].Action[3]` (`` for the whole document) */
  path: string;
  suggestion?: string;
}

export type ConditionValue = string | number | boolean;

/** Condition block: operator -> key -> values (always arrays after normalising). */
export type ConditionBlock = Record<string, Record<string, ConditionValue[]>>;

/** A principal element after normalising: `*` or a map of type -> values (arrays, sorted). */
export type PrincipalElement = '*' | Record<string, string[]>;

export interface Statement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  principal?: PrincipalElement;
  notPrincipal?: PrincipalElement;
  action?: string[];
  notAction?: string[];
  resource?: string[];
  notResource?: string[];
  condition?: ConditionBlock;
}

/** A policy document in normal form (see normalise.ts for the rules). */
export interface PolicyDocument {
  version: string;
  id?: string;
  statements: Statement[];
}

export type PrincipalType = 'user' | 'role' | 'assumed-role' | 'root' | 'anonymous';

/** The caller of a request, derived from its ARN (principalFromArn). */
export interface RequestPrincipal {
  arn: string;
  type: PrincipalType;
  accountId: string;
  /** user name or role name */
  name?: string;
  /** aws:userid (AIDA... for users, AROA...:session for assumed roles) */
  userId?: string;
  /** for assumed roles: the role's ARN (arn:aws:iam::ACCOUNT:role/NAME) */
  roleArn?: string;
}

/** Context key values for conditions (aws:SourceIp, aws:SecureTransport, ...). */
export type ContextValues = Record<string, string | string[] | number | boolean>;

export interface EvaluationRequest {
  principal: RequestPrincipal;
  action: string;
  /** resource ARN, or `*` for account-scoped actions */
  resource: string;
  /** account that owns the resource (default: taken from the resource ARN, else the caller's) */
  resourceAccount?: string;
  context?: ContextValues;
}

export interface NamedPolicy {
  /** shown in traces: "inline policy ci-login", "repository policy of fcj-workshop-app" */
  name: string;
  document: PolicyDocument;
}

export interface EvaluationInput {
  request: EvaluationRequest;
  identityPolicies: NamedPolicy[];
  resourcePolicy?: NamedPolicy;
}

export type Decision = 'allowed' | 'implicit-deny' | 'explicit-deny';

export interface TraceEntry {
  policy: string;
  policyType: 'identity' | 'resource';
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** true when every element (principal, action, resource, condition) matched */
  matched: boolean;
  /** which element did or did not match and why (words.ts `traceWhy` says it) */
  because: Words;
}

/**
 * Why the decision is what it is, as a code the edges put into words (words.ts
 * `decisionWhy`); `reason` keeps AWS's own English clause.
 */
export type DecisionBasis =
  | 'no-permission-needed'
  | 'identity-deny'
  | 'resource-deny'
  | 'anonymous-public'
  | 'anonymous-denied'
  | 'root'
  | 'both'
  | 'identity'
  | 'resource'
  | 'same-none'
  | 'cross-no-resource'
  | 'cross-no-identity'
  | 'cross-both';

export interface EvaluationResult {
  decision: Decision;
  /**
   * AWS's "because ..." clause when denied (`no identity-based policy allows the ecr:X action`,
   * `with an explicit deny in a resource-based policy`, ...); when allowed, which side allowed.
   */
  reason: string;
  /** the rule that decided, for the learner's explanation (see DecisionBasis) */
  basis: DecisionBasis;
  trace: TraceEntry[];
  /** features met in the policies that the evaluator does not support (never silently ignored) */
  unsupported: string[];
  /** condition clauses on keys the request did not have, and what IAM's missing-key rules made of them */
  absentKeys: AbsentKey[];
}

/** A condition clause evaluated on a key absent from the request context. */
export interface AbsentKey {
  key: string;
  /** the operator as written, e.g. `StringEqualsIfExists` */
  op: string;
  /** whether the clause held with the key absent */
  held: boolean;
  policy: string;
  statementIndex: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
}

/**
 * The policy toolkit's public surface: parse with line/column, lint, normalise, compare and
 * evaluate IAM/ECR policies. Pure: no I/O.
 */
import type { Finding, PolicyDocument } from './types.js';

export type * from './types.js';
export { parsePolicy } from './document.js';
export { PolicyParseError } from './parse.js';
export { normaliseDocument, ShapeError } from './normalise.js';
export {
  principalFromArn,
  principalsOf,
  InvalidPrincipalError,
  canonicalAwsPrincipal,
} from './principal.js';
export { evaluate, accessDeniedMessage } from './evaluate.js';
export {
  findAction,
  didYouMean,
  canonicalAction,
  actionsOfService,
  CATALOGUE_SOURCE,
} from './catalogue.js';
export type { CatalogueAction } from './catalogue.js';
export { SUPPORTED_GLOBAL_KEYS, KNOWN_OPERATORS } from './conditions.js';

export interface LintOptions {
  /** account the principals are expected to be in */
  account?: string;
  /** 'repository' (default) applies the repository-policy rules; 'identity' the IAM ones */
  kind?: 'repository' | 'identity';
}

export interface LintResult {
  findings: Finding[];
  /** the normalised document when the text parsed as a policy (even with findings) */
  document?: PolicyDocument;
}

/** Lints policy text. Never throws, whatever the input. */
export function lintPolicy(_text: string, _opts: LintOptions = {}): LintResult {
  throw new Error('not implemented');
}

/** True when two documents mean the same thing. */
export function policiesEquivalent(_a: PolicyDocument, _b: PolicyDocument): boolean {
  throw new Error('not implemented');
}

/** Human-readable differences, e.g. "the applied policy lacks ecr:PutImage for fcj-ecr-ci-cd-user". */
export function describePolicyDiff(
  _expected: PolicyDocument,
  _actual: PolicyDocument,
  _labels?: { expected?: string; actual?: string },
): string[] {
  throw new Error('not implemented');
}

/** The ECR actions `docker push` needs, in call order. */
export const PUSH_ACTIONS = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
] as const;

/** The ECR actions `docker pull` needs. */
export const PULL_ACTIONS = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] as const;

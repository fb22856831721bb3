/**
 * The policy toolkit's public surface: parse with line/column, lint, normalise, compare and
 * evaluate IAM/ECR policies. Pure: no I/O.
 */
export type * from './types.js';
export { parsePolicy, parsePolicyWithPositions } from './document.js';
export type { PositionedPolicy } from './document.js';
export type { Position } from './parse.js';
export { PolicyParseError } from './parse.js';
export { normaliseDocument, ShapeError } from './normalise.js';
export {
  principalFromArn,
  principalsOf,
  InvalidPrincipalError,
  canonicalAwsPrincipal,
} from './principal.js';
export { evaluate, accessDeniedMessage, denialClause } from './evaluate.js';
export { traceWhy, decisionWhy, sayWords } from './words.js';
export {
  findAction,
  didYouMean,
  canonicalAction,
  actionsOfService,
  CATALOGUE_SOURCE,
} from './catalogue.js';
export type { CatalogueAction } from './catalogue.js';
export { SUPPORTED_GLOBAL_KEYS, KNOWN_OPERATORS } from './conditions.js';
export { lintPolicy, MAX_POLICY_CHARS } from './lint.js';
export type { LintOptions, LintResult } from './lint.js';
export { policiesEquivalent, describePolicyDiff } from './diff.js';

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

/**
 * The policy toolkit's public surface. (Scaffold: the policy-toolkit work replaces these
 * placeholders with the real modules and keeps these names and signatures.)
 */
import type {
  EvaluationInput,
  EvaluationResult,
  Finding,
  PolicyDocument,
  RequestPrincipal,
} from './types.js';

export type * from './types.js';

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

/** Parses and normalises policy text; throws PolicyParseError (with line/column) when invalid. */
export function parsePolicy(_text: string): PolicyDocument {
  throw new Error('not implemented');
}

/** Derives the request principal (type, account, name) from an IAM/STS ARN. */
export function principalFromArn(_arn: string): RequestPrincipal {
  throw new Error('not implemented');
}

/** Decides a request the way AWS documents it (explicit deny > allow; same vs cross account). */
export function evaluate(_input: EvaluationInput): EvaluationResult {
  throw new Error('not implemented');
}

/** `User: ARN is not authorized to perform: ACTION on resource: RES because REASON` */
export function accessDeniedMessage(
  _principalArn: string,
  _action: string,
  _resource: string,
  _result: EvaluationResult,
): string {
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

/** Every principal ARN/account named in the document's Principal/NotPrincipal elements. */
export function principalsOf(_doc: PolicyDocument): string[] {
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

/**
 * The one answer to "does the repository policy still carry the lesson's change?", asked by
 * the clean-up step's check and by `ecr-tutor cleanup` alike, whoever applied the policy (the
 * tutor, the AWS CLI, the console). Pure: the callers read live state and the backup.
 */
import { parsePolicy, policiesEquivalent, type PolicyDocument } from '../policy/index.js';
import { analyseGrant, REQUIRED_ACTIONS, type GrantTarget } from './grants.js';

export type PolicyVerdict =
  /** nothing of the lesson's is left: no policy, the original back, or a policy not the lesson's */
  | { state: 'clean'; reason: 'no-policy' | 'restored' | 'not-lessons' }
  /** the lesson's change is still there, and how to undo it */
  | { state: 'changed'; fix: 'restore' | 'delete'; reason: 'original-gone' | 'still-grants' };

export interface PolicyState {
  /** the live repository policy (undefined: none) */
  now: string | undefined;
  /** what the repository had before the lesson: a policy text, 'none', or unknown (undefined) */
  before: string | 'none' | undefined;
  /** the learner's CI user, repository, account and region */
  target: GrantTarget;
}

function tryParse(text: string): PolicyDocument | undefined {
  try {
    return parsePolicy(text);
  } catch {
    return undefined;
  }
}

/** Whether the policy still grants the CI user any of the push/pull actions the lesson added. */
export function grantsLessonActions(text: string, target: GrantTarget): boolean {
  const doc = tryParse(text);
  if (!doc) return true; // unreadable: do not call it clean
  return analyseGrant(doc, target).missing.length < REQUIRED_ACTIONS.length;
}

/** Compares the live policy with what the repository had before the lesson. */
export function judgeRepositoryPolicy(s: PolicyState): PolicyVerdict {
  const hadPolicy = s.before !== undefined && s.before !== 'none';
  if (s.now === undefined) {
    return hadPolicy
      ? { state: 'changed', fix: 'restore', reason: 'original-gone' }
      : { state: 'clean', reason: 'no-policy' };
  }
  if (hadPolicy) {
    const a = tryParse(s.now);
    const b = tryParse(s.before!);
    if (a && b ? policiesEquivalent(a, b) : s.now.trim() === s.before!.trim()) {
      return { state: 'clean', reason: 'restored' };
    }
  }
  if (grantsLessonActions(s.now, s.target)) {
    return { state: 'changed', fix: hadPolicy ? 'restore' : 'delete', reason: 'still-grants' };
  }
  return { state: 'clean', reason: 'not-lessons' };
}

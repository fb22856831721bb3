/**
 * The evaluator's results in the learner's language. evaluate() returns catalog keys and values
 * (types.ts `Words`, `DecisionBasis`) rather than sentences, because the sandbox evaluates every
 * request and reads none of them; the places a person reads them (policy explain, the explain
 * step, the checks) put them into words here, in the language t() speaks now.
 */
import { t } from '../i18n/index.js';
import type { DecisionBasis, EvaluationResult, TraceEntry, Words } from './types.js';

/** Renders Words (nested Words inside, and lists of them joined with "; "). */
export function sayWords(w: Words): string {
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(w.values ?? {})) {
    values[k] =
      typeof v === 'string' || typeof v === 'number'
        ? v
        : Array.isArray(v)
          ? (v as readonly Words[]).map(sayWords).join('; ')
          : sayWords(v as Words);
  }
  return t(w.key, values);
}

/** One trace line's "allows: …" / "does not apply: …". */
export function traceWhy(entry: Pick<TraceEntry, 'because'>): string {
  return sayWords(entry.because);
}

/**
 * The rule that decided, in the learner's words. `short` (views, checks): in English exactly
 * AWS's own clause (`result.reason`), in another language its translation; `long` (policy
 * explain's "Why"): what the rule means, said in full.
 */
export function decisionWhy(
  result: Pick<EvaluationResult, 'basis'> & { basis: DecisionBasis },
  action: string,
  length: 'short' | 'long' = 'short',
): string {
  return t(length === 'long' ? 'policy.eval.basis' : 'policy.eval.basisShort', {
    basis: result.basis.replace(/-/g, '_'),
    action,
  });
}

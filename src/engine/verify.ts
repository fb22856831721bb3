/**
 * `lessons verify`: on a throw-away target, walk every step in order and prove that its check
 * fails before its solve and passes after it (a step without a solve must pass as it stands:
 * it checks something the target already provides). Inspired by rustlings' `dev check`.
 */
import type { TutorEngine } from './engine.js';
import type { CheckResult } from './types.js';
import { t } from '../i18n/index.js';

export interface VerifyStepReport {
  stepId: string;
  ok: boolean;
  /** what happened, in order: "check before solve: fail (...)", ... */
  notes: string[];
}

/** One note: which check ran when, its machine status (pass, fail...) and its summary. */
const line = (when: 'setup' | 'before' | 'noSolve' | 'after', r: CheckResult): string =>
  t('lessons.verify.note', { when, status: r.status, summary: r.summary });

/** Verifies the engine's lesson from its current (first) step; stops at the first broken step. */
export async function verifyLesson(
  engine: TutorEngine,
  onStep?: (r: VerifyStepReport) => void,
): Promise<VerifyStepReport[]> {
  const out: VerifyStepReport[] = [];
  const n = engine.snapshot().steps.length;
  for (let i = 0; i < n; i++) {
    const snap = engine.snapshot();
    const def = snap.steps[snap.currentIndex]!.def;
    const notes: string[] = [];
    let ok = true;
    const setup = await engine.runVerifySetup();
    if (setup) {
      notes.push(line('setup', setup));
      ok = false;
    }
    if (ok) {
      const before = await engine.check();
      notes.push(line(def.solve ? 'before' : 'noSolve', before));
      if (def.solve) {
        if (before.status !== 'fail') {
          ok = false;
          notes.push(
            t(
              before.status === 'pass'
                ? 'lessons.verify.passesBefore'
                : 'lessons.verify.mustFailBefore',
            ),
          );
        } else {
          const after = await engine.skip();
          notes.push(line('after', after));
          if (after.status !== 'pass') {
            ok = false;
            notes.push(t('lessons.verify.solveFails'));
          }
        }
      } else if (before.status !== 'pass') {
        ok = false;
        notes.push(t('lessons.verify.noSolveFails'));
      }
    }
    const report = { stepId: def.id, ok, notes };
    out.push(report);
    onStep?.(report);
    if (!ok) break;
    engine.next();
  }
  return out;
}

/**
 * `lessons verify`: on a throw-away target, walk every step in order and prove that its check
 * fails before its solve and passes after it (a step without a solve must pass as it stands:
 * it checks something the target already provides). Inspired by rustlings' `dev check`.
 */
import type { TutorEngine } from './engine.js';
import type { CheckResult } from './types.js';

export interface VerifyStepReport {
  stepId: string;
  ok: boolean;
  /** what happened, in order: "check before solve: fail (...)", ... */
  notes: string[];
}

const line = (what: string, r: CheckResult): string => `${what}: ${r.status} (${r.summary})`;

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
      notes.push(line('verify setup', setup));
      ok = false;
    }
    if (ok) {
      const before = await engine.check();
      notes.push(line(def.solve ? 'check before solve' : 'check (no solve)', before));
      if (def.solve) {
        if (before.status !== 'fail') {
          ok = false;
          notes.push(
            before.status === 'pass'
              ? 'the check already passes before the solve: it cannot tell a learner did anything'
              : 'the check must fail (not error) before the solve',
          );
        } else {
          const after = await engine.skip();
          notes.push(line('check after solve', after));
          if (after.status !== 'pass') {
            ok = false;
            notes.push(
              "the solve does not make the step's check pass: a learner who skips would be stuck (check the solve's and the check's params)",
            );
          }
        }
      } else if (before.status !== 'pass') {
        ok = false;
        notes.push('a step without a solve must pass on its own at this point');
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

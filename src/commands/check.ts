import type { Io } from '../io.js';
import type { TargetOptions } from '../aws/target.js';
import { TutorError } from '../errors.js';
import type { CheckAllRow, EngineSnapshot } from '../app/index.js';
import { describeRef } from '../instructor/facilitator.js';
import { t as msg, type MessageKey } from '../i18n/index.js';
import { jsonForTerminal } from '../text/sanitize.js';

const MARK: Record<string, MessageKey> = {
  pass: 'cmd.check.pass',
  fail: 'cmd.check.fail',
  pending: 'cmd.check.wait',
  error: 'cmd.check.error',
};

function facilitatorFields(snap: EngineSnapshot, stepId: string): Record<string, unknown> {
  const f = snap.steps.find((s) => s.def.id === stepId)?.facilitator;
  return f ? { check: f.check, ...(f.solve ? { solve: f.solve } : {}), solution: f.solution } : {};
}

/** Whether a row counts against the exit code (optional steps and deliberate clean-ups do not). */
function rowOk(r: CheckAllRow): boolean {
  return r.result.status === 'pass' || r.optional || Boolean(r.undoneByCleanup);
}

/** `ecr-tutor check`: re-runs every step's check against live state; exit 0 only when all pass. */
export async function runCheck(
  io: Io,
  opts: {
    lesson?: string;
    target: TargetOptions;
    json: boolean;
    lessonsDir?: string;
    learner?: string;
    facilitator?: boolean;
  },
): Promise<number> {
  const { openLesson } = await import('../app/index.js');
  let engine;
  try {
    engine = await openLesson({
      lessonId: opts.lesson,
      lessonsDir: opts.lessonsDir,
      target: opts.target,
      learner: opts.learner,
      facilitator: opts.facilitator,
      // `check` only reads: no starter file written into whatever folder it runs from
      prepareOnOpen: false,
    });
  } catch (err) {
    if (opts.json && err instanceof TutorError) {
      io.out(
        jsonForTerminal({ ok: false, error: err.message, fix: err.tryMessage }, null, 2) + '\n',
      );
      return 1;
    }
    throw err;
  }
  try {
    const rows = await engine.checkAll();
    const snap = engine.snapshot();
    const ok = rows.every(rowOk);
    for (const n of snap.notices ?? []) io.err(`${msg('cmd.note', { text: n })}\n`);
    if (opts.json) {
      io.out(
        jsonForTerminal(
          {
            ok,
            lesson: snap.lesson.id,
            ...(snap.learner ? { learner: snap.learner } : {}),
            target: snap.target,
            targetWarning: snap.targetWarning,
            steps: rows.map((r) => ({
              id: r.stepId,
              title: r.title,
              status: r.result.status,
              summary: r.result.summary,
              details: r.result.details,
              fix: r.result.fix,
              optional: r.optional,
              undoneByCleanup: r.undoneByCleanup ?? false,
              progress: snap.steps.find((s) => s.def.id === r.stepId)?.progress.status,
              ...facilitatorFields(snap, r.stepId),
            })),
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      const t = snap.target;
      io.out(
        `${msg('cmd.check.heading', {
          title: snap.learner
            ? msg('cmd.check.titleLearner', { title: snap.lesson.title, learner: snap.learner })
            : snap.lesson.title,
          target: t.kind,
          endpoint: t.endpoint ?? '',
          account: t.accountId ?? '?',
          region: t.region,
        })}\n`,
      );
      if (snap.targetWarning) io.err(`${msg('cmd.warning', { text: snap.targetWarning })}\n`);
      rows.forEach((r, i) => {
        const mark = r.undoneByCleanup
          ? msg('cmd.check.cleanedUp')
          : r.result.status !== 'pass' && r.optional
            ? msg('cmd.check.optional')
            : msg(MARK[r.result.status] ?? 'cmd.check.error');
        io.out(`  ${String(i + 1).padStart(2)}. ${r.title}: ${mark}\n      ${r.result.summary}\n`);
        const f = snap.steps.find((s) => s.def.id === r.stepId)?.facilitator;
        if (f) io.out(`      ${msg('cmd.check.check', { check: describeRef(f.check) })}\n`);
        if (r.result.status !== 'pass' && !r.undoneByCleanup && !r.optional) {
          for (const d of r.result.details ?? []) io.out(`      - ${d}\n`);
          if (r.result.fix) io.out(`      ${msg('tui.check.try')} ${r.result.fix}\n`);
        }
      });
      const failing = rows.filter((r) => !rowOk(r)).length;
      io.out(`${ok ? msg('cmd.check.allPass') : msg('cmd.check.failing', { count: failing })}\n`);
    }
    return ok ? 0 : 1;
  } finally {
    await engine.close();
  }
}

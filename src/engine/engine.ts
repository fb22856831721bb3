/**
 * The headless step engine: current step, moves, checks with a time budget for `pending`,
 * skips (solve + check, recorded as skipped), hints, concept questions, the identity lock,
 * and atomic progress after every change. It knows nothing of Ink or the AWS SDK.
 */
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import type { CheckRegistry, StepContext } from './check-api.js';
import type { LessonProgress, ProgressStore } from './progress.js';
import {
  EMPTY_PROGRESS,
  furthestReachable,
  isDone as progressDone,
  undoneByCleanup as undoneByCleanupRule,
  lessonFinished,
  recordResult,
  validateAnswer,
  type CheckVia,
} from './rules.js';
import { renderTemplate, renderValue } from './template.js';
import type {
  CheckProgress,
  CheckRef,
  CheckResult,
  Engine,
  EngineSnapshot,
  FacilitatorView,
  LessonDef,
  StepDef,
  StepProgress,
  TargetInfo,
} from './types.js';
import { DEFAULT_ACTION_RULES } from './pack-boundary.js';

export interface EngineOptions<E> {
  /** the lesson as loaded (text still holds {{templates}}) */
  lesson: LessonDef;
  target: TargetInfo;
  registry: CheckRegistry<E>;
  /** what checks need (AWS session, cwd, ...), passed through untouched */
  env: E;
  store: ProgressStore;
  /** values every template may use (region, endpointFlag, ...); recorded values win */
  baseVars?: Record<string, string>;
  /** folder watched files are relative to */
  cwd?: string;
  /** extra notices to show once (e.g. a region switch) */
  notices?: string[];
  onClose?: () => Promise<void>;
  /** default time budget for `pending` retries, in ms (30 s) */
  defaultTimeoutMs?: number;
  /** first wait between `pending` retries, in ms (doubles up to 5 s) */
  retryDelayMs?: number;
  /** run the current step's setup right away (default true; `check` turns it off: no side effects) */
  prepareOnOpen?: boolean;
  /** facilitator mode: any step may be skipped; solutions and the exact checks are shown */
  facilitator?: boolean;
  /** never write the progress file (reports: reading a learner's lab must not change it) */
  readOnly?: boolean;
}

/** One step's result in a whole-lesson check (`ecr-tutor check`). */
export interface CheckAllRow {
  stepId: string;
  title: string;
  optional: boolean;
  result: CheckResult;
  /** the step's state was removed on purpose by a finished clean-up step: not a failure */
  undoneByCleanup?: boolean;
}

/** The Engine plus what the non-interactive commands need. */
export interface TutorEngine extends Engine {
  /**
   * re-checks every step in order against live state (no setups, no prompts); `record: false`
   * leaves the progress file alone (reports read, they do not count as the learner's attempts)
   */
  checkAll(opts?: { signal?: AbortSignal; record?: boolean }): Promise<CheckAllRow[]>;
  /** `lessons verify` only: runs the current step's verifySetup (undo what the seed provides) */
  runVerifySetup(): Promise<CheckResult | undefined>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((res) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      res();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function defaultDescribe(err: unknown): CheckResult {
  const message = err instanceof Error ? err.message : String(err);
  return {
    status: 'error',
    summary: `The check could not run: ${message}`,
    fix: 'Try again; if it keeps failing, run with ECR_TUTOR_DEBUG=1 and report the message.',
  };
}

/** Creates an engine over a loaded lesson and an opened progress store. */
export function createEngine<E>(o: EngineOptions<E>): TutorEngine {
  const lesson = o.lesson;
  const store = o.store;
  const lp: LessonProgress = store.lesson(lesson.id);
  const listeners = new Set<(s: EngineSnapshot) => void>();
  const notices = [...store.notices, ...(o.notices ?? [])];
  const cwd = o.cwd ?? process.cwd();
  let lastResult: CheckResult | undefined;
  let running: { stepId: string; progress: CheckProgress[] } | undefined;
  let inFlight: Promise<CheckResult> | undefined;
  let closed = false;
  const setupDone = new Set<string>();
  let stopWatch: (() => void) | undefined;
  let targetAccepted = false;
  // re-checks of done steps run beside the learner's work and stop when the engine closes
  const recheckAbort = new AbortController();

  if (lp.currentIndex >= lesson.steps.length || lp.currentIndex < 0) lp.currentIndex = 0;
  if (lp.furthestIndex < lp.currentIndex) lp.furthestIndex = lp.currentIndex;

  // The lock: the first identity that opens the lab owns it.
  let targetWarning: string | undefined;
  if (o.target.identityArn) {
    if (!lp.lockedIdentity)
      lp.lockedIdentity = { arn: o.target.identityArn, region: o.target.region };
    else if (
      lp.lockedIdentity.arn !== o.target.identityArn ||
      lp.lockedIdentity.region !== o.target.region
    ) {
      const was = lp.lockedIdentity;
      const changed =
        was.arn !== o.target.identityArn
          ? `you are now signed in as ${o.target.identityArn}`
          : `the region is now ${o.target.region}`;
      targetWarning =
        `This lab started as ${was.arn} in ${was.region}, but ${changed}. ` +
        `Checks would read a different identity's view. Switch back (same profile/credentials, --region ${was.region}), ` +
        `or accept the new identity to continue the lab with it.`;
    }
  }

  const vars = (): Record<string, string> => ({
    ...lesson.params,
    ...(o.baseVars ?? {}),
    ...lp.vars,
  });

  function renderStep(s: StepDef, v: Record<string, string>): StepDef {
    const r = (t: string): string => renderTemplate(t, v);
    return {
      ...s,
      title: r(s.title),
      body: r(s.body),
      hints: s.hints.map(r),
      input: s.input && { ...s.input, prompt: r(s.input.prompt) },
      quiz: s.quiz?.map((q) => ({
        ...q,
        question: r(q.question),
        explanation: r(q.explanation),
        choices: q.choices.map((c) => ({ ...c, label: r(c.label) })),
      })),
      watchFiles: s.watchFiles?.map(r),
      solveChangesState: s.solve ? (o.registry.changesState?.has(s.solve.name) ?? true) : undefined,
      // The skip's confirmation names the exact file it writes (issue 14: it never did).
      ...(s.solve &&
      DEFAULT_ACTION_RULES.writingFiles.has(s.solve.name) &&
      typeof s.solve.params.file === 'string'
        ? { solveWritesFile: resolve(cwd, r(s.solve.params.file)) }
        : {}),
    };
  }

  function progressOf(id: string): StepProgress {
    return lp.steps[id] ?? { ...EMPTY_PROGRESS };
  }
  function mutableProgress(id: string): StepProgress {
    let p = lp.steps[id];
    if (!p) {
      p = { ...EMPTY_PROGRESS };
      lp.steps[id] = p;
    }
    return p;
  }

  /** A finished clean-up removed this step's work on purpose (see rules.ts). */
  function cleanedUp(stepId: string): boolean {
    return undoneByCleanupRule(
      lesson.steps.map((s) => ({ def: s, progress: progressOf(s.id) })),
      stepId,
    );
  }
  function isDone(s: StepDef): boolean {
    return progressDone(progressOf(s.id));
  }

  function snapshot(): EngineSnapshot {
    const v = vars();
    const steps = lesson.steps.map((s) => ({
      def: renderStep(s, v),
      progress: { ...progressOf(s.id) },
      ...(o.facilitator ? { facilitator: facilitatorView(s, v) } : {}),
    }));
    for (const e of steps) if (cleanedUp(e.def.id)) Object.assign(e, { undoneByCleanup: true });
    return {
      lesson: { ...lesson, steps: steps.map((s) => s.def) },
      target: o.target,
      currentIndex: lp.currentIndex,
      furthestIndex: lp.furthestIndex,
      steps,
      vars: { ...lp.vars },
      running: running && { stepId: running.stepId, progress: [...running.progress] },
      lastResult,
      targetWarning: targetAccepted ? undefined : targetWarning,
      finished: lessonFinished(steps),
      notices: notices.length ? [...notices] : undefined,
      ...(lesson.learner ? { learner: lesson.learner } : {}),
      ...(o.facilitator ? { facilitator: true } : {}),
    };
  }

  /** The exact check and solve (parameters rendered) and the answer, for a facilitator. */
  function facilitatorView(s: StepDef, v: Record<string, string>): FacilitatorView {
    // Values not known yet show as <name> (the check would see ''): the facilitator sees why.
    const show = (x: unknown): unknown =>
      typeof x === 'string'
        ? renderTemplate(x, v)
        : Array.isArray(x)
          ? x.map(show)
          : x && typeof x === 'object'
            ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, show(y)]))
            : x;
    const ref = (r: CheckRef): CheckRef => ({
      name: r.name,
      params: show(r.params) as Record<string, unknown>,
    });
    const last = s.hints[s.hints.length - 1];
    return {
      check: ref(s.check),
      ...(s.solve ? { solve: ref(s.solve) } : {}),
      ...(last !== undefined ? { solution: renderTemplate(last, v) } : {}),
    };
  }

  function emit(): void {
    if (listeners.size === 0) return;
    const s = snapshot();
    for (const l of listeners) {
      try {
        l(s);
      } catch {
        // a listener's bug must not break the engine
      }
    }
  }

  // One save policy: saves run one after another; a failure is kept until flush() hands it
  // to whoever shows it (the session), so every front-end reports it the same way.
  let saving: Promise<void> = Promise.resolve();
  let saveFailure: unknown;
  function persist(): Promise<void> {
    if (o.readOnly) return Promise.resolve();
    const p = saving.then(async () => {
      lp.updatedAt = new Date().toISOString();
      await store.save();
    });
    saving = p.catch((err: unknown) => {
      saveFailure ??= err;
    });
    return saving;
  }

  const current = (): StepDef => lesson.steps[lp.currentIndex]!;

  function contextFor(step: StepDef, signal: AbortSignal): StepContext<E> {
    const v = vars();
    return {
      env: o.env,
      lesson,
      step: renderStep(step, v),
      vars: v,
      setVar: (name, value) => {
        lp.vars[name] = value;
      },
      answers: { ...(progressOf(step.id).answers ?? {}) },
      setAnswer: (questionId, value) => {
        const p = mutableProgress(step.id);
        p.answers = { ...(p.answers ?? {}), [questionId]: value };
      },
      signal,
      report: (p) => {
        if (!running || running.stepId !== step.id) return;
        if (p.kind === 'action') {
          // one row per action: replace the earlier row of the same action
          running.progress = running.progress.filter(
            (x) => !(x.kind === 'action' && x.row.action === p.row.action),
          );
        }
        running.progress.push(p);
        emit();
      },
    };
  }

  async function runAction(
    step: StepDef,
    ref: CheckRef,
    signal: AbortSignal,
  ): Promise<CheckResult | undefined> {
    const fn = o.registry.actions[ref.name];
    if (!fn) {
      return {
        status: 'error',
        summary: `This lesson names an action "${ref.name}" that the tutor does not have.`,
        fix: 'Run `ecr-tutor lessons validate` on the lesson folder.',
      };
    }
    try {
      await fn(
        contextFor(step, signal),
        renderValue(ref.params, vars()) as Record<string, unknown>,
      );
      return undefined;
    } catch (err) {
      return (o.registry.describeError ?? defaultDescribe)(err);
    }
  }

  async function checkOnce(step: StepDef, signal: AbortSignal): Promise<CheckResult> {
    const fn = o.registry.checks[step.check.name];
    if (!fn) {
      return {
        status: 'error',
        summary: `This lesson names a check "${step.check.name}" that the tutor does not have.`,
        fix: 'Run `ecr-tutor lessons validate` on the lesson folder.',
      };
    }
    try {
      return await fn(
        contextFor(step, signal),
        renderValue(step.check.params, vars()) as Record<string, unknown>,
      );
    } catch (err) {
      return (o.registry.describeError ?? defaultDescribe)(err);
    }
  }

  /** Runs the check, retrying `pending` with a growing pause until the budget is spent. */
  async function checkWithBudget(step: StepDef, signal: AbortSignal): Promise<CheckResult> {
    const budget = step.timeoutMs ?? o.defaultTimeoutMs ?? 30_000;
    const t0 = Date.now();
    let delay = o.retryDelayMs ?? 500;
    for (;;) {
      const r = await checkOnce(step, signal);
      if (r.status !== 'pending' || signal.aborted) return r;
      const left = budget - (Date.now() - t0);
      if (left <= 0) {
        return {
          ...r,
          summary: `${r.summary} (still not visible after ${Math.round(budget / 1000)} s)`,
          fix:
            r.fix ?? 'AWS can take a little longer to propagate changes: check again in a minute.',
        };
      }
      running?.progress.push({ kind: 'message', text: `${r.summary}: checking again…` });
      emit();
      await sleep(Math.min(delay, left), signal);
      delay = Math.min(delay * 2, 5000);
    }
  }

  /** Whether the last record() changed anything but the attempt count and time. */
  let materialChange = true;

  function record(step: StepDef, r: CheckResult, via: CheckVia): void {
    materialChange = recordResult(mutableProgress(step.id), r, via);
  }

  let lazySave: NodeJS.Timeout | undefined;
  /**
   * Saves now when the step's state changed; a re-check with the same outcome (watch mode
   * polling) only bumps the attempt count, which is saved within a second (or on close): no
   * disk write on the hot path, where it cost more than the AWS call (bench/check.bench.ts).
   */
  async function persistAfterCheck(): Promise<void> {
    if (materialChange) {
      if (lazySave) clearTimeout(lazySave);
      lazySave = undefined;
      await persist();
      return;
    }
    lazySave ??= setTimeout(() => {
      lazySave = undefined;
      void persist();
    }, 1000);
    lazySave.unref?.();
  }

  function blockedByTarget(): CheckResult | undefined {
    if (!targetWarning || targetAccepted) return undefined;
    return {
      status: 'error',
      summary: 'The identity or region changed since this lab started.',
      details: [targetWarning],
      fix: `Switch back to the identity and region the lab started with, or accept the new one in the tutor (or run \`ecr-tutor reset ${lesson.id}\` to start the lab over).`,
    };
  }

  async function exclusive(
    step: StepDef,
    work: (signal: AbortSignal) => Promise<CheckResult>,
    outer?: AbortSignal,
  ): Promise<CheckResult> {
    // one check at a time: several may wait for the same one (a watch tick and a skip), so
    // each waits again until none runs
    while (inFlight) await inFlight.catch(() => undefined);
    const ac = new AbortController();
    const onAbort = (): void => ac.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    running = { stepId: step.id, progress: [] };
    emit();
    const p = (async () => {
      try {
        materialChange = true;
        const r = await work(ac.signal);
        if (lesson.steps[lp.currentIndex]?.id === step.id) lastResult = r;
        // a failed save is reported by flush(), not as "the check could not run"
        await persistAfterCheck();
        return r;
      } finally {
        outer?.removeEventListener('abort', onAbort);
        running = undefined;
        inFlight = undefined;
        emit();
      }
    })();
    inFlight = p;
    return p;
  }

  const setupRuns = new Map<string, Promise<CheckResult | undefined>>();
  /** Runs the step's setup once per session; concurrent callers share the same run. */
  function ensureSetup(step: StepDef, signal: AbortSignal): Promise<CheckResult | undefined> {
    if (!step.setup || setupDone.has(step.id)) return Promise.resolve(undefined);
    let p = setupRuns.get(step.id);
    if (!p) {
      const ref = step.setup;
      p = (async () => {
        try {
          const r = await runAction(step, ref, signal);
          if (!r) setupDone.add(step.id);
          void persist();
          return r;
        } finally {
          setupRuns.delete(step.id);
        }
      })();
      setupRuns.set(step.id, p);
    }
    return p;
  }

  function moved(): void {
    stopWatch?.();
    lastResult = undefined;
    if (lp.currentIndex > lp.furthestIndex) lp.furthestIndex = lp.currentIndex;
    void persist().then(emit);
    emit();
    // Entering a step runs its setup (e.g. the starter file) without waiting.
    void engine.prepare?.();
  }

  const engine: TutorEngine = {
    snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setInput(value) {
      const step = current();
      if (!step.input) return { ok: false, message: 'This step does not ask for an answer.' };
      const v = value.trim();
      const problem = validateAnswer(step.input, v);
      if (problem) return { ok: false, message: problem };
      lp.vars[step.input.variable] = v;
      void persist().then(emit);
      return { ok: true };
    },
    check(opts) {
      const step = current();
      const blocked = blockedByTarget();
      if (blocked) {
        lastResult = blocked;
        emit();
        return Promise.resolve(blocked);
      }
      return exclusive(
        step,
        async (signal) => {
          const setupErr = await ensureSetup(step, signal);
          if (setupErr) return setupErr;
          const r = await checkWithBudget(step, signal);
          record(step, r, opts?.via ?? 'learner');
          return r;
        },
        opts?.signal,
      );
    },
    answerQuiz(questionId, value) {
      const step = current();
      const q = step.quiz?.find((x) => x.id === questionId);
      if (!q) return { correct: false, explanation: `This step has no question "${questionId}".` };
      const p = mutableProgress(step.id);
      p.answers = { ...(p.answers ?? {}), [questionId]: value };
      void persist().then(emit);
      const explanation = renderTemplate(q.explanation, vars());
      return { correct: value === q.answer, explanation };
    },
    nextHint() {
      const step = current();
      const p = mutableProgress(step.id);
      if (p.hintsShown >= step.hints.length) return undefined;
      const h = renderTemplate(step.hints[p.hintsShown]!, vars());
      p.hintsShown += 1;
      void persist().then(emit);
      return h;
    },
    skip(opts) {
      const step = current();
      const blocked = blockedByTarget();
      if (blocked) return Promise.resolve(blocked);
      if (!step.solve && o.facilitator) {
        // A facilitator may move a learner past a step the tutor cannot solve (e.g. the push test).
        return exclusive(
          step,
          async (signal) => {
            // Its check runs first: a pass records what the step records (e.g. partnerAccount),
            // which later steps need; only a failing check is waved through by the facilitator.
            const live = await checkWithBudget(step, signal);
            if (live.status === 'pass') {
              record(step, live, 'solve');
              return live;
            }
            const r: CheckResult = {
              status: 'pass',
              summary: 'Skipped by the facilitator (this step has no automatic solution).',
              evidence: { skippedBy: 'facilitator' },
            };
            record(step, r, 'solve');
            return r;
          },
          opts?.signal,
        );
      }
      if (!step.solve) {
        return Promise.resolve<CheckResult>({
          status: 'error',
          summary: 'This step has no automatic solution: it only needs a check.',
          fix: 'Run the check; the hints explain what it looks for.',
        });
      }
      const solve = step.solve;
      return exclusive(
        step,
        async (signal) => {
          const setupErr = await ensureSetup(step, signal);
          if (setupErr) return setupErr;
          const err = await runAction(step, solve, signal);
          if (err) return err;
          const r = await checkWithBudget(step, signal);
          record(step, r, 'solve');
          return r;
        },
        opts?.signal,
      );
    },
    next() {
      if (lp.currentIndex < lesson.steps.length - 1) {
        lp.currentIndex += 1;
        moved();
      }
    },
    back() {
      if (lp.currentIndex > 0) {
        lp.currentIndex -= 1;
        moved();
      }
    },
    jump(index) {
      if (
        !Number.isInteger(index) ||
        index < 0 ||
        index > furthestReachable(snapshot().steps, lp.currentIndex, lp.furthestIndex)
      )
        return;
      lp.currentIndex = index;
      moved();
    },
    watch(opts) {
      stopWatch?.();
      const step = current();
      const interval = opts?.intervalMs ?? 3000;
      const watchers: FSWatcher[] = [];
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const stop = (): void => {
        if (stopped) return;
        stopped = true;
        if (timer) clearTimeout(timer);
        for (const w of watchers) w.close();
        if (stopWatch === stop) stopWatch = undefined;
      };
      const tick = async (): Promise<void> => {
        if (stopped || closed || current().id !== step.id) return stop();
        if (timer) clearTimeout(timer);
        const r = await engine.check({ via: 'watch' });
        opts?.onResult?.(r);
        if (r.status === 'pass') return stop();
        if (!stopped) timer = setTimeout(() => void tick(), interval);
      };
      const rendered = renderStep(step, vars());
      for (const f of rendered.watchFiles ?? []) {
        try {
          // watch the folder: editors replace files on save, which ends a file watch
          const full = resolve(cwd, f);
          const dir = resolve(full, '..');
          const name = full.slice(dir.length + 1);
          watchers.push(
            fsWatch(dir, (_e, changed) => {
              if (!changed || changed.toString() === name) void tick();
            }),
          );
        } catch {
          // the folder may not exist yet: the interval still re-checks
        }
      }
      timer = setTimeout(() => void tick(), interval);
      stopWatch = stop;
      return stop;
    },
    async close() {
      if (closed) return;
      closed = true;
      stopWatch?.();
      if (lazySave) clearTimeout(lazySave);
      recheckAbort.abort();
      if (inFlight) await inFlight.catch(() => undefined);
      await saving;
      try {
        if (!o.readOnly) await store.save();
      } finally {
        await o.onClose?.();
      }
    },
    async prepare() {
      const step = current();
      if (!step.setup) return undefined;
      const ac = new AbortController();
      const r = await ensureSetup(step, ac.signal);
      emit();
      return r;
    },
    async checkAll(opts) {
      const blocked = blockedByTarget();
      const ac = new AbortController();
      opts?.signal?.addEventListener('abort', () => ac.abort(), { once: true });
      // Which steps a finished clean-up removed on purpose (judged before this run records anything).
      const undone = new Set(lesson.steps.filter((s) => cleanedUp(s.id)).map((s) => s.id));
      const rows: CheckAllRow[] = [];
      for (const step of lesson.steps) {
        let r: CheckResult;
        if (blocked) r = blocked;
        else {
          running = { stepId: step.id, progress: [] };
          r = await checkWithBudget(step, ac.signal);
          running = undefined;
        }
        const isUndone = undone.has(step.id) && r.status === 'fail';
        // A clean-up "passes" trivially before the lesson changed anything: not worth recording.
        const prematureCleanup =
          Boolean(step.undoes?.length) &&
          !isDone(step) &&
          !step.undoes!.every((u) => isDone(lesson.steps.find((x) => x.id === u) ?? step));
        if (!blocked && !isUndone && !prematureCleanup && opts?.record !== false)
          record(step, r, 'recheck');
        rows.push({
          stepId: step.id,
          title: renderTemplate(step.title, vars()),
          optional: Boolean(step.optional),
          result: r,
          undoneByCleanup: isUndone || undefined,
        });
      }
      if (opts?.record !== false) await persist();
      emit();
      const failure = saveFailure;
      saveFailure = undefined;
      if (failure) throw failure;
      return rows;
    },
    async runVerifySetup() {
      const step = current();
      if (!step.verifySetup) return undefined;
      const r = await runAction(step, step.verifySetup, new AbortController().signal);
      await persist();
      return r;
    },
    async recheck(index) {
      const step = lesson.steps[index];
      if (!step || blockedByTarget() || closed) return undefined;
      const undone = cleanedUp(step.id);
      const r = await checkWithBudget(step, recheckAbort.signal);
      if (closed || recheckAbort.signal.aborted) return r;
      // the clean-up removed it on purpose: its failing check is not "was done, fails now"
      const cleaned = undone && r.status === 'fail';
      if (!cleaned) record(step, r, 'recheck');
      // nor is it shown as "Not yet" on the step: the session says the clean-up removed it
      if (!cleaned && lesson.steps[lp.currentIndex]?.id === step.id && !running) lastResult = r;
      if (materialChange) void persist();
      emit();
      return r;
    },
    async flush() {
      await saving;
      const failure = saveFailure;
      saveFailure = undefined;
      if (failure) throw failure;
    },
    acceptTarget() {
      if (!targetWarning || !o.target.identityArn) return;
      lp.lockedIdentity = { arn: o.target.identityArn, region: o.target.region };
      targetAccepted = true;
      void persist().then(emit);
    },
  };
  // Resuming on a step with a setup (e.g. the starter file): run it as if just entered.
  if (o.prepareOnOpen !== false && lesson.steps[lp.currentIndex]?.setup) void engine.prepare?.();
  return engine;
}

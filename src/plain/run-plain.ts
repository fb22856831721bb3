/**
 * The plain front-end: the same lesson as the TUI, through typed answers and plain lines
 * (screen readers, dumb terminals, Git Bash, piped answers). It drives the same session as the
 * TUI (src/engine/session.ts) with the same intents, presented as a transcript: it only prints
 * what the session's state says and turns typed lines into intents; the engine decides every
 * rule (what Enter does, what done means, whether a skip asks, when to move on).
 */
import { isDone, validateAnswer, watchesByDefault } from '../engine/rules.js';
import { createSession, type SessionView } from '../engine/session.js';
import { lessonState, openQuestion, type Intent, type QuizAnswer } from '../engine/session-core.js';
import type { CheckProgress, Engine, EngineSnapshot } from '../engine/types.js';
import { describeRef } from '../instructor/facilitator.js';
import type { Io } from '../io.js';
import { fitLines, formatHeader, formatResult, formatRow, formatStepList } from './format.js';
import { sanitizeForTerminal } from '../text/sanitize.js';
import { tutorCommand } from '../text/tutor-command.js';
import { toAscii } from '../text/width.js';
import { hintToText, markdownToText, plainAscii, plainWidth } from './markdown-text.js';
import { InputClosed, inquirerPrompter, linePrompter, type Prompter } from './prompter.js';
import { t as msg } from '../i18n/index.js';

export interface PlainOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  io?: Io;
  /** a ready prompter (tests); default: inquirer on a terminal, lines otherwise */
  prompter?: Prompter;
  /** re-check interval while waiting in watch mode (default: the engine's) */
  watchIntervalMs?: number;
}

/** Every command of the line-by-line tutor, in the learner's language. */
const commands = (): string => msg('plain.commands');

/** How to come back, in the words of the shell that started the tutor. */
function againLine(s: EngineSnapshot): string {
  const cmd = `${tutorCommand()} --plain`;
  return lessonState(s) === 'complete'
    ? msg('plain.againDone', { cmd })
    : msg('plain.again', { cmd });
}

/** The command letters an answer step takes instead of an answer. */
const ANSWER_COMMANDS = /^(h|s|b|q|l|n|c|w|j\s*\d+)$/i;

/** Runs the lesson line by line until it is finished or the learner quits; returns the exit code. */
export async function runPlain(engine: Engine, o: PlainOptions): Promise<number> {
  // TERM=dumb: ASCII only, whatever a message or a lesson pack holds (docs/tui.md says so)
  const ascii = plainAscii();
  const width = plainWidth(o.output);
  // Lesson text, AWS messages and file names are outside text: through the sanitiser.
  const out = (t: string) =>
    void o.output.write(fitLines(sanitizeForTerminal(ascii ? toAscii(t) : t), width));
  const p =
    o.prompter ??
    (o.input.isTTY ? await inquirerPrompter(o.input, o.output) : linePrompter(o.input, o.output));
  const session = createSession(engine, {
    watchIntervalMs: o.watchIntervalMs,
    presentation: 'transcript',
  });
  const send = (intent: Intent): Promise<void> => session.dispatch(intent);

  // ---- the transcript: what changed in the session's state, printed once, in order ----
  let shownIndex = -1;
  let shownResult: unknown;
  let lastLine = '';
  let shownFlash: unknown;
  let wasBusy = false;
  let hintsSeen = new Map<string, number>();
  let printed = new Map<string, string>();
  let lastPct = -1;
  let remindedAt = -1;
  let shownAnswers = new Map<string, QuizAnswer>();

  const showStep = (s: EngineSnapshot) => {
    const { def } = s.steps[s.currentIndex]!;
    out(
      `\n== ${msg(def.optional && !/optional|không bắt buộc/i.test(def.title) ? 'plain.stepOptional' : 'plain.step', { n: s.currentIndex + 1, total: s.steps.length, title: def.title })} ==\n\n`,
    );
    out(`${markdownToText(def.body, { width, ascii, skipHeading: def.title })}\n\n`);
    if (s.currentIndex === 0 || shownIndex === -1)
      out(`${msg('plain.commandsLine', { commands: commands() })}\n`);
    const f = s.steps[s.currentIndex]!.facilitator;
    if (f) {
      // facilitator mode: the exact check and the answer, up front
      out(`${msg('plain.facilitator', { check: describeRef(f.check) })}\n`);
      if (f.solution) out(`${msg('tui.check.solution')} ${f.solution}\n`);
      out('\n');
    }
    shownIndex = s.currentIndex;
    shownResult = s.lastResult;
  };

  /** Live progress of a running check (verify: actions one by one, upload milestones). */
  function printProgress(ev: CheckProgress): void {
    if (ev.kind === 'action') {
      if (ev.row.status === 'waiting' || ev.row.status === 'running') return;
      if (printed.get(ev.row.action) === ev.row.status) return;
      printed.set(ev.row.action, ev.row.status);
      out(`${formatRow(ev.row)}\n`);
    } else if (ev.kind === 'upload') {
      const pct = Math.floor((100 * ev.doneBytes) / Math.max(1, ev.totalBytes) / 25) * 25;
      if (pct > lastPct) {
        lastPct = pct;
        out(`  ${msg('plain.upload', { pct })}\n`);
      }
    } else if (!printed.has(`msg:${ev.text}`)) {
      printed.set(`msg:${ev.text}`, '');
      out(`  ${ev.text}\n`);
    }
  }

  function print({ snap, state }: SessionView): void {
    // an answer's explanation first: the check it may start prints below it
    for (const [id, a] of Object.entries(state.quizAnswers)) {
      if (shownAnswers.get(id) === a) continue;
      shownAnswers.set(id, a);
      if (snap.currentIndex === shownIndex)
        out(
          a.correct
            ? `${msg('plain.right', { explanation: a.explanation })}\n`
            : `${msg('plain.notQuite', { explanation: a.explanation })}\n`,
        );
    }
    const busy = Boolean(state.busy);
    if (busy && !wasBusy) {
      printed = new Map();
      lastPct = -1;
      out(
        state.busy === 'skip'
          ? `${msg('tui.check.applyingSolution')}…\n`
          : `${msg('plain.checking')}\n`,
      );
    }
    wasBusy = busy;
    for (const ev of snap.running?.progress ?? []) printProgress(ev);
    const r = snap.lastResult;
    if (r && r !== shownResult && snap.currentIndex === shownIndex && !snap.running) {
      shownResult = r;
      // while waiting, a re-check with the same outcome is not printed again
      const line = `${r.status}:${r.summary}`;
      if (!(state.waiting && line === lastLine))
        out(formatResult(r, !(state.waiting && r.status === 'pending'), width));
      lastLine = line;
    }
    const entry = snap.steps[snap.currentIndex]!;
    if (snap.currentIndex === shownIndex) {
      const n = entry.progress.hintsShown;
      const seen = hintsSeen.get(entry.def.id) ?? n;
      if (n > seen) {
        const h = entry.def.hints[n - 1]!;
        const total = entry.def.hints.length;
        out(
          `${hintToText(n === total && n > 1 ? msg('tui.check.solution') : msg('plain.hint', { n, total }), h, { width, ascii })}\n`,
        );
      }
      hintsSeen.set(entry.def.id, n);
    }
    if (state.flash && state.flash !== shownFlash) out(`${state.flash.text}\n`);
    shownFlash = state.flash;
    if (snap.currentIndex !== shownIndex) {
      showStep(snap);
      hintsSeen = new Map([[entry.def.id, entry.progress.hintsShown]]);
      shownAnswers = new Map(Object.entries(state.quizAnswers));
      lastLine = '';
      remindedAt = -1;
    }
  }

  /** Waits here (watch mode) until the step passes, Ctrl-C, or the end of the input. */
  const waitHere = (): Promise<void> =>
    new Promise((resolve, reject) => {
      out(`${msg('plain.waiting')}\n`);
      const index = session.view().snap.currentIndex;
      // No prompt is open while waiting, so Ctrl-C arrives as SIGINT: stop cleanly on it.
      const onInterrupt = () => {
        stop();
        void send({ type: 'stop-wait' }).then(() => reject(new InputClosed('interrupt')));
      };
      process.once('SIGINT', onInterrupt);
      // piped answers that have ended can never stop a wait: stop it (the next prompt says so)
      let live = true;
      void p.ended?.then(() => {
        if (!live) return;
        stop();
        void send({ type: 'stop-wait' }).then(resolve);
      });
      const unsubscribe = session.subscribe(() => {
        const v = session.view();
        if (!v.state.waiting || v.snap.currentIndex !== index) {
          stop();
          resolve();
        }
      });
      function stop(): void {
        live = false;
        process.off('SIGINT', onInterrupt);
        unsubscribe();
      }
    });

  /** Runs one typed command; returns an exit code to stop with, or undefined to go on. */
  const command = async (cmd: string): Promise<number | undefined> => {
    const { snap } = session.view();
    if (cmd === '') await send({ type: 'enter' });
    else if (cmd === 'c') await send({ type: 'check' });
    else if (cmd === 'w') await send({ type: 'wait' });
    else if (cmd === 'h') await send({ type: 'hint' });
    else if (cmd === 's') await send({ type: 'skip' });
    else if (cmd === 'b') await send({ type: 'back' });
    else if (cmd === 'n') await send({ type: 'next' });
    else if (cmd === 'l') out(formatStepList(snap));
    else if (/^j\s*\d+$/.test(cmd)) await send({ type: 'jump', index: Number(cmd.slice(1)) - 1 });
    else if (cmd === 'q') {
      await send({ type: 'quit' });
      out(`${msg('plain.saved', { again: againLine(engine.snapshot()) })}\n`);
      return 0;
    } else if (cmd === '?') out(`${commands()}\n`);
    else out(`${msg('plain.unknownCommand', { cmd, commands: commands() })}\n`);
    return undefined;
  };

  const unsubscribe = session.subscribe(() => print(session.view()));
  try {
    out(formatHeader(engine.snapshot(), width));
    const first = engine.snapshot();
    if (first.learner || first.facilitator)
      out(
        `${[
          first.learner ? msg('plain.learner', { learner: first.learner }) : '',
          first.facilitator ? msg('plain.facilitatorMode') : '',
        ]
          .filter(Boolean)
          .join(' · ')}\n`,
      );
    print(session.view());
    for (;;) {
      await session.idle();
      const view = session.view();
      print(view);
      const { snap, state } = view;
      if (state.completedNow) {
        out(`\n${msg('plain.complete', { title: snap.lesson.title })}\n`);
        return 0;
      }
      const { def, progress } = snap.steps[snap.currentIndex]!;
      if (state.confirm === 'skip') {
        const yes = await p.confirm(
          msg(def.solveChangesState ? 'plain.confirmSkipAws' : 'plain.confirmSkip', {
            title: def.title,
          }) +
            (def.solveWritesFile
              ? `. ${msg('tui.check.skipWritesFile', { file: def.solveWritesFile })}`
              : ''),
        );
        await send({ type: 'confirm', yes });
        continue;
      }
      if (state.waiting) {
        await waitHere();
        continue;
      }
      const done = isDone(progress);
      if (remindedAt !== snap.currentIndex) {
        remindedAt = snap.currentIndex;
        if (done && snap.currentIndex < snap.steps.length - 1) out(`${msg('plain.stepDone')}\n`);
        else if (!done && def.optional && lessonState(snap) === 'optional-left')
          out(`${msg('plain.optionalLeft')}\n`);
      }

      // An answer step: the answer is the command unless it is one of the command letters.
      if (def.input && !done) {
        const inp = def.input;
        const v = await p.ask(msg('plain.inputPrompt', { prompt: inp.prompt }), {
          validate: (x) => (ANSWER_COMMANDS.test(x) ? undefined : validateAnswer(inp, x)),
        });
        if (ANSWER_COMMANDS.test(v)) {
          const code = await command(v.toLowerCase());
          if (code !== undefined) return code;
        } else await send({ type: 'submit', value: v });
        continue;
      }
      // An open question: the choices are the answers.
      const q = openQuestion(snap, state);
      if (q) {
        const v = await p.choose(q.question.trim(), q.choices);
        await send({ type: 'quiz-answer', value: v });
        continue;
      }

      const prompt = done
        ? 'plain.nextDone'
        : watchesByDefault(def)
          ? 'plain.nextWatch'
          : 'plain.next';
      const cmd = (await p.ask(msg(prompt), { default: '' })).trim().toLowerCase();
      const code = await command(cmd);
      if (code !== undefined) return code;
    }
  } catch (err) {
    if (err instanceof InputClosed) {
      out(
        `\n${msg(err.reason === 'interrupt' ? 'plain.stopped' : 'plain.inputEnded', { again: againLine(engine.snapshot()) })}\n`,
      );
      return 0;
    }
    throw err;
  } finally {
    unsubscribe();
    session.close();
    p.close();
  }
}

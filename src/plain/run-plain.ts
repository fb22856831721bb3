/**
 * The plain front-end: the same lesson as the TUI, through typed answers and plain lines
 * (screen readers, dumb terminals, Git Bash, piped answers). It renders engine snapshots and
 * sends the same intents as the TUI; the engine decides everything.
 */
import type { CheckProgress, CheckResult, Engine, EngineSnapshot } from '../engine/types.js';
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
  const all = s.steps.every(
    (x) => x.progress.status === 'passed' || x.progress.status === 'skipped',
  );
  const cmd = `${tutorCommand()} --plain`;
  return all ? msg('plain.againDone', { cmd }) : msg('plain.again', { cmd });
}

function done(s: EngineSnapshot, i = s.currentIndex): boolean {
  const st = s.steps[i]?.progress.status;
  return st === 'passed' || st === 'skipped';
}

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
  let shownIndex = -1;
  // Move on by itself only right after the step passed, not when the learner came back to it.
  let advance = false;
  let remindedDone = -1;
  const passed = (r: CheckResult): CheckResult => {
    if (r.status === 'pass') advance = true;
    return r;
  };

  /** Prints live progress of a running check (verify: actions one by one, upload milestones). */
  const follow = <T>(work: Promise<T>): Promise<T> => {
    const printed = new Map<string, string>();
    let lastPct = -1;
    const unsubscribe = engine.subscribe((s) => {
      for (const ev of s.running?.progress ?? []) printProgress(ev);
    });
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
    return work.finally(unsubscribe);
  };

  const check = async (): Promise<CheckResult> => {
    out(`${msg('plain.checking')}\n`);
    const r = await follow(engine.check());
    out(formatResult(r, true, width));
    return passed(r);
  };

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
  };

  /** Watch mode: re-check on save and on a timer until the step passes. */
  const wait = (): Promise<CheckResult> =>
    new Promise((resolve, reject) => {
      out(`${msg('plain.waiting')}\n`);
      let last = '';
      // No prompt is open while waiting, so Ctrl-C arrives as SIGINT: stop cleanly on it.
      const onInterrupt = () => {
        stop();
        reject(new InputClosed('interrupt'));
      };
      process.once('SIGINT', onInterrupt);
      const stop0 = engine.watch({
        intervalMs: o.watchIntervalMs,
        onResult: (r) => {
          const line = `${r.status}:${r.summary}`;
          if (line !== last) {
            last = line;
            out(formatResult(r, r.status !== 'pending', width));
          }
          if (r.status === 'pass') {
            stop();
            resolve(passed(r));
          }
        },
      });
      function stop(): void {
        process.off('SIGINT', onInterrupt);
        stop0();
      }
    });

  const answerQuiz = async (s: EngineSnapshot): Promise<void> => {
    const { def, progress } = s.steps[s.currentIndex]!;
    for (const q of def.quiz ?? []) {
      if (progress.answers?.[q.id] === q.answer) continue;
      for (;;) {
        const v = await p.choose(q.question.trim(), q.choices);
        const r = engine.answerQuiz(q.id, v);
        out(
          r.correct
            ? `${msg('plain.right', { explanation: r.explanation })}\n`
            : `${msg('plain.notQuite', { explanation: r.explanation })}\n`,
        );
        if (r.correct) break;
      }
    }
  };

  /** Runs one typed command; returns an exit code to stop with, or undefined to go on. */
  const command = async (cmd: string, s: EngineSnapshot): Promise<number | undefined> => {
    const { def } = s.steps[s.currentIndex]!;
    if (cmd === '' || cmd === 'c') {
      if (def.watch && cmd === '') await wait();
      else await check();
    } else if (cmd === 'w') await wait();
    else if (cmd === 'h') {
      const h = engine.nextHint();
      const n = engine.snapshot().steps[s.currentIndex]!.progress.hintsShown;
      out(
        h === undefined
          ? `${msg('plain.noMoreHints')}\n`
          : `${hintToText(n === def.hints.length && n > 1 ? msg('tui.check.solution') : msg('plain.hint', { n, total: def.hints.length }), h, { width, ascii })}\n`,
      );
    } else if (cmd === 's' && s.facilitator) {
      // a facilitator skips any step, without the confirmation a learner gets
      out(def.solve ? `${msg('tui.check.applyingSolution')}…\n` : `${msg('plain.skipNoSolve')}\n`);
      out(formatResult(passed(await follow(engine.skip())), true, width));
    } else if (cmd === 's') {
      if (!def.solve) out(`${msg('plain.noSolve')}\n`);
      else if (
        await p.confirm(
          msg(def.solveChangesState ? 'plain.confirmSkipAws' : 'plain.confirmSkip', {
            title: def.title,
          }) +
            (def.solveWritesFile
              ? `. ${msg('tui.check.skipWritesFile', { file: def.solveWritesFile })}`
              : ''),
        )
      ) {
        out(`${msg('tui.check.applyingSolution')}…\n`);
        out(formatResult(passed(await follow(engine.skip())), true, width));
      }
    } else if (cmd === 'b') {
      if (s.currentIndex > 0) engine.back();
      else out(`${msg('plain.firstStep')}\n`);
    } else if (cmd === 'n') {
      if (done(s)) engine.next();
      else out(`${msg('plain.notDone')}\n`);
    } else if (cmd === 'l') out(formatStepList(s));
    else if (/^j\s*\d+$/.test(cmd)) {
      const n = Number(cmd.slice(1).trim()) - 1;
      const furthest = s.furthestIndex ?? s.currentIndex;
      if (n < 0 || n >= s.steps.length || n > furthest)
        out(`${msg('plain.jumpRange', { last: furthest + 1 })}\n`);
      else {
        engine.jump(n);
        shownIndex = -1;
      }
    } else if (cmd === 'q') {
      out(`${msg('plain.saved', { again: againLine(engine.snapshot()) })}\n`);
      return 0;
    } else if (cmd === '?') out(`${commands()}\n`);
    else out(`${msg('plain.unknownCommand', { cmd, commands: commands() })}\n`);
    return undefined;
  };

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
    for (;;) {
      const s = engine.snapshot();
      if (s.currentIndex !== shownIndex) showStep(s);
      const { def, progress } = s.steps[s.currentIndex]!;
      const last = s.currentIndex === s.steps.length - 1;

      if (done(s) && advance) {
        advance = false;
        if (!last) {
          engine.next();
          continue;
        }
        out(`\n${msg('plain.complete', { title: s.lesson.title })}\n`);
        return 0;
      }
      if (done(s) && remindedDone !== s.currentIndex) {
        remindedDone = s.currentIndex;
        out(`${msg('plain.stepDone')}\n`);
      } else if (s.finished && def.optional && !progress.attempts) {
        out(`${msg('plain.optionalLeft')}\n`);
      }

      // An answer step: the answer is the command unless it is one of the command letters.
      if (def.input && !done(s)) {
        const inp = def.input;
        const re = inp.pattern ? new RegExp(inp.pattern) : undefined;
        const v = await p.ask(msg('plain.inputPrompt', { prompt: inp.prompt }), {
          validate: (x) =>
            /^(h|s|b|q|l|n|j\s*\d+)$/i.test(x) || !re || re.test(x)
              ? undefined
              : (inp.patternMessage ?? msg('plain.inputWrong')),
        });
        if (/^(h|s|b|q|l|n|j\s*\d+)$/i.test(v)) {
          const code = await command(v.toLowerCase(), s);
          if (code !== undefined) return code;
          continue;
        }
        const r = engine.setInput(v);
        if (!r.ok) out(`${r.message}\n`);
        else await check();
        continue;
      }
      const quiz = def.quiz ?? [];
      if (quiz.length && !done(s) && !quiz.every((q) => progress.answers?.[q.id] === q.answer)) {
        // The explain step asks about the trace: show it first.
        if (def.view === 'explain' && !s.lastResult) await check();
        await answerQuiz(s);
        await check();
        continue;
      }

      const cmd = (await p.ask(msg(def.watch ? 'plain.nextWatch' : 'plain.next'), { default: '' }))
        .trim()
        .toLowerCase();
      const code = await command(cmd, engine.snapshot());
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
    p.close();
  }
}

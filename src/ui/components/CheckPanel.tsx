import { Box, Text } from 'ink';
import { isDone } from '../../engine/rules.js';
import type { CheckResult } from '../../engine/types.js';
import { describeRef } from '../../instructor/facilitator.js';
import type { TutorState } from '../hooks/use-tutor.js';
import { useSpinner } from '../hooks/use-spinner.js';
import { useTheme } from '../theme-context.js';
import type { Tone } from '../theme.js';
import { sanitizeLine } from '../../text/sanitize.js';
import { Lines, Para } from './Lines.js';
import { layoutHint } from '../../text/markdown.js';
import { t as msg } from '../../i18n/index.js';

/** `text` without a leading "Not yet:" (or whatever `word` is): the head already says it. */
export function withoutPrefix(text: string, word: string): string {
  const t = text.trim();
  const re = new RegExp(`^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*[:.!-]\\s*`, 'i');
  return t.replace(re, '');
}

/** `part` (a sentence) is already said inside `whole` (a summary of several sentences). */
function within(part: string, whole: string): boolean {
  const p = part
    .trim()
    .replace(/[.\s]+$/, '')
    .toLowerCase();
  return p.length >= 20 && whole.toLowerCase().includes(p);
}

function same(a: string, b: string): boolean {
  const n = (x: string) =>
    x
      .trim()
      .replace(/[.\s]+$/, '')
      .toLowerCase();
  return n(a) === n(b);
}

const HEAD: Record<
  CheckResult['status'],
  { tone: Tone; word: () => string; glyph: string; ascii: string }
> = {
  pass: { tone: 'ok', word: () => msg('tui.check.passed'), glyph: '✔', ascii: '[ok]' },
  fail: { tone: 'bad', word: () => msg('tui.check.notYet'), glyph: '✘', ascii: '[x]' },
  pending: { tone: 'warn', word: () => msg('tui.check.pending'), glyph: '⧗', ascii: '[..]' },
  error: { tone: 'bad', word: () => msg('tui.check.error'), glyph: '!', ascii: '[!]' },
};

/** Check status (spinner, result, details, fix), hints shown so far, and dialogs. */
export function CheckPanel({
  s,
  maxDetails,
  width,
}: {
  s: TutorState;
  maxDetails: number;
  /** cells available */
  width: number;
}) {
  const theme = useTheme();
  const { snap, def } = s;
  const running = Boolean(s.busy || snap.running);
  const frame = useSpinner(theme.spinnerFrames, running);
  const progress = snap.steps[s.index]!.progress;
  const r = snap.lastResult;
  const hints = def.hints.slice(0, progress.hintsShown);
  // this step is done and a next one exists: Enter moves on
  const nextOpen = isDone(progress) && s.index < snap.steps.length - 1;
  const lines = [];

  if (s.dialog === 'confirm-skip') {
    lines.push(
      <Para
        key="skip"
        width={width}
        spans={[
          {
            text: def.solveChangesState
              ? msg('tui.check.confirmSkipAws')
              : msg('tui.check.confirmSkip'),
            style: 'warn',
          },
        ]}
      />,
    );
    if (def.solveWritesFile)
      lines.push(
        <Para
          key="skip-file"
          width={width}
          spans={[
            { text: msg('tui.check.skipWritesFile', { file: def.solveWritesFile }), style: 'warn' },
          ]}
        />,
      );
  }
  if (s.dialog === 'jump') {
    lines.push(
      <Para key="jump" width={width} spans={[{ text: msg('tui.check.jump'), style: 'accent' }]} />,
    );
  }
  const what =
    s.busy === 'skip'
      ? msg('tui.check.applyingSolution')
      : s.busy
        ? msg('tui.check.checking')
        : msg('tui.check.checkingLower');
  if (r) {
    // The last result stays on screen while a new check runs (no flicker in watch mode): the
    // spinner goes beside it.
    const h = HEAD[r.status];
    const mark = theme.ascii ? h.ascii : h.glyph;
    const word = h.word();
    const summary = withoutPrefix(sanitizeLine(r.summary), word);
    lines.push(
      <Para
        key="head"
        width={width}
        spans={[
          { text: `${mark} ${word}:`, style: h.tone as 'ok' | 'bad' | 'warn' },
          { text: ` ${summary}` },
          ...(running ? [{ text: ` ${frame} ${what}…`, style: 'accent' as const }] : []),
        ]}
      />,
    );
    // Each thing once: a detail or fix that only repeats the summary is left out.
    const said = [summary];
    // the explain view shows each request with its trace: its one-line digest is not repeated
    const shown =
      r.view?.kind === 'explain' ? r.view.cases.map((c) => `${c.principal} ${c.action}:`) : [];
    // the apply view lays its command out whole (continued with ` \`): a detail quoting it again
    // could only show it cut at the panel's edge
    const command = r.view?.kind === 'applied-policy' ? sanitizeLine(r.view.cliCommand) : undefined;
    const details = (r.details ?? []).map(sanitizeLine).filter((d) => {
      if (said.some((x) => same(x, d) || within(d, x)) || shown.some((p) => d.startsWith(p)))
        return false;
      if (command && d.includes(command)) return false;
      said.push(d);
      return true;
    });
    for (const [i, d] of details.slice(0, maxDetails).entries()) {
      lines.push(
        <Text key={`d${i}`} wrap="truncate-end" {...theme.style('muted')}>
          {'  '}
          {d}
        </Text>,
      );
    }
    const fix = r.fix ? sanitizeLine(r.fix) : undefined;
    if (fix && !said.some((x) => same(x, fix))) {
      lines.push(
        <Para
          key="fix"
          width={width}
          indent="       "
          spans={[{ text: `  ${msg('tui.check.try')} `, style: 'accent' }, { text: fix }]}
        />,
      );
    }
    // Enter goes on from a done step (the engine's rule); the lesson's state is said below
    if (r.status === 'pass' && nextOpen && s.lesson === 'open' && !running) {
      lines.push(
        <Para
          key="next"
          width={width}
          spans={[{ text: msg('tui.check.pressEnter'), style: 'muted' }]}
        />,
      );
    }
  } else if (running) {
    lines.push(
      <Para
        key="spin"
        width={width}
        spans={[
          {
            text: `${frame} ${s.busy ? what : msg('tui.check.watchingChecking')}…`,
            style: 'accent',
          },
        ]}
      />,
    );
  }
  if (s.watching && r && r.status !== 'pass') {
    lines.push(
      <Para
        key="watch"
        width={width}
        spans={[
          { text: `${theme.ascii ? '(o)' : '◉'} ${msg('tui.check.watching')}`, style: 'muted' },
        ]}
      />,
    );
  }
  if (s.lesson !== 'open') {
    // "complete" only when every step is done; with an optional step left, say which
    const optional = snap.steps.findIndex((x, i) => i > s.index && x.def.optional);
    const text =
      s.lesson === 'complete'
        ? msg('tui.check.complete')
        : nextOpen && optional >= 0
          ? msg('tui.check.optionalNext', {
              n: optional + 1,
              title: snap.steps[optional]!.def.title,
            })
          : msg('tui.check.optionalLeft');
    lines.push(<Para key="done" width={width} spans={[{ text: text, style: 'ok' }]} />);
  }
  if (s.flash) {
    lines.push(
      <Para key="flash" width={width} spans={[{ text: s.flash.text, style: s.flash.tone }]} />,
    );
  }
  // Only the latest hint level: the panel must stay short, and each level repeats the last.
  const hint = hints[hints.length - 1];
  if (hint !== undefined) {
    const n = hints.length;
    const solution = n === def.hints.length && def.hints.length > 1;
    // laid out as the step text is: no Markdown marks, a command whole (on lines of its own
    // when it is the whole hint, continued with ` \` when too wide)
    const label = solution
      ? msg('tui.check.solution')
      : msg('tui.check.hint', { n, total: def.hints.length });
    lines.push(
      <Box key="hint" flexDirection="column" flexShrink={0}>
        <Lines
          lines={layoutHint({ text: label, style: 'warn' }, hint, { width, ascii: theme.ascii })}
        />
      </Box>,
    );
  }
  // A facilitator's view of the step last: when the panel is taller than the room it has, it
  // is clipped at its end, and the learner's own lines come first.
  const f = snap.steps[s.index]?.facilitator;
  if (f) {
    lines.push(
      <Text key="facilitator" wrap="truncate-end" {...theme.style('muted')}>
        {f.solve
          ? msg('tui.check.facilitatorSolve', {
              check: describeRef(f.check),
              solve: describeRef(f.solve),
            })
          : msg('tui.check.facilitator', { check: describeRef(f.check) })}
      </Text>,
    );
    if (f.solution) {
      lines.push(
        <Text key="solution">
          <Text {...theme.style('warn')}>{msg('tui.check.solution')} </Text>
          {f.solution}
        </Text>,
      );
    }
  }
  if (lines.length === 0) {
    lines.push(
      <Para key="idle" width={width} spans={[{ text: msg('tui.check.idle'), style: 'muted' }]} />,
    );
  }
  return <Box flexDirection="column">{lines}</Box>;
}

import { Box, Text } from 'ink';
import type { CheckResult } from '../../engine/types.js';
import { describeRef } from '../../instructor/facilitator.js';
import type { TutorState } from '../hooks/use-tutor.js';
import { useSpinner } from '../hooks/use-spinner.js';
import { useTheme } from '../theme-context.js';
import type { Tone } from '../theme.js';

const HEAD: Record<
  CheckResult['status'],
  { tone: Tone; word: string; glyph: string; ascii: string }
> = {
  pass: { tone: 'ok', word: 'Passed', glyph: '✔', ascii: '[ok]' },
  fail: { tone: 'bad', word: 'Not yet', glyph: '✘', ascii: '[x]' },
  pending: { tone: 'warn', word: 'Waiting for AWS to apply the change', glyph: '⧗', ascii: '[..]' },
  error: { tone: 'bad', word: 'Could not check', glyph: '!', ascii: '[!]' },
};

/** Check status (spinner, result, details, fix), hints shown so far, and dialogs. */
export function CheckPanel({ s, maxDetails }: { s: TutorState; maxDetails: number }) {
  const theme = useTheme();
  const { snap, def } = s;
  const running = Boolean(s.busy || snap.running);
  const frame = useSpinner(theme.spinnerFrames, running);
  const progress = snap.steps[s.index]!.progress;
  const r = snap.lastResult;
  const hints = def.hints.slice(0, progress.hintsShown);
  const lines = [];

  const f = snap.steps[s.index]?.facilitator;
  if (f) {
    lines.push(
      <Text key="facilitator" wrap="truncate-end" {...theme.style('muted')}>
        Facilitator: check {describeRef(f.check)}
        {f.solve ? ` · solve ${describeRef(f.solve)}` : ''}
      </Text>,
    );
    if (f.solution) {
      lines.push(
        <Text key="solution">
          <Text {...theme.style('warn')}>Solution: </Text>
          {f.solution}
        </Text>,
      );
    }
  }
  if (s.dialog === 'confirm-skip') {
    lines.push(
      <Text key="skip" {...theme.style('warn')}>
        Skip this step? The tutor will apply the solution for you
        {def.solveChangesState ? ' (this changes your AWS resources)' : ''}. y/n
      </Text>,
    );
  }
  if (s.dialog === 'jump') {
    lines.push(
      <Text key="jump" {...theme.style('accent')}>
        Go to which step? ↑↓ then Enter (steps you have not reached are locked)
      </Text>,
    );
  }
  if (running) {
    const what =
      s.busy === 'skip'
        ? 'Applying the solution, then checking'
        : s.busy
          ? 'Checking'
          : 'Watching: checking';
    lines.push(
      <Text key="spin" {...theme.style('accent')}>
        {frame} {what}…
      </Text>,
    );
  } else if (r) {
    const h = HEAD[r.status];
    lines.push(
      <Text key="head">
        <Text {...theme.style(h.tone)}>
          {theme.ascii ? h.ascii : h.glyph} {h.word}:
        </Text>{' '}
        {r.summary}
      </Text>,
    );
    for (const [i, d] of (r.details ?? []).slice(0, maxDetails).entries()) {
      lines.push(
        <Text key={`d${i}`} wrap="truncate-end" {...theme.style('muted')}>
          {'  '}
          {d}
        </Text>,
      );
    }
    if (r.fix) {
      lines.push(
        <Text key="fix" wrap="truncate-end">
          <Text {...theme.style('key')}> try: </Text>
          {r.fix}
        </Text>,
      );
    }
    if (r.status === 'pass' && !snap.finished) {
      lines.push(
        <Text key="next" {...theme.style('muted')}>
          Press Enter for the next step.
        </Text>,
      );
    }
  }
  if (s.watching && !running && (!r || r.status !== 'pass')) {
    lines.push(
      <Text key="watch" {...theme.style('muted')}>
        {theme.ascii ? '(o)' : '◉'} Watching: re-checks when you save and every few seconds.
      </Text>,
    );
  }
  if (snap.finished) {
    const optionalLeft =
      def.optional && progress.status !== 'passed' && progress.status !== 'skipped';
    lines.push(
      <Text key="done" {...theme.style('ok')}>
        {optionalLeft
          ? 'Every required step is done: this one is optional (Enter checks it, s lets the tutor do it, q quits).'
          : 'Lesson complete: every step is done. Press q to quit (your progress is saved).'}
      </Text>,
    );
  }
  if (s.flash) {
    lines.push(
      <Text key="flash" {...theme.style(s.flash.tone)}>
        {s.flash.text}
      </Text>,
    );
  }
  // Only the latest hint level: the panel must stay short, and each level repeats the last.
  const hint = hints[hints.length - 1];
  if (hint !== undefined) {
    const n = hints.length;
    const solution = n === def.hints.length && def.hints.length > 1;
    lines.push(
      <Text key="hint">
        <Text {...theme.style('warn')}>
          {solution ? 'Solution' : `Hint ${n}/${def.hints.length}`}:{' '}
        </Text>
        {hint}
      </Text>,
    );
  }
  if (lines.length === 0) {
    lines.push(
      <Text key="idle" {...theme.style('muted')}>
        Not checked yet.
      </Text>,
    );
  }
  return <Box flexDirection="column">{lines}</Box>;
}

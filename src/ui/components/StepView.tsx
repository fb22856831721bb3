import { Box, Text } from 'ink';
import type { TutorState } from '../hooks/use-tutor.js';
import { AnswerInput } from '../views/AnswerInput.js';
import { ApplyView } from '../views/ApplyView.js';
import { ExplainView } from '../views/ExplainView.js';
import { PolicyFileView } from '../views/PolicyFileView.js';
import { QuizView } from '../views/QuizView.js';
import { ResourcesView } from '../views/ResourcesView.js';
import { VerifyView } from '../views/VerifyView.js';
import { useTheme } from '../theme-context.js';
import { isDone } from '../../engine/rules.js';
import { t as msg } from '../../i18n/index.js';

/** The step-specific part under the step's text: input, quiz, or the last check's rich data. */
export function StepView({
  s,
  width,
  quizWaiting,
}: {
  s: TutorState;
  /** cells available */
  width: number;
  /** the learner is still reading the text: the questions show as one line */
  quizWaiting?: boolean;
}) {
  const theme = useTheme();
  const { def, snap } = s;
  const view = snap.lastResult?.view;
  const done = isDone(snap.steps[s.index]?.progress);
  const running = snap.running?.stepId === def.id ? snap.running : undefined;
  const parts = [];
  if (def.input) {
    parts.push(
      <AnswerInput
        key="input"
        input={def.input}
        value={s.input}
        focused={s.typing}
        error={s.inputError}
        saved={snap.vars[def.input.variable]}
        width={width}
      />,
    );
  }
  const quizParts = [];
  if (def.quiz?.length && quizWaiting) {
    const n = def.quiz.length;
    quizParts.push(
      <Text key="quiz" {...theme.style('accent')} wrap="truncate-end">
        {msg('tui.quiz.waiting', { n, down: theme.ascii ? msg('tui.key.down') : '↓' })}
      </Text>,
    );
  } else if (def.quiz?.length) {
    quizParts.push(
      <QuizView
        key="quiz"
        quiz={def.quiz}
        answers={s.quizAnswers}
        cursor={s.quizCursor}
        lastAnswered={s.lastAnswered}
        passed={done}
        width={width}
      />,
    );
  }
  if (def.view === 'verify' || view?.kind === 'verify') {
    const rows = view?.kind === 'verify' ? view.rows : [];
    if (rows.length || running?.progress.length)
      parts.push(
        <VerifyView
          key="verify"
          rows={running ? [] : rows}
          progress={running?.progress ?? []}
          running={Boolean(running)}
          width={width}
          note={running ? undefined : view?.kind === 'verify' ? view.note : undefined}
        />,
      );
  } else if (view?.kind === 'policy-file') {
    parts.push(
      <PolicyFileView
        key="pf"
        file={view.file}
        text={view.text}
        findings={view.findings}
        width={width}
      />,
    );
  } else if (view?.kind === 'applied-policy') {
    parts.push(
      <ApplyView key="apply" cliCommand={view.cliCommand} diff={view.diff} width={width} />,
    );
  } else if (view?.kind === 'explain') {
    parts.push(<ExplainView key="explain" cases={view.cases} width={width} />);
  } else if (view?.kind === 'resources') {
    // (an identity view adds nothing to the header, which shows identity, account and region)
    parts.push(<ResourcesView key="res" view={view} />);
  }
  // An open question comes before long data (the explain step's trace) so that it is on
  // screen at 80x24; the trace it asks about follows, scrollable with PgDn/j.
  parts.splice(def.input ? 1 : 0, 0, ...quizParts);
  if (!parts.length) return null;
  return (
    <Box flexDirection="column" gap={1} marginTop={s.showResults ? 0 : 1} flexShrink={0}>
      {parts}
    </Box>
  );
}

/**
 * The tutor screen: header, step list beside the current step, check panel, key footer.
 * The root is the only component that calls exit(); everything else goes through useTutor.
 */
import { Box, Text, useApp, useStdout } from 'ink';
import { useMemo, useState } from 'react';
import { layoutMarkdown } from '../text/markdown.js';
import { clipboardRoute, osc52 } from './copy.js';
import { shellWords } from '../text/shell.js';
import { Para } from './components/Lines.js';
import type { Engine } from '../engine/types.js';
import { CheckPanel } from './components/CheckPanel.js';
import { Footer } from './components/Footer.js';
import { Header } from './components/Header.js';
import { StepList } from './components/StepList.js';
import { quizOpen, StepPane } from './components/StepPane.js';
import { StepStrip } from './components/StepStrip.js';
import { furthestReachable, useTutor } from './hooks/use-tutor.js';
import { keyHelp, useTutorKeys } from './hooks/use-tutor-keys.js';
import { useScroll } from './hooks/use-scroll.js';
import { useTerminalSize, type Size } from './hooks/use-terminal-size.js';
import { ThemeContext } from './theme-context.js';
import type { Theme } from './theme.js';
import { useTheme } from './theme-context.js';
import { t as msg } from '../i18n/index.js';

export interface AppProps {
  engine: Engine;
  theme?: Theme;
  /** pin the size (tests); otherwise follow the terminal */
  size?: Size;
  watchIntervalMs?: number;
  /** called when the learner quits, before exit() */
  onQuit?: () => void;
}

/** Terminals narrower than this show the step list as a one-line strip (80 columns: the text needs them). */
const SIDE_BY_SIDE_MIN = 100;

function Screen({ engine, size: fixed, watchIntervalMs, onQuit }: AppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const size = useTerminalSize(fixed);
  const [s, a] = useTutor(
    engine,
    () => {
      onQuit?.();
      exit();
    },
    { watchIntervalMs },
  );
  // The pane starts at the top of new content; on a step with open questions the arrows first
  // move through the text, then (↓ at its end, or Enter) into the questions.
  const answered = Object.keys(s.quizAnswers).length;
  const scrollKey = `${s.index}|${s.showResults}|${s.snap.lastResult?.status}|${s.snap.lastResult?.summary}|${answered}`;
  const scroll = useScroll(scrollKey, quizOpen(s) && !s.showResults ? 'text' : 'questions');
  // `y` copies the step's commands (each on its own line, as they would be typed).
  const { stdout } = useStdout();
  const applyCommand =
    s.snap.lastResult?.view?.kind === 'applied-policy' ? s.snap.lastResult.view.cliCommand : '';
  const commands = useMemo(() => {
    const inText = layoutMarkdown(s.def.body, { width: Infinity }).commands;
    // the result's own command (the apply step's, with this session's flags) when there is one
    // (the same command with its flags in another order is the same command: once)
    const words = (c: string) => shellWords(c).sort().join(' ');
    return applyCommand && !inText.some((c) => words(c) === words(applyCommand))
      ? [...inText, applyCommand]
      : inText;
  }, [s.def.body, applyCommand]);
  const [copied, setCopied] = useState<string>();
  const stepKey = `${s.index}|${s.def.id}`;
  const [copiedStep, setCopiedStep] = useState(stepKey);
  if (copiedStep !== stepKey) {
    setCopiedStep(stepKey);
    setCopied(undefined);
  }
  const view = useMemo(
    () =>
      commands.length
        ? {
            ...scroll,
            copy: () => {
              // sent even where it is likely dropped: the terminal may still take it
              stdout.write(osc52(commands.join('\n') + '\n'));
              const route = clipboardRoute();
              const count = commands.length;
              setCopied(
                route === 'tmux-off'
                  ? msg('tui.copiedTmuxOff', { count })
                  : route === 'screen'
                    ? msg('tui.copiedScreen', { count })
                    : msg('tui.copied', { count }),
              );
            },
          }
        : scroll,
    [commands, scroll, stdout],
  );
  useTutorKeys(s, a, view);

  // Stay one row short of the terminal: an Ink frame as tall as the screen is redrawn by
  // clearing the whole terminal, which flickers.
  const rows = Math.max(12, size.rows - 1);
  const width = Math.max(40, size.columns);
  const side = width >= SIDE_BY_SIDE_MIN;
  const listWidth = Math.min(34, Math.floor(width * 0.3));
  const headerRows = 2 + (s.snap.targetWarning ? 1 : 0) + (s.snap.notices?.length ?? 0);
  const rule = (theme.ascii ? '-' : '─').repeat(width);
  const maxDetails = Math.max(2, Math.floor(rows * 0.15));
  const paneHeight =
    rows - headerRows - (side ? 0 : 1) /* strip */ - 2 /* rules */ - 1; /* footer */
  // rows the step's text keeps (its scroll marker included) whatever the panel under it needs
  const textRows = Math.max(3, Math.floor(paneHeight * 0.3));
  const reachable = furthestReachable(s.snap);
  // In a narrow terminal the jump dialog shows the full list in place of the step text.
  const listInPane = !side && s.dialog === 'jump';
  return (
    <Box flexDirection="column" width={width} height={rows}>
      <Header snap={s.snap} width={width} />
      {side ? null : <StepStrip snap={s.snap} />}
      <Text {...theme.style('muted')}>{rule}</Text>
      <Box flexDirection="row" height={paneHeight} overflow="hidden">
        {side ? (
          <StepList
            snap={s.snap}
            width={listWidth}
            height={paneHeight}
            cursor={s.dialog === 'jump' ? s.jumpCursor : undefined}
            reachable={reachable}
          />
        ) : null}
        {listInPane ? (
          <Box flexDirection="column">
            <Text {...theme.style('accent')}>
              Go to which step? ↑↓ then Enter (later steps are locked)
            </Text>
            <StepList
              snap={s.snap}
              width={width}
              height={paneHeight - 1}
              cursor={s.jumpCursor}
              reachable={reachable}
            />
          </Box>
        ) : null}
        {listInPane ? null : (
          <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
            {/* The step's title and a few rows of its text (with the scroll marker) stay on
                screen however tall the check panel grows (a long hint, a facilitator's lines
                at 60x20): the panel is clipped at its end instead of drawn over the text. */}
            <StepPane
              s={s}
              scroll={scroll}
              width={side ? width - listWidth : width}
              textMin={textRows}
            />
            <Box flexDirection="column" flexShrink={1} marginTop={1} overflow="hidden">
              {/* not shrunk itself: shrunk rows would be drawn over each other */}
              <Box flexDirection="column" flexShrink={0}>
                {/* the answer to the key just pressed first: the panel may be clipped at its end */}
                {copied ? (
                  <Para
                    width={side ? width - listWidth : width}
                    spans={[{ text: copied, style: 'muted' }]}
                  />
                ) : null}
                <CheckPanel
                  s={s}
                  maxDetails={maxDetails}
                  width={side ? width - listWidth : width}
                />
              </Box>
            </Box>
          </Box>
        )}
      </Box>
      <Text {...theme.style('muted')}>{rule}</Text>
      <Footer keys={keyHelp(s, view)} width={width} />
    </Box>
  );
}

/** The whole TUI; wrap it in Ink's render() (see render-tutor.tsx) or ink-testing-library. */
export function App(props: AppProps) {
  if (props.theme) {
    return (
      <ThemeContext.Provider value={props.theme}>
        <Screen {...props} />
      </ThemeContext.Provider>
    );
  }
  return <Screen {...props} />;
}

import { useInput, useStdin, type Key } from 'ink';
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { Scroll } from './use-scroll.js';
import { stepDone, watchesByDefault, type TutorActions, type TutorState } from './use-tutor.js';
import { t as msg } from '../../i18n/index.js';

/** What each key does, by what is on screen. Shown in the footer by `keyHelp`. */
export function handleKey(
  input: string,
  key: Key,
  s: TutorState,
  a: TutorActions,
  view?: Scroll,
): void {
  if (key.ctrl && input === 'c') return a.quit();

  if (s.dialog === 'confirm-skip') {
    if (input === 'y' || input === 'Y') a.answerSkip(true);
    else if (input === 'n' || input === 'N' || key.escape) a.answerSkip(false);
    return;
  }
  if (s.dialog === 'jump') {
    if (key.upArrow || input === 'k') a.moveJump(-1);
    else if (key.downArrow || input === 'j') a.moveJump(1);
    else if (key.return) a.confirmJump();
    else if (key.escape || input === 'g' || input === 'q') a.closeDialog();
    return;
  }
  if (s.typing) {
    if (view && (key.pageUp || key.pageDown)) view.page(key.pageUp ? -1 : 1);
    else if (key.return) a.submitInput();
    else if (key.escape || key.tab) a.setInputFocus(false);
    else if (key.backspace || key.delete) a.backspace();
    else if (input && !key.ctrl && !key.meta) typeBurst(input, a);
    return;
  }

  const quizOpen =
    !stepDone(s.snap, s.index) && (s.def.quiz ?? []).some((q) => !s.quizAnswers[q.id]?.correct);
  if (quizOpen && view?.focus === 'text' && !s.showResults) {
    // reading the text first: the arrows scroll it, and move into the questions at its end
    if (key.downArrow || input === 'j')
      return view.moreBelow ? view.by(1) : view.setFocus('questions');
    if (key.upArrow || input === 'k') return view.by(-1);
    if (key.return) return view.setFocus('questions');
  }
  if (quizOpen) {
    if (key.upArrow && view && s.quizCursor === 0 && !s.showResults && view.scrollable)
      return view.setFocus('text');
    if (key.upArrow) return a.quizMove(-1);
    if (key.downArrow) return a.quizMove(1);
    if (key.return) return a.quizAnswer();
    if (/^[1-9]$/.test(input)) return a.quizAnswer(Number(input) - 1);
  }

  const done = stepDone(s.snap, s.index);
  if (input === 'q') return a.quit();
  if (key.return) return done ? a.next() : a.check();
  if (input === 'c') return a.check();
  if (input === 'n' || key.rightArrow) return a.next();
  if (input === 'b' || key.leftArrow) return a.back();
  if (input === 'g') return a.openJump();
  if (input === 'h') return a.hint();
  if (input === 's') return a.askSkip();
  if (input === 'w') return a.toggleWatch();
  if ((input === 't' || key.tab) && (s.snap.lastResult?.view || s.def.quiz?.length))
    return a.toggleResults();
  if (input === 'a' && s.snap.targetWarning) return a.acceptTarget();
  if (input === 'y' && view?.copy) return view.copy();
  if (s.def.input && input === 'i') return a.setInputFocus(true);
  if (view) {
    if (key.upArrow || input === 'k') return view.by(-1);
    if (key.downArrow || input === 'j') return view.by(1);
    if (key.pageUp) return view.page(-1);
    if (key.pageDown || input === ' ') return view.page(1);
    return;
  }
  if (key.upArrow || input === 'k') return a.scrollBy(-1);
  if (key.downArrow || input === 'j') return a.scrollBy(1);
  if (key.pageUp) return a.scrollBy(-8);
  if (key.pageDown || input === ' ') return a.scrollBy(8);
}

/**
 * Several keys can arrive in one chunk (a paste, a fast typist over ssh, a terminal
 * multiplexer): Ink then hands them over as one string, so erase and Enter inside it are
 * applied here one character at a time instead of being typed as text.
 */
function typeBurst(input: string, a: TutorActions): void {
  let text = '';
  const flush = () => {
    if (text) a.type(text);
    text = '';
  };
  for (const ch of input) {
    if (ch === '\u007f' || ch === '\b') {
      flush();
      a.backspace();
    } else if (ch === '\r' || ch === '\n') {
      flush();
      a.submitInput();
      return;
    } else if (ch >= ' ') text += ch;
  }
  flush();
}

/** The keys shown in the footer for what is on screen now. */
export function keyHelp(s: TutorState, view?: Scroll): Array<[string, string]> {
  if (s.dialog === 'confirm-skip')
    return [
      ['y', msg('tui.key.skipApply')],
      ['n', msg('tui.key.keepWorking')],
    ];
  if (s.dialog === 'jump')
    return [
      ['↑↓', msg('tui.key.choose')],
      ['Enter', msg('tui.key.goTo')],
      ['Esc', msg('tui.key.cancel')],
    ];
  if (s.typing)
    return [
      ['Enter', msg('tui.key.submit')],
      ['Esc', msg('tui.key.keys')],
      ['Ctrl-C', msg('tui.key.quit')],
    ];
  const done = stepDone(s.snap, s.index);
  const keys: Array<[string, string]> = [];
  const questions =
    s.def.view === 'concept' &&
    !done &&
    (s.def.quiz ?? []).some((q) => !s.quizAnswers[q.id]?.correct);
  if (questions && view?.focus === 'text' && !s.showResults)
    keys.push(['Enter', msg('tui.key.questions')]);
  else if (questions) keys.push(['↑↓ Enter', msg('tui.key.answer')]);
  if (keys.length) keys.push(['c', msg('tui.key.check')]);
  else
    keys.push(
      done && !s.snap.finished ? ['Enter', msg('tui.key.next')] : ['Enter', msg('tui.key.check')],
    );
  if (s.def.input) keys.push(['i', msg('tui.key.type')]);
  keys.push(
    ['h', msg('tui.key.hint')],
    ['s', msg('tui.key.skip')],
    ['b', msg('tui.key.back')],
    ['g', msg('tui.key.jump')],
  );
  if (s.snap.lastResult?.view || s.def.quiz?.length)
    keys.push(['t', s.showResults ? msg('tui.key.text') : msg('tui.key.results')]);
  if (watchesByDefault(s.def))
    keys.push(['w', s.watchOn ? msg('tui.key.watchOff') : msg('tui.key.watchOn')]);
  if (view?.copy) keys.push(['y', msg('tui.key.copy')]);
  if (s.snap.targetWarning) keys.push(['a', msg('tui.key.accept')]);
  keys.push(['q', msg('tui.key.quit')]);
  return keys;
}

/** Routes key presses to the tutor; inactive without raw mode (no TTY), where Ink would throw. */
export function useTutorKeys(s: TutorState, a: TutorActions, view?: Scroll): void {
  const { isRawModeSupported } = useStdin();
  // Keys must act on what is on screen now. Ink re-subscribes a changed handler in a passive
  // effect, which can run after the next key arrives; a ref updated at commit cannot lag.
  const latest = useRef({ s, a, view });
  useLayoutEffect(() => {
    latest.current = { s, a, view };
  });
  const onKey = useCallback((input: string, key: Key) => {
    handleKey(input, key, latest.current.s, latest.current.a, latest.current.view);
  }, []);
  useInput(onKey, { isActive: isRawModeSupported === true });
}

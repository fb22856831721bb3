import { useInput, useStdin, type Key } from 'ink';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
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
  if (key.ctrl && input === 'c') return a.quitNow();

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
  if (key.return) return a.enter();
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
  // an answer step: a character that is not a key of its own goes back into the answer
  if (s.def.input && !done && !s.busy && /^[\p{L}\p{N}\-.:/@]$/u.test(input)) {
    a.setInputFocus(true);
    return a.type(input);
  }
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
  const last = s.index >= s.snap.steps.length - 1;
  if (keys.length) keys.push(['c', msg('tui.key.check')]);
  else if (!done) keys.push(['Enter', msg('tui.key.check')]);
  else if (!last) keys.push(['Enter', msg('tui.key.next')]);
  if (s.def.input && !done)
    keys.push(
      /\\d|\[0-9/.test(s.def.input.pattern ?? '')
        ? ['i', msg('tui.key.typeDigits')]
        : ['i', msg('tui.key.type')],
    );
  keys.push(
    ['h', msg('tui.key.hint')],
    ['s', msg('tui.key.skip')],
    ['b', msg('tui.key.back')],
    ['g', msg('tui.key.jump')],
  );
  if (s.snap.lastResult?.view || s.def.quiz?.length)
    keys.push(['t', s.showResults ? msg('tui.key.text') : msg('tui.key.results')]);
  // the switch only while it can matter: a done step is not watched
  if (watchesByDefault(s.def) && !done)
    keys.push(['w', s.watchOn ? msg('tui.key.watchOff') : msg('tui.key.watchOn')]);
  if (view?.copy) keys.push(['y', msg('tui.key.copy')]);
  if (s.snap.targetWarning) keys.push(['a', msg('tui.key.accept')]);
  keys.push(['q', msg('tui.key.quit')]);
  return keys;
}

/**
 * One key as Ink would have parsed it alone. Ink hands a run of plain characters that arrived
 * in one chunk (a paste, fast typing over ssh, tmux) over as one string; the tutor splits it
 * so that each key acts on the state the key before it left.
 */
function splitKeys(input: string, key: Key): Array<[string, Key]> {
  const chars = [...input];
  // a key pressed before the terminal was in raw mode arrives as a cooked line: Enter is \n
  if (input === '\n') return [['', { ...key, return: true }]];
  if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  const none: Key = { ...key, shift: false, return: false, tab: false, backspace: false };
  return chars.map((ch): [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...none, return: true }];
    if (ch === '\t') return ['', { ...none, tab: true }];
    if (ch === '\u007f' || ch === '\b') return ['', { ...none, backspace: true }];
    return [ch, { ...none, shift: /[A-Z]/.test(ch) }];
  });
}

/**
 * Routes key presses to the tutor, ONE AT A TIME: each key waits until what the key before it
 * asked for is processed by the session and drawn, so a burst (`hhq`, `sy`, Down+Enter) acts
 * on the screen each key would have seen. Inactive without raw mode (no TTY), where Ink throws.
 */
export function useTutorKeys(s: TutorState, a: TutorActions, view?: Scroll): void {
  const { isRawModeSupported } = useStdin();
  // Keys must act on what is on screen now. Ink re-subscribes a changed handler in a passive
  // effect, which can run after the next key arrives; a ref updated at commit cannot lag.
  const latest = useRef({ s, a, view });
  const pending = useRef<Array<[string, Key]>>([]);
  // 'intents': the session is processing the last key; 'frame': a frame from its result is due
  const waiting = useRef<false | 'intents' | 'frame'>(false);
  const [, setDrawn] = useState(0);
  const pump = useCallback(() => {
    if (waiting.current) return;
    const next = pending.current.shift();
    if (!next) return;
    waiting.current = 'intents';
    const { s: now, a: act, view: v } = latest.current;
    handleKey(next[0], next[1], now, act, v);
    // the next key waits for this one's intents, then for a frame drawn from their result
    void act.settled().then(() => {
      waiting.current = 'frame';
      setDrawn((n) => n + 1);
    });
  }, []);
  useLayoutEffect(() => {
    latest.current = { s, a, view };
    if (waiting.current === 'frame') {
      waiting.current = false;
      pump();
    }
  });
  const onKey = useCallback(
    (input: string, key: Key) => {
      // Ctrl-C quits at once, whatever is still queued
      if (key.ctrl && input === 'c') return latest.current.a.quitNow();
      pending.current.push(...splitKeys(input, key));
      pump();
    },
    [pump],
  );
  useInput(onKey, { isActive: isRawModeSupported === true });
}

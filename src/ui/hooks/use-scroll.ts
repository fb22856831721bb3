/**
 * What part of the step pane the learner looks at: the scroll position, and whether the arrow
 * keys move through the text or through the questions under it. UI state only (no lesson
 * rule lives here). The pane reports its size after each layout (`measured`); paging moves by
 * exactly the rows that show text, so paging from the top reaches every line once.
 */
import { useCallback, useMemo, useRef, useState } from 'react';

export type Focus = 'text' | 'questions';

export interface Scroll {
  /** first content row shown */
  offset: number;
  /** rows the pane has for content (its status row excluded when it scrolls) */
  rows: number;
  /** rows the content needs */
  content: number;
  /** the content is taller than the pane: a status row shows where the learner is */
  scrollable: boolean;
  moreBelow: boolean;
  moreAbove: boolean;
  focus: Focus;
  by(delta: number): void;
  /** one page down (1) or up (-1) */
  page(dir: 1 | -1): void;
  setFocus(f: Focus): void;
  /** the pane's size after layout: total height and content height */
  measured(height: number, content: number): void;
  /** copies the step's commands to the clipboard, when it shows any */
  copy?: () => void;
}

interface Box {
  offset: number;
  height: number;
  content: number;
  focus: Focus;
  /** not measured since the reset: a text that fits at once needs no reading first */
  fresh: boolean;
}

function clamp(b: Box): Box {
  // not measured yet (a key right after new content): keep the move, measuring clamps it
  if (b.fresh) return b;
  const rows = b.content > b.height ? Math.max(1, b.height - 1) : b.height;
  const max = Math.max(0, b.content - rows);
  const offset = Math.min(Math.max(0, b.offset), max);
  return offset === b.offset ? b : { ...b, offset };
}

/** Scroll state that starts again at the top (and with `initialFocus`) whenever `resetKey` changes. */
export function useScroll(resetKey: string, initialFocus: Focus = 'text'): Scroll {
  const [box, setBox] = useState<Box>({
    offset: 0,
    height: 0,
    content: 0,
    focus: initialFocus,
    fresh: true,
  });
  // Keys can arrive faster than React commits: each change works on the latest value.
  const ref = useRef(box);
  const update = useCallback((f: (b: Box) => Box) => {
    const next = clamp(f(ref.current));
    if (next === ref.current) return;
    ref.current = next;
    setBox(next);
  }, []);
  // Reset during render (React's "adjust state when a prop changes"), not in an effect: a key
  // pressed before the effect ran would act on the old step's position.
  const [seen, setSeen] = useState(resetKey);
  if (seen !== resetKey) {
    setSeen(resetKey);
    const next = { ...ref.current, offset: 0, content: 0, focus: initialFocus, fresh: true };
    ref.current = next;
    setBox(next);
  }
  const b = seen === resetKey ? box : ref.current;
  const scrollable = b.content > b.height && b.height > 0;
  const rows = scrollable ? Math.max(1, b.height - 1) : b.height;
  const by = useCallback((d: number) => update((x) => ({ ...x, offset: x.offset + d })), [update]);
  const page = useCallback(
    (dir: 1 | -1) =>
      update((x) => {
        const r = x.content > x.height || x.fresh ? Math.max(1, x.height - 1) : x.height;
        return { ...x, offset: x.offset + dir * r };
      }),
    [update],
  );
  const setFocus = useCallback((focus: Focus) => update((x) => ({ ...x, focus })), [update]);
  const measured = useCallback(
    (height: number, content: number) =>
      update((x) => {
        if (x.fresh && content > 0 && height > 0) {
          // the whole text is on screen at once: straight to the questions
          const focus = content <= height ? 'questions' : x.focus;
          return { ...x, height, content, focus, fresh: false };
        }
        return x.height === height && x.content === content ? x : { ...x, height, content };
      }),
    [update],
  );
  return useMemo(
    () => ({
      offset: b.offset,
      rows,
      content: b.content,
      scrollable,
      moreBelow: scrollable && b.offset + rows < b.content,
      moreAbove: scrollable && b.offset > 0,
      focus: b.focus,
      by,
      page,
      setFocus,
      measured,
    }),
    [b, rows, scrollable, by, page, setFocus, measured],
  );
}

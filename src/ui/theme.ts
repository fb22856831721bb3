/**
 * Colour and glyph choices for the TUI. Chalk (inside Ink) already honours FORCE_COLOR and
 * TERM=dumb but not NO_COLOR, so the decision is made here once and components only ever ask
 * the theme for Text props: with colour off they get none and no escape codes are written.
 */
import type { StepStatus } from '../engine/types.js';

export type Tone = 'accent' | 'ok' | 'bad' | 'warn' | 'muted' | 'code' | 'key' | 'strong';

export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface Theme {
  color: boolean;
  /** ASCII-only marks for terminals that may not draw Unicode (TERM=dumb) */
  ascii: boolean;
  style(tone: Tone): TextStyle;
  mark(status: StepStatus | 'current' | 'stale'): string;
  spinnerFrames: string[];
}

/** Whether to colour: FORCE_COLOR wins, then NO_COLOR, then TERM=dumb, then "is it a TTY". */
export function wantsColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force === 'false');
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

const TONES: Record<Tone, TextStyle> = {
  accent: { color: 'cyan', bold: true },
  ok: { color: 'green' },
  bad: { color: 'red' },
  warn: { color: 'yellow' },
  muted: { dimColor: true },
  code: { color: 'yellow' },
  key: { color: 'cyan', bold: true },
  strong: { bold: true },
};

/** Builds the theme for an environment (tests pass their own env). */
export function makeTheme(env: NodeJS.ProcessEnv = process.env, isTTY = true): Theme {
  const color = wantsColor(env, isTTY);
  const ascii = env.TERM === 'dumb' || env.ECR_TUTOR_ASCII === '1';
  // stale: was done, and its live check fails now
  const marks: Record<StepStatus | 'current' | 'stale', string> = ascii
    ? {
        passed: '[x]',
        skipped: '[s]',
        failed: '[!]',
        'not-started': '[ ]',
        current: '>',
        stale: '[~]',
      }
    : { passed: '✔', skipped: '↷', failed: '✘', 'not-started': '○', current: '▶', stale: '↺' };
  return {
    color,
    ascii,
    style: (tone) => (color ? TONES[tone] : {}),
    mark: (s) => marks[s],
    spinnerFrames: ascii
      ? ['-', '\\', '|', '/']
      : ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  };
}

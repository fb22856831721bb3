/**
 * Copying text to the learner's clipboard from a terminal program: OSC 52, which xterm, iTerm2,
 * kitty, WezTerm, Windows Terminal and tmux (with `set-clipboard on`) understand, over ssh too.
 * A terminal that does not ignores the sequence, and nothing tells the program whether it
 * worked: so the message says what was sent and what to do if nothing pastes. Inside tmux the
 * sequence reaches the clipboard only when tmux's `set-clipboard` is `on` (its default,
 * `external`, drops it): the tutor asks tmux, and says so when it is not.
 */
import { execFileSync } from 'node:child_process';

/** The escape sequence that puts `text` on the clipboard. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Where an OSC 52 sequence written now ends up, as far as the tutor can know. */
export type ClipboardRoute = 'terminal' | 'tmux-off' | 'screen';

/** `tmux show -gv set-clipboard`, or undefined when tmux does not answer. */
function tmuxSetClipboard(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return execFileSync('tmux', ['show', '-gv', 'set-clipboard'], {
      env,
      encoding: 'utf8',
      timeout: 1000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** Inside tmux with set-clipboard not `on`, or inside GNU screen (which drops it): else the terminal's. */
export function clipboardRoute(
  env: NodeJS.ProcessEnv = process.env,
  tmux: (env: NodeJS.ProcessEnv) => string | undefined = tmuxSetClipboard,
): ClipboardRoute {
  if (env.TMUX) return tmux(env) === 'on' ? 'terminal' : 'tmux-off';
  if (env.STY) return 'screen';
  return 'terminal';
}

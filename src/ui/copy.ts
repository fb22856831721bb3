/**
 * Copying text to the learner's clipboard from a terminal program: OSC 52, which xterm, iTerm2,
 * kitty, WezTerm, Windows Terminal and tmux (with `set-clipboard on`) understand, over ssh too.
 * A terminal that does not ignores the sequence; the commands stay on screen to copy by hand.
 */

/** The escape sequence that puts `text` on the clipboard. */
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

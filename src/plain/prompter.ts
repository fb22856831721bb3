/**
 * How the plain front-end asks questions. On a terminal: @inquirer/prompts (typed answers,
 * numbered choices). With piped input: one line per answer, read from a single readline,
 * because each inquirer prompt opens its own reader and loses lines already buffered (a
 * piped answer file would stop after the first question).
 */
import { createInterface } from 'node:readline';
import { t as msg } from '../i18n/index.js';

export interface Choice {
  value: string;
  label: string;
}

export interface Prompter {
  /** free text; `validate` returns an error message or undefined */
  ask(
    message: string,
    opts?: { validate?: (v: string) => string | undefined; default?: string },
  ): Promise<string>;
  /** one of the choices, by number (1-based) or by value */
  choose(message: string, choices: Choice[]): Promise<string>;
  confirm(message: string): Promise<boolean>;
  /** resolves once the input has ended (piped answers used up, Ctrl-D): no answer can come */
  ended?: Promise<void>;
  close(): void;
}

/** The learner ended the input (Ctrl-C, Ctrl-D, end of piped answers). */
export class InputClosed extends Error {
  constructor(readonly reason: 'interrupt' | 'end') {
    super(reason === 'interrupt' ? 'interrupted' : 'end of input');
  }
}

function pick(choices: Choice[], answer: string): string | undefined {
  const a = answer.trim();
  const n = Number(a);
  if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1]!.value;
  return choices.find((c) => c.value.toLowerCase() === a.toLowerCase())?.value;
}

/** Reads one answer per line from a stream that is not a terminal. */
export function linePrompter(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Prompter {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ended = new Promise<void>((resolve) => rl.once('close', () => resolve()));
  const write = (s: string) => void output.write(s);
  const next = async (): Promise<string> => {
    const r = await lines.next();
    if (r.done) throw new InputClosed('end');
    // Echo the answer: a transcript of a piped session then reads like a conversation.
    write(`${r.value}\n`);
    return r.value;
  };
  return {
    async ask(message, opts = {}) {
      for (;;) {
        write(`? ${message}${opts.default ? ` (${opts.default})` : ''} `);
        let v = (await next()).trim();
        if (v === '' && opts.default !== undefined) v = opts.default;
        const err = opts.validate?.(v);
        if (!err) return v;
        write(`  ${err}\n`);
      }
    },
    async choose(message, choices) {
      write(`? ${message}\n`);
      choices.forEach((c, i) => write(`  ${i + 1}) ${c.label}\n`));
      for (;;) {
        write(`  ${msg('plain.answerRange', { max: choices.length })} `);
        const v = pick(choices, await next());
        if (v !== undefined) return v;
        write(`  ${msg('plain.typeNumber', { max: choices.length })}\n`);
      }
    },
    async confirm(message) {
      for (;;) {
        write(`? ${message} (y/n) `);
        const v = (await next()).trim().toLowerCase();
        if (v === 'y' || v === 'yes') return true;
        if (v === 'n' || v === 'no') return false;
        write(`  ${msg('plain.typeYesNo')}\n`);
      }
    },
    ended,
    close() {
      rl.close();
    },
  };
}

/** Asks through @inquirer/prompts on a terminal (Ctrl-C becomes InputClosed('interrupt')). */
export async function inquirerPrompter(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<Prompter> {
  const { input: inputPrompt, rawlist, confirm } = await import('@inquirer/prompts');
  const ctx = { input, output } as Parameters<typeof inputPrompt>[1];
  // Inquirer marks every answered prompt with a green ✔, right or wrong, and in Unicode: a
  // neutral ASCII mark instead (the tutor says itself whether an answer was right).
  const theme = { prefix: { idle: '?', done: '>' } };
  const guard = async <T>(p: () => Promise<T>): Promise<T> => {
    // Ink (if it ran before in this process) unrefs stdin on unmount; a prompt needs it back.
    (input as NodeJS.ReadStream).ref?.();
    try {
      return await p();
    } catch (err) {
      if (err instanceof Error && err.name === 'ExitPromptError')
        throw new InputClosed('interrupt');
      throw err;
    }
  };
  return {
    ask: (message, opts = {}) =>
      guard(() =>
        inputPrompt(
          {
            message,
            theme,
            default: opts.default || undefined,
            validate: (v: string) => opts.validate?.(v.trim()) ?? true,
          },
          ctx,
        ).then((v) => v.trim()),
      ),
    choose: (message, choices) =>
      guard(() =>
        rawlist(
          { message, theme, choices: choices.map((c) => ({ value: c.value, name: c.label })) },
          ctx,
        ),
      ),
    confirm: (message) =>
      guard(() =>
        confirm(
          {
            message,
            theme,
            default: false,
            // inquirer's own words are English: the answer is shown in the learner's language
            transformer: (yes: boolean) => msg(yes ? 'plain.yes' : 'plain.no'),
          },
          ctx,
        ),
      ),
    ended: new Promise<void>((resolve) => input.once('end', () => resolve())),
    close() {},
  };
}

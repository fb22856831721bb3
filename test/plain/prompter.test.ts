import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputClosed, inquirerPrompter, linePrompter } from '../../src/plain/prompter.js';

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  return { input, output, text: () => text };
}

describe('the line prompter (piped answers)', () => {
  it('reads one answer per line, re-asks until valid, and numbers choices', async () => {
    const s = streams();
    s.input.end('12ab\n123456789012\n9\n2\nmaybe\ny\n');
    const p = linePrompter(s.input, s.output);
    expect(
      await p.ask('Account', { validate: (v) => (/^\d{12}$/.test(v) ? undefined : '12 digits') }),
    ).toBe('123456789012');
    expect(
      await p.choose('Pick', [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ]),
    ).toBe('b');
    expect(await p.confirm('Sure?')).toBe(true);
    await expect(p.ask('More')).rejects.toBeInstanceOf(InputClosed);
    expect(s.text()).toContain('  12 digits');
    expect(s.text()).toContain('  1) A\n  2) B');
    expect(s.text()).toContain('Type a number from 1 to 2.');
    expect(s.text()).toContain('Type y or n.');
  });
});

describe('the inquirer prompter (a terminal)', () => {
  it('asks through @inquirer/prompts on the given streams, and Ctrl-C ends cleanly', async () => {
    const s = streams();
    const p = await inquirerPrompter(s.input, s.output);
    const a = p.ask('Your 12-digit AWS account ID');
    await tick();
    s.input.write('123456789012\r');
    expect(await a).toBe('123456789012');
    const c = p.choose('Who must allow?', [
      { value: 'both', label: 'Both policies' },
      { value: 'either', label: 'Either policy' },
    ]);
    await tick();
    s.input.write('2\r');
    expect(await c).toBe('either');
    expect(s.text()).toContain('Your 12-digit AWS account ID');
    // (inquirer ends its output stream after a prompt: a PassThrough shows only the first one)
    const q = p.ask('Another');
    await tick();
    s.input.write('\u0003');
    await expect(q).rejects.toMatchObject({ reason: 'interrupt' });
  });
});

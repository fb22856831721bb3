import { PassThrough } from 'node:stream';
import { expect, it } from 'vitest';
import { runPlain } from '../../src/plain/run-plain.js';
import { memoryEngine } from '../ui/fixtures/memory-engine.js';

it('Ctrl-C while waiting in watch mode stops the watch and quits cleanly', async () => {
  const engine = memoryEngine(undefined, {
    concept: ({ vars }) =>
      vars['quiz.q1']
        ? { status: 'pass', summary: 'ok' }
        : { status: 'fail', summary: 'answer it' },
    'write-policy': () => ({ status: 'pending', summary: 'not visible yet' }),
  });
  engine.queue('account', { status: 'pass', summary: 'That is your account.' });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString()));
  input.write('111122223333\n2\n\n');
  const run = runPlain(engine, { input, output, watchIntervalMs: 10 });
  const until = Date.now() + 5000;
  while (!text.includes('WAITING for AWS to apply the change: not visible yet')) {
    if (Date.now() > until) throw new Error(`never waited; output:\n${text}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(engine.watchers).toBe(1);
  process.emit('SIGINT');
  expect(await run).toBe(0);
  expect(engine.watchers).toBe(0);
  expect(text).toContain('Stopped: progress saved.');
  expect(process.listenerCount('SIGINT')).toBe(0);
  input.end();
});

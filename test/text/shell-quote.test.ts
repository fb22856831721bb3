/**
 * Values put into the commands the tutor shows (`--profile NAME`, `--endpoint-url URL`, the
 * tutor's own path) are shell-quoted: pasted into bash, each is one argument, exactly the value.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSession } from '../../src/aws/session.js';
import { defaultSandboxStateDir } from '../../src/sandbox/index.js';
import { cliFlag, shellQuote } from '../../src/text/shell.js';
import { startTestSandbox } from '../helpers/sandbox.js';

/** The arguments bash passes to a program for `words` (nothing but printf is run). */
function argv(words: string): string[] {
  const out = execFileSync('bash', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const awkward = [
  'workshop',
  'my lab',
  "o'brien",
  'a"b',
  '$HOME',
  '`id`',
  'x;rm -rf y',
  'dự án 🚀',
  '*',
  '~',
  'a\\b',
  '',
];

describe('shellQuote / cliFlag', () => {
  for (const v of awkward)
    it(`${JSON.stringify(v)} reaches the program as itself`, () => {
      expect(argv(shellQuote(v))).toEqual([v]);
    });

  it('a plain name stays bare; a flag without a value is nothing', () => {
    expect(cliFlag('profile', 'workshop')).toBe(' --profile workshop');
    expect(cliFlag('endpoint-url', 'http://127.0.0.1:4510')).toBe(
      ' --endpoint-url http://127.0.0.1:4510',
    );
    expect(cliFlag('profile', undefined)).toBe('');
    expect(cliFlag('profile', "o'brien lab")).toBe(` --profile 'o'\\''brien lab'`);
  });
});

describe("the session's flags in shown commands", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a profile with a space and a quote is one argument when the command is pasted', async () => {
    const d = await mkdtemp(join(tmpdir(), 'ecr-tutor-quote-'));
    dirs.push(d);
    const env = { ...process.env, ECR_TUTOR_HOME: d };
    const tsb = await startTestSandbox({ stateDir: defaultSandboxStateDir(env) });
    try {
      const profile = "o'brien lab";
      const s = await openSession(
        { endpointUrl: tsb.sandbox.endpoint, region: 'us-east-1', profile },
        { env, sandboxStateDir: defaultSandboxStateDir(env) },
      );
      try {
        expect(argv(`aws ecr describe-repositories${s.cliFlags()}`)).toEqual([
          'aws',
          'ecr',
          'describe-repositories',
          '--endpoint-url',
          tsb.sandbox.endpoint,
          '--profile',
          profile,
          '--region',
          'us-east-1',
        ]);
      } finally {
        await s.close();
      }
    } finally {
      await tsb.cleanup();
    }
  });
});

/**
 * The copy key (y), as it ships: the bundle in a real pty. What the tutor writes is read from
 * the raw bytes (the OSC 52 sequence, not the screen), decoded, and must be exactly the step's
 * commands. Then it is pasted into bash as a learner would, with the real AWS CLI and skopeo,
 * and the tutor, watching, moves on by itself: what is copied works. Where the sequence would
 * be dropped (tmux without set-clipboard on, GNU screen) the learner is told so, and a terminal
 * without raw mode (TERM=dumb) gets the line-by-line tutor, which prints the commands on lines
 * of their own and writes no clipboard sequence at all.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clipboardRoute } from '../../src/ui/copy.js';
import { launcher, spawnTutor, type PtySession } from '../helpers/pty.js';
import { goToStep, settled } from './drive.js';

const run = promisify(execFile);

let bin = '';
beforeAll(async () => {
  // `ecr-tutor` on PATH, so that the copied `eval "$(ecr-tutor sandbox env)"` runs this tutor
  bin = await mkdtemp(join(tmpdir(), 'ecr-tutor-bin-'));
  await symlink(launcher, join(bin, 'ecr-tutor'));
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});
let t: PtySession | undefined;
afterEach(async () => {
  await t?.kill();
  t = undefined;
});

/** Presses y and returns the text of the OSC 52 sequence the tutor wrote for it. */
async function copy(s: PtySession, message: RegExp): Promise<string> {
  const from = s.output().length;
  s.press('y');
  await s.waitFor(message);
  // eslint-disable-next-line no-control-regex -- the escape sequence is what is read
  const m = /\u001b\]52;c;([A-Za-z0-9+/=]*)\u0007/.exec(s.output().slice(from));
  expect(m, 'no OSC 52 sequence in what the tutor wrote').not.toBeNull();
  return Buffer.from(m![1]!, 'base64').toString('utf8');
}

/** The words bash passes to a program for `line` (nothing is run but printf). */
async function argvOf(line: string): Promise<string[]> {
  const r = await run('bash', ['-c', `printf '%s\\0' ${line}`]);
  return r.stdout.split('\0').slice(0, -1);
}

/** Runs what was copied in bash, in the learner's folder, as a learner pasting it would. */
async function paste(s: PtySession, script: string): Promise<{ stdout: string; stderr: string }> {
  return run('bash', ['-e', '-c', script], {
    cwd: s.cwd,
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: s.home,
      ECR_TUTOR_HOME: s.home,
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
      AWS_PAGER: '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    timeout: 120_000,
  });
}

describe('the copy key (y)', () => {
  it('on the apply and the verify step copies exactly their commands; pasted into bash they work and the tutor moves on', async () => {
    t = await spawnTutor([], {
      cols: 80,
      rows: 24,
      env: { PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    await goToStep(t, 6);
    const six = await settled(t, /step 6\/9[\s\S]*quit/);
    const endpoint = /--endpoint-url\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(six)?.[1];
    expect(endpoint, six).toBeDefined();
    const apply = await copy(t, /Sent the 2 commands to the clipboard/);
    expect(apply).toBe(
      [
        'eval "$(ecr-tutor sandbox env)"',
        `aws ecr set-repository-policy --repository-name fcj-workshop-app --policy-text file://fcj-workshop-app-policy.json --region us-east-1 --endpoint-url ${endpoint}`,
        '',
      ].join('\n'),
    );
    await run('bash', ['-n', '-c', apply]);
    expect(await argvOf(apply.split('\n')[1]!)).toEqual([
      'aws',
      'ecr',
      'set-repository-policy',
      '--repository-name',
      'fcj-workshop-app',
      '--policy-text',
      'file://fcj-workshop-app-policy.json',
      '--region',
      'us-east-1',
      '--endpoint-url',
      endpoint!,
    ]);
    // pasted: the real AWS CLI sets the policy, and the tutor sees it
    await paste(t, apply);
    await t.waitFor('step 7/9', 30_000);

    // the verify step: become the CI user, log in, push, pull (skopeo on this machine)
    await settled(t, /step 7\/9[\s\S]*quit/);
    const verify = await copy(t, /Sent the \d commands to the clipboard/);
    const lines = verify.trimEnd().split('\n');
    expect(lines[0]).toBe('eval "$(ecr-tutor sandbox env --user fcj-ecr-ci-cd-user)"');
    expect(lines.slice(1).join('\n')).toMatch(/skopeo/);
    await run('bash', ['-n', '-c', verify]);
    await paste(t, verify);
    await t.waitFor(
      /step 8\/9|Passed: The push of fcj-workshop-app:ecr-tutor-check-\w+ arrived/,
      60_000,
    );
  }, 240_000);

  it('inside tmux without set-clipboard on, it says the copy did not happen and how to fix it', async () => {
    // a tmux on PATH that answers as tmux's default does
    const fake = await mkdtemp(join(tmpdir(), 'ecr-tutor-tmux-'));
    try {
      await writeFile(join(fake, 'tmux'), '#!/bin/sh\necho external\n');
      await chmod(join(fake, 'tmux'), 0o755);
      t = await spawnTutor([], {
        cols: 80,
        rows: 24,
        env: { PATH: `${fake}:${bin}:${process.env.PATH ?? ''}`, TMUX: '/tmp/tmux-1/default,1,0' },
      });
      await goToStep(t, 1);
      t.press('enter');
      await settled(t, /step 2\/9[\s\S]*quit/);
      // typing the answer: Esc gives the keys back
      t.press('esc');
      await t.waitFor((x) => !x.includes('Ctrl-C quit'));
      const copied = await copy(t, /Not copied: tmux drops/);
      expect(copied).toMatch(/^aws sts get-caller-identity --region us-east-1 --endpoint-url /m);
      expect(t.screen()).toContain('tmux set -g set-clipboard on');
    } finally {
      await rm(fake, { recursive: true, force: true });
    }
  }, 120_000);

  it('knows where the sequence goes: the terminal, tmux (on or not), GNU screen', () => {
    expect(clipboardRoute({}, () => undefined)).toBe('terminal');
    expect(clipboardRoute({ TMUX: 'x' }, () => 'on')).toBe('terminal');
    expect(clipboardRoute({ TMUX: 'x' }, () => 'external')).toBe('tmux-off');
    expect(clipboardRoute({ TMUX: 'x' }, () => undefined)).toBe('tmux-off');
    expect(clipboardRoute({ STY: '123.pts-0' }, () => undefined)).toBe('screen');
  });

  it('under TERM=dumb the plain tutor prints the commands on lines of their own and sends no clipboard sequence', async () => {
    t = await spawnTutor([], { cols: 80, rows: 24, env: { TERM: 'dumb' } });
    await t.waitFor('? Next?');
    t.write('\r');
    await t.waitFor('== Step 2 of 9');
    await t.waitFor('Your 12-digit AWS account ID');
    expect(t.output()).toMatch(/^ {4}aws sts get-caller-identity --region us-east-1 \\\r?$/m);
    expect(t.output()).not.toContain('\u001b]52;');
  }, 60_000);
});

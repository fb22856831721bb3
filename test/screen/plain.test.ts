/**
 * `--plain` as it ships (the built bundle through bin/ecr-tutor.js): at 80 columns in a pty
 * every line fits (the terminal never wraps a line the tutor already wrapped), no Markdown mark
 * is printed, titles once; piped, nothing is wrapped; under TERM=dumb every byte is ASCII.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launcher, spawnTutor, type PtySession } from '../helpers/pty.js';

let t: PtySession | undefined;
afterEach(async () => {
  await t?.kill();
  t = undefined;
});

/** What a reader gets: Markdown marks would be backticks, `**`, heading hashes, table pipes. */
function expectNoMarkdown(out: string): void {
  expect(out).not.toMatch(/`|\*\*|^#+ |^\s*\|.*\|\s*$|^> /m);
}

describe('--plain', () => {
  it('at 80 columns: every line fits once, no Markdown marks, each title once, no empty ()', async () => {
    t = await spawnTutor(['--plain'], { cols: 80, rows: 24 });
    await t.waitFor('? Next?');
    t.press('enter');
    await t.waitFor('== Step 2 of 9');
    await t.waitFor('? Your 12-digit AWS account ID');
    const out = t
      .output()
      // eslint-disable-next-line no-control-regex -- escape sequences are what is removed
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      .replace(/\r/g, '');
    // (inquirer redraws its own prompt line in place; those are not the tutor's lines)
    for (const line of out.split('\n').filter((l) => !/^[?>] /.test(l)))
      expect(line.length, line).toBeLessThanOrEqual(80);
    expectNoMarkdown(out);
    // the title once: no "# Connect" under "== Step 1 of 9: Connect =="
    expect(out).toContain('== Step 1 of 9: Connect ==');
    expect(out).not.toMatch(/^Connect$/m);
    expect(out).not.toContain('()');
    // the commands on their own lines, whole
    expect(out).toMatch(/^ {4}aws sts get-caller-identity --region us-east-1 \\$/m);
    t.write('q\r');
    await t.waitForExit();
  });

  it('piped under TERM=dumb: ASCII only, not wrapped, commands whole', async () => {
    const home = await mkdtemp(join(tmpdir(), 'ecr-tutor-plain-'));
    try {
      // connect (checked on arrival, Enter goes on), skip 2, step 3 checked on arrival (Enter goes
      // on), answer 4 (one wrong first), skip 5, quit on 6
      const out = execFileSync(process.execPath, [launcher, '--plain'], {
        cwd: home,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          ECR_TUTOR_HOME: home,
          TERM: 'dumb',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        },
        input: '\ns\ny\n\n2\n1\n2\n2\n2\ns\ny\nq\n',
        encoding: 'utf8',
        timeout: 90_000,
      });
      expect(out).toMatch(/== Step 6 of 9: Apply the policy to the repository ==/);
      // eslint-disable-next-line no-control-regex -- ASCII is the point
      const nonAscii = out.split('\n').filter((l) => /[^\u0000-\u007f]/.test(l));
      expect(nonAscii).toEqual([]);
      // the quit line too (it comes from the message catalog, not from a lesson)
      expectNoMarkdown(out);
      expect(out).toMatch(/ To continue, run: node \S*bin\/ecr-tutor\.js --plain$/m);
      // piped: no wrapping, so the apply command is one line, whole
      expect(out).toMatch(
        /^ {4}aws ecr set-repository-policy --repository-name fcj-workshop-app --policy-text file:\/\/fcj-workshop-app-policy\.json --region us-east-1 --endpoint-url http:\/\/127\.0\.0\.1:\d+$/m,
      );
      // a wrong answer is never marked as right
      expect(out).toMatch(/Not quite: /);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }, 120_000);
});

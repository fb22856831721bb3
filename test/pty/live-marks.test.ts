/**
 * What a learner met, in a real terminal (the built bundle in a pty, the in-process sandbox):
 * Down+Enter sent in one chunk on the quiz is graded against the moved cursor, and a done
 * step whose resource was deleted with the AWS CLI shows ↺ and says what changed on revisit.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AWS_CLI, skipWithoutAwsCli } from '../helpers/aws-cli.js';
import { launcher, spawnTutor } from '../helpers/pty.js';

const run = promisify(execFile);

describe.skipIf(skipWithoutAwsCli('live marks and key bursts in a terminal'))(
  'live marks and key bursts in a terminal',
  () => {
    it('grades a Down+Enter burst on the moved choice; a revisited step that fails now is marked', async () => {
      const t = await spawnTutor([], { cols: 80, rows: 24 });
      try {
        const first = await t.waitFor(
          /Passed: Connected to the sandbox at (http:\/\/127\.0\.0\.1:\d+)/,
        );
        const endpoint = /(http:\/\/127\.0\.0\.1:\d+)/.exec(first)![1]!;
        const account = /account (\d{12})/.exec(first)![1]!;
        t.press('enter');
        await t.waitFor('step 2/9');
        t.write(account);
        t.press('enter');
        await t.waitFor('Passed: Right');
        t.press('enter');
        await t.waitFor(/step 3\/9[\s\S]*Passed: Found the repository/);
        t.press('enter');
        await t.waitFor('Enter questions');
        t.press('enter'); // from the text to the questions
        await t.waitFor('❯ 1) Yes, it can push');
        t.write('\u001b[B\r'); // Down and Enter in one chunk
        const graded = await t.waitFor('Not quite');
        expect(graded).toContain('❯ 2) No, it cannot push');

        // the learner deletes the repository with the AWS CLI, then goes back to step 3
        const { stdout } = await run(process.execPath, [launcher, 'sandbox', 'env'], {
          env: { ...process.env, ECR_TUTOR_HOME: t.home, HOME: t.home },
        });
        const env: Record<string, string> = { ...process.env } as Record<string, string>;
        for (const m of stdout.matchAll(/export (\w+)=['"]?([^'"\n]*)['"]?/g)) env[m[1]!] = m[2]!;
        await run(
          AWS_CLI ?? '/usr/bin/aws',
          [
            'ecr',
            'delete-repository',
            '--repository-name',
            'fcj-workshop-app',
            '--force',
            '--endpoint-url',
            endpoint,
          ],
          {
            env: {
              ...env,
              AWS_CONFIG_FILE: '/nonexistent',
              AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
            },
          },
        );
        t.press('b');
        const stale = await t.waitFor('was done, but its check fails now');
        expect(stale).toMatch(/Steps {2}✔ {2}✔ \[↺\]/);
        // no longer done: Enter checks it again instead of moving on
        expect(await t.waitFor(/Enter check .*q quit/)).toMatch(/\[↺\]/);
      } finally {
        await t.kill();
      }
    }, 90_000);
  },
);

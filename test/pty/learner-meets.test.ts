/**
 * What a learner met, in a real terminal (the built bundle in a pty, a sandbox of its own on
 * port 0), each seen failing before the engine owned the rule:
 * - keys that arrive in one chunk act one after the other (`hhq` showed no hint, `sy` skipped
 *   nothing), and digits typed after Esc on the account-ID step went nowhere until `i`;
 * - the verify step's seven-action table vanished as watch mode moved on by itself;
 * - step 8 said "Lesson complete" while the optional step 9 was still open;
 * - after the AWS CLI took ecr:PutImage out of the live policy, going back still showed ✔ on
 *   steps 6 and 7 (and Enter moved on), and reopening the tutor still showed ↷;
 * - a save that failed after a passing check read "The check could not run".
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AWS_CLI, skipWithoutAwsCli } from '../helpers/aws-cli.js';
import { learnerEnv, startOwnSandbox, type OwnSandbox } from '../helpers/own-sandbox.js';
import { launcher, spawnTutor, type PtySession } from '../helpers/pty.js';

const run = promisify(execFile);

async function withHome(work: (home: string, sb: OwnSandbox) => Promise<void>): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'ecr-tutor-meets-'));
  const sb = await startOwnSandbox(home);
  try {
    await work(home, sb);
  } finally {
    await sb.stop();
    await rm(home, { recursive: true, force: true });
  }
}

const progressFile = (home: string, sb: OwnSandbox): string =>
  join(home, 'state', 'progress', `sandbox-${sb.accountId}.json`);

interface Saved {
  lessons: Record<
    string,
    { vars: Record<string, string>; steps: Record<string, { status: string; hintsShown: number }> }
  >;
}
async function saved(home: string, sb: OwnSandbox) {
  const p = JSON.parse(await readFile(progressFile(home, sb), 'utf8')) as Saved;
  return p.lessons['repository-policy']!;
}

/** s then y, one key at a time; waits for the skip's mark, then Enter to the next step. */
async function skipAndGoOn(t: PtySession, next: number): Promise<void> {
  t.press('s');
  await t.waitFor('Skip this step?');
  t.press('y');
  await t.waitFor('↷ Skipped: the solution was applied', 30_000);
  t.press('enter');
  await t.waitFor(`step ${next}/9`);
}

/** The sandbox admin's AWS CLI, as `eval "$(ecr-tutor sandbox env)"` gives it. */
async function adminCli(home: string, sb: OwnSandbox, args: string[]): Promise<string> {
  const env = learnerEnv(home);
  const { stdout } = await run(process.execPath, [launcher, 'sandbox', 'env'], { env });
  for (const m of stdout.matchAll(/export (\w+)=['"]?([^'"\n]*)['"]?/g)) env[m[1]!] = m[2]!;
  const r = await run(AWS_CLI ?? '/usr/bin/aws', [...args, '--endpoint-url', sb.endpoint], {
    env,
    cwd: home,
  });
  return r.stdout;
}

describe('keys in one chunk, and typing after Esc', () => {
  it('`hhq` shows two hints and then quits; `sy` skips; digits after Esc go into the answer', async () => {
    await withHome(async (home, sb) => {
      let t = await spawnTutor([], { cols: 80, rows: 24, cwd: home });
      try {
        await t.waitFor('✔ Passed: Connected to the sandbox');
        t.write('hhq'); // one chunk
        expect((await t.waitForExit()).exitCode).toBe(0);
        expect((await saved(home, sb)).steps.connect!.hintsShown).toBe(2);
      } finally {
        await t.kill();
      }

      t = await spawnTutor([], { cols: 80, rows: 24, cwd: home });
      try {
        await t.waitFor('Hint 2/3');
        t.press('enter');
        await t.waitFor('step 2/9');
        t.write(sb.accountId.slice(0, 4));
        await t.waitFor(sb.accountId.slice(0, 4));
        t.press('esc');
        // the field lets go of the keys; the footer says a digit types again
        await t.waitFor('i type (or a digit)');
        t.write(`${sb.accountId.slice(4)}\r`); // the rest, and Enter, in one chunk
        await t.waitFor(`✔ Passed: Right: you are in account ${sb.accountId}.`);
        t.press('enter');
        await t.waitFor('step 3/9');
        await t.waitFor('✔ Passed: Found the repository');
        t.press('enter');
        await t.waitFor('step 4/9');
        t.write('sy'); // skip and its confirmation in one chunk
        await t.waitFor('↷ Skipped: the solution was applied', 30_000);
        expect(t.screen()).toContain('step 4/9');
        t.press('q');
        expect((await t.waitForExit()).exitCode).toBe(0);
        expect((await saved(home, sb)).steps.concepts!.status).toBe('skipped');
      } finally {
        await t.kill();
      }
    });
  }, 120_000);
});

describe.skipIf(skipWithoutAwsCli('the end of the lesson in a terminal'))(
  'the end of the lesson in a terminal',
  () => {
    it('step 7 keeps its table until Enter; step 8 is not "complete" while 9 is open; a policy changed with the AWS CLI marks steps 6 and 7', async () => {
      await withHome(async (home, sb) => {
        let t = await spawnTutor([], { cols: 100, rows: 30, cwd: home });
        try {
          await t.waitFor('✔ Passed: Connected to the sandbox');
          t.press('enter');
          await t.waitFor('step 2/9');
          t.press('esc'); // out of the answer field: letters are keys again
          await t.waitFor('i type (or a digit)');
          await skipAndGoOn(t, 3);
          await t.waitFor('✔ Passed: Found the repository');
          t.press('enter');
          await t.waitFor('step 4/9');
          await skipAndGoOn(t, 5);
          await skipAndGoOn(t, 6);
          await skipAndGoOn(t, 7);

          // the learner's own push and pull as the CI user, in another shell
          await t.waitFor(/ecr-tutor-check-[0-9a-f]{8}/, 15_000);
          const v = (await saved(home, sb)).vars;
          await run(
            'bash',
            ['-c', `${v.ciEnvCommand}\n${v.loginCommand}\n${v.pushCommand}\n${v.pullCommand}`],
            { cwd: home, env: learnerEnv(home) },
          );
          // watch mode sees it; the seven actions stay on screen until Enter
          // the pass arrives first; Enter's line once no re-check is running beside it
          const passed = await t.waitFor(
            /✔ Passed: The push of[\s\S]*Press Enter for the next step\./,
            30_000,
          );
          expect(passed).toContain('step 7/9');
          expect(passed).toMatch(/PutImage allowed/);
          expect(passed).toContain('Press Enter for the next step.');
          t.press('enter');
          await t.waitFor('step 8/9');

          await t.waitFor('Q1. What would partner-developer');
          t.press('3');
          const eight = await t.waitFor('✔ Passed: fcj-ecr-ci-cd-user is allowed');
          expect(eight).not.toContain('Lesson complete');
          expect(eight).toContain('Every required step is done; what is left is optional.');
          expect(eight).toMatch(/Enter next/);
          // laid out by the tutor, not wrapped again by Ink: no stray space opens the next row
          const rows = eight.split('\n');
          const at = rows.findIndex((l) => l.includes('Every required step is done'));
          const col = rows[at]!.indexOf('Every required');
          expect(rows[at + 1]!.slice(col)).toMatch(/^\S/);

          // ecr:PutImage taken out of the live policy with the AWS CLI, then back to step 7
          const policy = JSON.parse(
            await readFile(join(home, 'fcj-workshop-app-policy.json'), 'utf8'),
          ) as {
            Statement: Array<{ Action: string[] }>;
          };
          for (const st of policy.Statement)
            st.Action = st.Action.filter((a) => a !== 'ecr:PutImage');
          await writeFile(join(home, 'no-put.json'), JSON.stringify(policy));
          await adminCli(home, sb, [
            'ecr',
            'set-repository-policy',
            '--repository-name',
            'fcj-workshop-app',
            '--policy-text',
            'file://no-put.json',
          ]);
          t.press('b');
          const stale = await t.waitFor(/was done, but its check fails\s+now/, 30_000);
          expect(stale).toContain('step 7/9');
          expect(stale).toMatch(/↺ 7\./);
          // no longer done: Enter checks again instead of moving on
          expect(stale).toMatch(/Enter check/);
          t.press('q');
          await t.waitForExit();
        } finally {
          await t.kill();
        }

        // reopened: what was skipped is re-checked, and 6 and 7 no longer show ↷
        t = await spawnTutor([], { cols: 100, rows: 30, cwd: home });
        try {
          const reopened = await t.waitFor((s) => /↺ 6\./.test(s) && /↺ 7\./.test(s), 30_000);
          expect(reopened).toMatch(/↷ 5\./);
          t.press('q');
          await t.waitForExit();
        } finally {
          await t.kill();
        }
      });
    }, 180_000);
  },
);

describe('a save that fails after a passing check', () => {
  it('says the save failed, not that the check could not run', async () => {
    await withHome(async (home, sb) => {
      const t = await spawnTutor([], { cols: 100, rows: 30, cwd: home });
      try {
        await t.waitFor('✔ Passed: Connected to the sandbox');
        t.press('enter');
        await t.waitFor('step 2/9');
        // the progress file can no longer be replaced (a folder in its place: even root fails)
        const file = progressFile(home, sb);
        // (a save of the move may still land in between: then put the folder back again)
        for (let i = 0; ; i++) {
          await rm(file, { recursive: true, force: true });
          try {
            await mkdir(join(file, 'in-the-way'), { recursive: true });
            break;
          } catch (err) {
            if (i > 20) throw err;
          }
        }
        t.write(`${sb.accountId}\r`);
        const s = await t.waitFor(
          (x) => x.includes('Your progress could not be saved') && x.includes('✔ Passed: Right'),
          30_000,
        );
        expect(s).toContain(`✔ Passed: Right: you are in account ${sb.accountId}.`);
        expect(s).not.toContain('could not run');
      } finally {
        await t.kill();
      }
    });
  }, 60_000);
});

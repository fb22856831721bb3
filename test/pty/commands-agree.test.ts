/**
 * The commands ask the engine, through the bundle that ships, against a sandbox of its own on
 * port 0 (the learner's real AWS CLI where a learner would use it):
 * - `check` re-runs every step but adds no attempt (it inflated the instructor's report);
 * - `report`'s "Now on" is the step `status` says the learner is on;
 * - a policy applied with the AWS CLI, not the tutor: `check` says the clean-up step fails and
 *   `cleanup --yes` removes it (before: "the lesson never recorded changing it", nothing done).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AWS_CLI, skipWithoutAwsCli } from '../helpers/aws-cli.js';
import { learnerEnv, startOwnSandbox } from '../helpers/own-sandbox.js';
import { launcher } from '../helpers/pty.js';

const exec = promisify(execFile);

describe.skipIf(skipWithoutAwsCli('the commands agree with the engine'))(
  'the commands agree with the engine',
  () => {
    it('check adds no attempt; report is on the step status is on; cleanup removes a policy the AWS CLI applied', async () => {
      const home = await mkdtemp(join(tmpdir(), 'ecr-tutor-agree-'));
      const sb = await startOwnSandbox(home);
      const env = learnerEnv(home);
      const tutor = async (args: string[]) => {
        try {
          const r = await exec(process.execPath, [launcher, ...args], { cwd: home, env });
          return { code: 0, out: r.stdout + r.stderr };
        } catch (err) {
          const e = err as { code: number; stdout: string; stderr: string };
          return { code: e.code, out: e.stdout + e.stderr };
        }
      };
      try {
        // the learner does steps 1 to 5 in --plain (5 by skipping), then quits on step 6
        const child = spawn(process.execPath, [launcher, '--plain'], { cwd: home, env });
        child.stdin.end(
          ['', sb.accountId, '', '1', '2', '2', '2', 's', 'y', 'q'].join('\n') + '\n',
        );
        expect(await new Promise((r) => child.once('exit', r))).toBe(0);
        const dir = join(home, 'state', 'progress');
        const file = join(dir, (await readdir(dir))[0]!);
        const attempts = async () => {
          const p = JSON.parse(await readFile(file, 'utf8')) as {
            lessons: Record<string, { steps: Record<string, { attempts: number }> }>;
          };
          // (a step check records for the first time starts at 0 attempts)
          return Object.fromEntries(
            Object.entries(p.lessons['repository-policy']!.steps)
              .filter(([, v]) => v.attempts > 0)
              .map(([k, v]) => [k, v.attempts]),
          );
        };
        const before = await attempts();

        // check, twice: every step re-run, no attempt added
        expect((await tutor(['check'])).code).toBe(1); // steps 6 to 8 do not pass yet
        await tutor(['check', '--json']);
        expect(await attempts()).toEqual(before);

        // report's "Now on" = status's current step
        const status = JSON.parse((await tutor(['status', '--json'])).out) as {
          lessons: Array<{ id: string; currentStep?: string }>;
        };
        const here = status.lessons.find((l) => l.id === 'repository-policy')!.currentStep;
        expect(here).toBe('apply');
        const report = JSON.parse((await tutor(['report', '--format', 'json'])).out) as {
          currentStep?: string;
        };
        expect(report.currentStep).toBe(here);

        // the policy applied with the AWS CLI, not the tutor
        const { stdout } = await exec(process.execPath, [launcher, 'sandbox', 'env'], { env });
        const cli: Record<string, string> = { ...env };
        for (const m of stdout.matchAll(/export (\w+)=['"]?([^'"\n]*)['"]?/g)) cli[m[1]!] = m[2]!;
        await exec(
          AWS_CLI ?? '/usr/bin/aws',
          [
            'ecr',
            'set-repository-policy',
            '--repository-name',
            'fcj-workshop-app',
            '--policy-text',
            'file://fcj-workshop-app-policy.json',
            '--endpoint-url',
            sb.endpoint,
          ],
          { cwd: home, env: cli },
        );
        const checked = JSON.parse((await tutor(['check', '--json'])).out) as {
          steps?: Array<{
            stepId?: string;
            id?: string;
            status?: string;
            result?: { status: string };
          }>;
        };
        const rows = checked.steps ?? [];
        const cleanupRow = rows.find((r) => (r.stepId ?? r.id) === 'cleanup');
        expect(cleanupRow?.result?.status ?? cleanupRow?.status).toBe('fail');
        const cleaned = await tutor(['cleanup', '--yes']);
        expect(cleaned.out).not.toContain('Nothing to clean up');
        expect(cleaned.out).not.toContain('never recorded');
        const after = await exec(
          AWS_CLI ?? '/usr/bin/aws',
          [
            'ecr',
            'get-repository-policy',
            '--repository-name',
            'fcj-workshop-app',
            '--endpoint-url',
            sb.endpoint,
          ],
          { cwd: home, env: cli },
        ).then(
          () => 'has a policy',
          (err: { stderr: string }) => err.stderr,
        );
        expect(after).toMatch(/RepositoryPolicyNotFoundException/);
      } finally {
        await sb.stop();
        await rm(home, { recursive: true, force: true });
      }
    }, 120_000);
  },
);

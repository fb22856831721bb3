/** The class view's rules on hand-made reports, and what redaction hides. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassView, readReports } from '../../src/instructor/class-view.js';
import { redactText, redactValue } from '../../src/instructor/redact.js';
import type { LearnerReport, StepReport } from '../../src/instructor/report.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-class-view-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function step(
  id: string,
  status: StepReport['status'],
  extra: Partial<StepReport> = {},
): StepReport {
  return {
    id,
    title: id,
    optional: false,
    status,
    check: status === 'passed' ? 'pass' : 'fail',
    summary: '',
    claimed: status,
    attempts: 0,
    hintsUsed: 0,
    checkRef: { name: 'x', params: {} },
    ...extra,
  };
}

function report(learner: string, at: string, steps: StepReport[]): LearnerReport {
  return {
    kind: 'ecr-tutor-report',
    version: 1,
    generatedAt: at,
    learner,
    lesson: { id: 'l', title: 'L' },
    target: { kind: 'sandbox', region: 'us-east-1' },
    finished: false,
    totals: { passed: 0, skipped: 0, failed: 0, notStarted: 0, steps: steps.length },
    steps,
  };
}

describe('the class view', () => {
  it('finds who is stuck: failing long, many attempts, all hints; not a learner who just started failing', async () => {
    const at = '2026-11-28T10:30:00.000Z';
    const reports = [
      report('long', at, [
        step('a', 'passed'),
        step('b', 'failed', { failingSince: '2026-11-28T10:00:00.000Z', attempts: 2 }),
      ]),
      report('fresh', at, [
        step('a', 'passed'),
        step('b', 'failed', { failingSince: '2026-11-28T10:25:00.000Z', attempts: 2 }),
      ]),
      report('tries', at, [
        step('a', 'failed', { failingSince: at, attempts: 7 }),
        step('b', 'not-started'),
      ]),
      report('done', at, [step('a', 'passed'), step('b', 'skipped')]),
    ].map((r) => ({ file: join(dir, `${r.learner}.json`), report: r }));
    const v = buildClassView(reports, { dir });
    const by = Object.fromEntries(v.learners.map((l) => [l.learner, l]));
    expect(by.long!.stuckReasons).toEqual(['failing "b" for 30 min']);
    expect(by.fresh!.stuck).toBe(false);
    expect(by.tries!.stuckReasons).toEqual(['7 attempts at "a"']);
    expect(by.done).toMatchObject({ currentStep: 'finished', stuck: false, done: 2 });
    // stuck learners first
    expect(v.learners.map((l) => l.learner)).toEqual(['long', 'tries', 'done', 'fresh']);
    expect(v.steps.find((c) => c.id === 'b')).toMatchObject({
      passed: 0,
      skipped: 1,
      failed: 2,
      notStarted: 1,
      completionPercent: 25,
    });
    // a looser rule: 40 minutes is not enough for "long" any more
    expect(
      buildClassView(reports, { dir, stuck: { minutes: 40 } }).learners.find(
        (l) => l.learner === 'long',
      )!.stuck,
    ).toBe(false);
  });

  it('keeps the newest report of a learner and names the other files it skipped', async () => {
    const old = report('ana', '2026-11-28T09:00:00.000Z', [step('a', 'failed', { attempts: 1 })]);
    const now = report('ana', '2026-11-28T10:00:00.000Z', [step('a', 'passed')]);
    await writeFile(join(dir, 'ana-old.json'), JSON.stringify(old));
    await writeFile(join(dir, 'ana-new.json'), JSON.stringify(now));
    await writeFile(join(dir, 'v2.json'), JSON.stringify({ ...now, version: 2 }));
    await writeFile(join(dir, 'list.json'), '[1,2]');
    await writeFile(join(dir, 'README.txt'), 'not json, not even looked at');
    const { reports, skippedFiles } = await readReports(dir);
    const v = buildClassView(reports, { dir, skippedFiles });
    expect(v.learners.map((l) => [l.learner, l.currentStep])).toEqual([['ana', 'finished']]);
    const why = Object.fromEntries(v.skippedFiles.map((f) => [f.file.split('/').pop(), f.why]));
    expect(why['ana-old.json']).toMatch(/older report of the same learner/);
    expect(why['v2.json']).toMatch(/report version 2/);
    expect(why['list.json']).toMatch(/not a JSON object/);
    expect(why['README.txt']).toBeUndefined();
  });
});

describe('redaction', () => {
  it('hides account ids unless shown, shortens key ids and drops secrets', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const text = `arn:aws:iam::123456789012:user/ci AKIAIOSFODNN7EXAMPLE ${secret} sha256:${'ab'.repeat(32)}`;
    const r = redactText(text, {});
    expect(r).toBe(`arn:aws:iam::************:user/ci AKIA… [secret] sha256:${'ab'.repeat(32)}`);
    expect(redactText(text, { showAccount: true })).toContain('123456789012');
    expect(redactValue({ a: [text], secretAccessKey: 'x', sessionToken: 'y' }, {})).toEqual({
      a: [r],
    });
    expect(redactText('my-own-secret-value here', { secrets: ['my-own-secret-value'] })).toBe(
      '[secret] here',
    );
  });
});

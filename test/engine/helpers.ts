/** A test-only check registry and lesson for engine tests (this tests the engine, not AWS). */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckRegistry } from '../../src/engine/check-api.js';
import { createEngine } from '../../src/engine/engine.js';
import { ProgressStore } from '../../src/engine/progress.js';
import type { CheckResult, LessonDef, TargetInfo } from '../../src/engine/types.js';

/** A tiny world the test checks read: a switch per step, and a queue of scripted results. */
export interface World {
  done: Record<string, boolean>;
  scripted: CheckResult[];
  calls: string[];
}

export function testRegistry(world: World): CheckRegistry<World> {
  return {
    checks: {
      'is-done': async (ctx, params) => {
        world.calls.push(`check:${String(params.key)}`);
        const next = world.scripted.shift();
        if (next) return next;
        return world.done[String(params.key)]
          ? {
              status: 'pass',
              summary: `${String(params.key)} is done`,
              evidence: { saw: params.key },
            }
          : { status: 'fail', summary: `${String(params.key)} is not done`, hintKey: 'not-done' };
      },
      'answer-is': async (ctx, params) =>
        ctx.vars.answer === params.expected
          ? { status: 'pass', summary: 'right answer' }
          : { status: 'fail', summary: `wrong answer ${ctx.vars.answer ?? '(none)'}` },
      'quiz-done': async (ctx) =>
        (ctx.step.quiz ?? []).every((q) => ctx.answers[q.id] === q.answer)
          ? { status: 'pass', summary: 'quiz ok' }
          : { status: 'fail', summary: 'quiz not ok' },
      throws: async () => {
        throw new Error('boom');
      },
    },
    actions: {
      'make-done': async (ctx, params) => {
        world.calls.push(`solve:${String(params.key)}`);
        world.done[String(params.key)] = true;
        ctx.setVar('solvedBy', 'tutor');
        return { summary: 'made it so' };
      },
      'fill-quiz': async (ctx) => {
        for (const q of ctx.step.quiz ?? []) ctx.setAnswer(q.id, q.answer);
        return { summary: 'answered' };
      },
    },
  };
}

export function testLesson(): LessonDef {
  return {
    id: 'demo',
    title: 'Demo lesson',
    summary: 'for tests',
    params: { thing: 'widget' },
    dir: '/nowhere',
    steps: [
      {
        id: 'one',
        title: 'Make {{thing}}',
        body: 'Make the {{thing}}.',
        view: 'text',
        check: { name: 'is-done', params: { key: 'one' } },
        solve: { name: 'make-done', params: { key: 'one' } },
        hints: ['nudge', 'more about {{thing}}', 'the answer'],
      },
      {
        id: 'two',
        title: 'Answer',
        body: 'Your answer was {{answer}}.',
        view: 'account-id',
        input: {
          prompt: 'Answer?',
          variable: 'answer',
          pattern: '^\\d{3}$',
          patternMessage: 'three digits',
        },
        check: { name: 'answer-is', params: { expected: '123' } },
        hints: ['h'],
      },
      {
        id: 'three',
        title: 'Quiz',
        body: 'q',
        view: 'concept',
        check: { name: 'quiz-done', params: {} },
        solve: { name: 'fill-quiz', params: {} },
        quiz: [
          {
            id: 'q1',
            question: 'Q?',
            choices: [
              { value: 'a', label: 'A' },
              { value: 'b', label: 'B' },
            ],
            answer: 'b',
            explanation: 'because b',
          },
        ],
        hints: ['h'],
      },
      {
        id: 'four',
        title: 'Optional',
        body: 'o',
        view: 'cleanup',
        optional: true,
        check: { name: 'is-done', params: { key: 'four' } },
        hints: ['h'],
      },
    ],
  };
}

export const TARGET: TargetInfo = {
  kind: 'sandbox',
  region: 'us-east-1',
  accountId: '123456789012',
  identityArn: 'arn:aws:iam::123456789012:user/workshop-admin',
};

export async function tempDir(prefix = 'ecr-tutor-engine-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Opens an engine over the test lesson with its progress under `stateDir`. */
export async function openTestEngine(
  stateDir: string,
  world: World,
  opts: { target?: TargetInfo; lesson?: LessonDef } = {},
) {
  const target = opts.target ?? TARGET;
  const store = await ProgressStore.open(stateDir, target);
  const engine = createEngine({
    lesson: opts.lesson ?? testLesson(),
    target,
    registry: testRegistry(world),
    env: world,
    store,
    retryDelayMs: 5,
    defaultTimeoutMs: 2000,
  });
  return { engine, store };
}

export function newWorld(): World {
  return { done: {}, scripted: [], calls: [] };
}

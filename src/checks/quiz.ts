/** Concept checks: every question of the step answered correctly (no AWS state involved). */
import type { CheckResult, QuizQuestion } from '../engine/types.js';
import type { LabAction, LabCheck, LabContext } from './types.js';
import { t as msg } from '../i18n/index.js';

/** The questions of the step still unanswered or answered wrongly. */
export function quizGaps(ctx: LabContext): { unanswered: QuizQuestion[]; wrong: QuizQuestion[] } {
  const quiz = ctx.step.quiz ?? [];
  return {
    unanswered: quiz.filter((q) => ctx.answers[q.id] === undefined),
    wrong: quiz.filter((q) => ctx.answers[q.id] !== undefined && ctx.answers[q.id] !== q.answer),
  };
}

/** The quiz part of a result, or undefined when every question is answered right. */
export function quizResult(ctx: LabContext): CheckResult | undefined {
  const { unanswered, wrong } = quizGaps(ctx);
  if (wrong.length) {
    return {
      status: 'fail',
      summary: msg('check.quiz.wrong', { count: wrong.length }),
      details: wrong.map((q) =>
        msg('check.quiz.thinkAgain', {
          question: q.question.trim(),
          hint: q.explanation.split('. ')[0]!.trim(),
        }),
      ),
      hintKey: 'wrong-answer',
    };
  }
  if (unanswered.length) {
    return {
      status: 'fail',
      summary: msg('check.quiz.unanswered', { count: unanswered.length }),
      hintKey: 'unanswered',
    };
  }
  return undefined;
}

/** Passes when every question of the step has been answered correctly. */
export const checkQuizAnswered: LabCheck = async (ctx) => {
  const q = quizResult(ctx);
  if (q) return q;
  const n = ctx.step.quiz?.length ?? 0;
  return { status: 'pass', summary: msg('check.quiz.right', { count: n }) };
};

/** Solve: records the right answers (the front-end shows the explanations). */
export const answerQuiz: LabAction = async (ctx) => {
  for (const q of ctx.step.quiz ?? []) ctx.setAnswer(q.id, q.answer);
  return { summary: msg('check.quiz.filled') };
};

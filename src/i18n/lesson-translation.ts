/**
 * Lesson translations. A lesson pack carries them beside the English:
 *
 * - the step text in `NN-step.LANG.md` next to `NN-step.md`;
 * - in lesson.yaml, a key named by the language (`vi:`) at the lesson level (title, summary)
 *   and in each step (title, hints, input prompt/patternMessage/placeholder, and per quiz
 *   question id: question, choice labels by value, explanation).
 *
 * The format is documented for authors in lessons/README.md ("Translations"). A lesson is
 * translated into LANG when its top level has a `LANG:` key; from then on `lessons validate`
 * (translationProblems) reports every step, hint, question, choice label or explanation that
 * the translation lacks, every `{{param}}` it drops or renames, and text that is not NFC.
 * At run time (localizeLesson) anything missing falls back to the English, so a half-translated
 * pack still works.
 */
import {
  MAX_BODY_BYTES,
  readInsidePack,
  readManifest as readPackManifest,
} from '../engine/pack-boundary.js';
import { join } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { LessonDef, QuizQuestion, StepDef } from '../engine/types.js';
import { templateNames } from '../engine/template.js';
import { t } from './index.js';
import { DEFAULT_LANG, LANGUAGES, type Lang } from './language.js';

const MANIFEST = 'lesson.yaml';

/** A mistake in a translation: where, and what is wrong (same shape as the loader's). */
export interface TranslationProblem {
  file: string;
  line?: number;
  message: string;
}

/** The languages other than English a lesson can be translated into. */
export const TRANSLATION_LANGS = LANGUAGES.filter((l) => l !== DEFAULT_LANG);

/** Keys a translation may hold, at the lesson level and in a step. */
export const LESSON_TRANSLATION_KEYS = ['title', 'summary'] as const;
export const STEP_TRANSLATION_KEYS = ['title', 'hints', 'input', 'quiz'] as const;
const INPUT_KEYS = ['prompt', 'patternMessage', 'placeholder'] as const;
const QUESTION_KEYS = ['question', 'choices', 'explanation'] as const;

/** "01-connect.md" -> "01-connect.vi.md" */
export function translatedBodyFile(bodyFile: string, lang: Lang): string {
  return /\.md$/i.test(bodyFile)
    ? bodyFile.replace(/\.md$/i, `.${lang}.md`)
    : `${bodyFile}.${lang}`;
}

interface StepTranslation {
  title?: string;
  hints?: string[];
  input?: { prompt?: string; patternMessage?: string; placeholder?: string };
  quiz?: Record<
    string,
    { question?: string; choices?: Record<string, string>; explanation?: string }
  >;
  /** the translated step text, when its file exists */
  body?: string;
  bodyFile?: string;
}

interface LessonTranslation {
  title?: string;
  summary?: string;
  steps: Map<string, StepTranslation>;
}

interface Manifest {
  doc: Document.Parsed;
  lc: LineCounter;
  file: string;
}

async function readManifest(dir: string): Promise<Manifest | undefined> {
  const file = join(dir, MANIFEST);
  try {
    const lc = new LineCounter();
    // inside the pack's boundary and size limit, like the English (pack-boundary.ts)
    const doc = parseDocument(await readPackManifest(dir, MANIFEST), {
      lineCounter: lc,
      prettyErrors: false,
    });
    if (doc.errors.length) return undefined; // the loader reports YAML errors
    return { doc, lc, file };
  } catch {
    return undefined;
  }
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
const record = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Reads one language's translation of a lesson folder, or undefined when it has none. */
async function readTranslation(
  dir: string,
  lang: Lang,
  m: Manifest,
): Promise<LessonTranslation | undefined> {
  const root = record(m.doc.toJS());
  const top = record(root?.[lang]);
  if (!root || !top) return undefined;
  const out: LessonTranslation = {
    title: text(top.title),
    summary: text(top.summary),
    steps: new Map(),
  };
  const steps = Array.isArray(root.steps) ? root.steps : [];
  for (const s of steps) {
    const step = record(s);
    const id = text(step?.id);
    if (!step || !id) continue;
    const tr = record(step[lang]) ?? {};
    const st: StepTranslation = { title: text(tr.title) };
    if (Array.isArray(tr.hints)) st.hints = tr.hints.map((h) => text(h) ?? '');
    const input = record(tr.input);
    if (input)
      st.input = {
        prompt: text(input.prompt),
        patternMessage: text(input.patternMessage),
        placeholder: text(input.placeholder),
      };
    const quiz = record(tr.quiz);
    if (quiz) {
      st.quiz = {};
      for (const [qid, q] of Object.entries(quiz)) {
        const qr = record(q) ?? {};
        const choices = record(qr.choices);
        st.quiz[qid] = {
          question: text(qr.question),
          explanation: text(qr.explanation),
          choices: choices
            ? Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, text(v) ?? '']))
            : undefined,
        };
      }
    }
    const bodyFile = text(step.body);
    if (bodyFile) {
      st.bodyFile = translatedBodyFile(bodyFile, lang);
      try {
        st.body = await readInsidePack(dir, st.bodyFile, MAX_BODY_BYTES);
      } catch {
        st.body = undefined;
      }
    }
    out.steps.set(id, st);
  }
  return out;
}

function localizeQuiz(
  quiz: QuizQuestion[] | undefined,
  tr: StepTranslation,
): QuizQuestion[] | undefined {
  if (!quiz) return quiz;
  return quiz.map((q) => {
    const qt = tr.quiz?.[q.id];
    if (!qt) return q;
    return {
      ...q,
      question: qt.question || q.question,
      explanation: qt.explanation || q.explanation,
      choices: q.choices.map((c) => ({ ...c, label: qt.choices?.[c.value] || c.label })),
    };
  });
}

function localizeStep(step: StepDef, tr: StepTranslation | undefined): StepDef {
  if (!tr) return step;
  return {
    ...step,
    title: tr.title || step.title,
    body: tr.body ?? step.body,
    hints: step.hints.map((h, i) => tr.hints?.[i] || h),
    ...(step.input
      ? {
          input: {
            ...step.input,
            prompt: tr.input?.prompt || step.input.prompt,
            ...(step.input.patternMessage !== undefined
              ? { patternMessage: tr.input?.patternMessage || step.input.patternMessage }
              : {}),
            ...(step.input.placeholder !== undefined
              ? { placeholder: tr.input?.placeholder || step.input.placeholder }
              : {}),
          },
        }
      : {}),
    quiz: localizeQuiz(step.quiz, tr),
  };
}

/**
 * The lesson in `lang`: every text the translation has replaces the English, everything it lacks
 * stays English. Check names, parameters, answers (choice values) and ids never change.
 */
export async function localizeLesson(lesson: LessonDef, lang: Lang): Promise<LessonDef> {
  if (lang === DEFAULT_LANG) return lesson;
  const m = await readManifest(lesson.dir);
  const tr = m && (await readTranslation(lesson.dir, lang, m));
  if (!tr) return lesson;
  return {
    ...lesson,
    title: tr.title || lesson.title,
    summary: tr.summary || lesson.summary,
    steps: lesson.steps.map((s) => localizeStep(s, tr.steps.get(s.id))),
  };
}

/** What a translation of one text gets wrong about its {{params}}: dropped and unknown names. */
export function paramDifferences(
  english: string,
  translated: string,
): { dropped: string[]; added: string[] } {
  const en = new Set(templateNames(english));
  const tr = new Set(templateNames(translated));
  return {
    dropped: [...en].filter((n) => !tr.has(n)),
    added: [...tr].filter((n) => !en.has(n)),
  };
}

/**
 * Every mistake in the translations of a loaded (English-valid) lesson: for each language its
 * top level declares, a step, hint, input prompt, question, choice label or explanation with no
 * translation, a missing NN-step.LANG.md, a `{{param}}` dropped or renamed, text that is not NFC,
 * and translation keys a step does not have (a quiz id or choice value that does not exist).
 */
export async function translationProblems(lesson: LessonDef): Promise<TranslationProblem[]> {
  const m = await readManifest(lesson.dir);
  const rootNode = m?.doc.contents;
  if (!m || !isMap(rootNode)) return [];
  const problems: TranslationProblem[] = [];
  const lineAt = (path: Array<string | number>): number | undefined => {
    for (let p = path; p.length; p = p.slice(0, -1)) {
      const node = m.doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return m.lc.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const at = (path: Array<string | number>, message: string): void => {
    problems.push({ file: m.file, line: lineAt(path), message });
  };
  const raw = record(m.doc.toJS()) ?? {};
  const rawSteps = Array.isArray(raw.steps) ? raw.steps.map((s) => record(s) ?? {}) : [];
  const keysOf = (v: unknown): string[] => Object.keys(record(v) ?? {});
  const onlyKeys = (
    path: Array<string | number>,
    v: unknown,
    allowed: readonly string[],
    lang: Lang,
  ): void => {
    for (const k of keysOf(v))
      if (!allowed.includes(k))
        at([...path, k], t('lessonI18n.unknownKey', { lang, key: k, allowed: allowed.join(', ') }));
  };

  for (const lang of TRANSLATION_LANGS) {
    if (!rootNode.has(lang)) {
      // a step-level translation for a language the lesson does not declare is never shown
      rawSteps.forEach((s, i) => {
        if (lang in s) at(['steps', i, lang], t('lessonI18n.undeclared', { lang }));
      });
      continue;
    }
    const tr = await readTranslation(lesson.dir, lang, m);
    if (!tr || !record(raw[lang])) {
      at([lang], t('lessonI18n.notMapping', { lang }));
      continue;
    }
    /** one English text and its translation: present, same {{params}}, NFC */
    const need = (
      path: Array<string | number>,
      where: string,
      what: string,
      en: string | undefined,
      tx: string | undefined,
    ): void => {
      if (en === undefined) return;
      if (!tx?.trim()) {
        at(path, t('lessonI18n.missing', { lang, where, what }));
        return;
      }
      const d = paramDifferences(en, tx);
      for (const n of d.dropped)
        at(path, t('lessonI18n.paramDropped', { lang, where, what, param: `{{${n}}}` }));
      for (const n of d.added)
        at(path, t('lessonI18n.paramAdded', { lang, where, what, param: `{{${n}}}` }));
      if (tx !== tx.normalize('NFC')) at(path, t('lessonI18n.notNfc', { lang, where, what }));
    };
    const lessonWhere = t('lessonI18n.whereLesson');
    need([lang, 'title'], lessonWhere, 'title', lesson.title, tr.title);
    need([lang, 'summary'], lessonWhere, 'summary', lesson.summary, tr.summary);
    onlyKeys([lang], raw[lang], LESSON_TRANSLATION_KEYS, lang);

    for (const step of lesson.steps) {
      const i = rawSteps.findIndex((s) => s.id === step.id);
      const base: Array<string | number> = ['steps', i];
      const p = (...rest: Array<string | number>): Array<string | number> => [
        ...base,
        lang,
        ...rest,
      ];
      const where = t('lessonI18n.whereStep', { step: step.id });
      const rawTr = rawSteps[i]?.[lang];
      const st = tr.steps.get(step.id);
      if (rawTr === undefined) {
        at(base, t('lessonI18n.stepMissing', { lang, step: step.id }));
      } else if (!record(rawTr)) {
        at(p(), t('lessonI18n.notMapping', { lang }));
      } else {
        onlyKeys(p(), rawTr, STEP_TRANSLATION_KEYS, lang);
        need(p('title'), where, 'title', step.title, st?.title);
        // hints: one translation per English hint, in the same order
        step.hints.forEach((h, k) =>
          need(p('hints', k), where, t('lessonI18n.hint', { n: k + 1 }), h, st?.hints?.[k]),
        );
        if ((st?.hints?.length ?? 0) > step.hints.length)
          at(
            p('hints'),
            t('lessonI18n.extraHints', {
              lang,
              step: step.id,
              en: step.hints.length,
              tr: st?.hints?.length ?? 0,
            }),
          );
        const rawInput = record(rawTr)?.input;
        if (step.input) {
          need(p('input', 'prompt'), where, 'input.prompt', step.input.prompt, st?.input?.prompt);
          need(
            p('input', 'patternMessage'),
            where,
            'input.patternMessage',
            step.input.patternMessage,
            st?.input?.patternMessage,
          );
          if (st?.input?.placeholder !== undefined)
            need(
              p('input', 'placeholder'),
              where,
              'input.placeholder',
              step.input.placeholder,
              st.input.placeholder,
            );
          onlyKeys(p('input'), rawInput, INPUT_KEYS, lang);
        } else if (rawInput !== undefined) {
          at(p('input'), t('lessonI18n.noSuchInput', { lang, step: step.id }));
        }
        const rawQuiz = record(record(rawTr)?.quiz);
        for (const q of step.quiz ?? []) {
          const qt = st?.quiz?.[q.id];
          const qp = (...rest: Array<string | number>) => p('quiz', q.id, ...rest);
          if (!qt) {
            at(p('quiz'), t('lessonI18n.questionMissing', { lang, step: step.id, question: q.id }));
            continue;
          }
          onlyKeys(qp(), rawQuiz?.[q.id], QUESTION_KEYS, lang);
          need(qp('question'), where, `quiz ${q.id}: question`, q.question, qt.question);
          for (const c of q.choices)
            need(
              qp('choices', c.value),
              where,
              t('lessonI18n.choice', { question: q.id, value: c.value }),
              c.label,
              qt.choices?.[c.value],
            );
          for (const v of Object.keys(qt.choices ?? {}))
            if (!q.choices.some((c) => c.value === v))
              at(
                qp('choices', v),
                t('lessonI18n.noSuchChoice', { lang, step: step.id, question: q.id, value: v }),
              );
          need(
            qp('explanation'),
            where,
            `quiz ${q.id}: explanation`,
            q.explanation,
            qt.explanation,
          );
        }
        for (const qid of Object.keys(rawQuiz ?? {}))
          if (!(step.quiz ?? []).some((q) => q.id === qid))
            at(
              p('quiz', qid),
              t('lessonI18n.noSuchQuestion', { lang, step: step.id, question: qid }),
            );
      }
      // the step text: NN-step.LANG.md beside the English file, with the same {{params}}
      if (!st?.bodyFile) continue;
      if (st.body === undefined) {
        at(
          [...base, 'body'],
          t('lessonI18n.bodyMissing', { lang, step: step.id, file: st.bodyFile }),
        );
        continue;
      }
      const file = join(lesson.dir, st.bodyFile);
      const body = st.body;
      const lineOf = (name: string): number | undefined => {
        const idx = body.indexOf(`{{${name}}}`);
        return idx < 0 ? undefined : body.slice(0, idx).split('\n').length;
      };
      const d = paramDifferences(step.body, body);
      const english = rawSteps[i]?.body;
      for (const n of d.dropped)
        problems.push({
          file,
          message: t('lessonI18n.bodyParamDropped', {
            lang,
            param: `{{${n}}}`,
            english: String(english),
          }),
        });
      for (const n of d.added)
        problems.push({
          file,
          line: lineOf(n),
          message: t('lessonI18n.bodyParamAdded', { lang, param: `{{${n}}}` }),
        });
      if (body !== body.normalize('NFC'))
        problems.push({ file, message: t('lessonI18n.bodyNotNfc', { lang }) });
    }
  }
  // in file order, like the loader's, so an author can fix them top to bottom
  return problems.sort((a, b) =>
    a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1,
  );
}

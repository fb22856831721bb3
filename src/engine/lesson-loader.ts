/**
 * Loads a lesson folder (lesson.yaml + one Markdown file per step) into a LessonDef whose
 * text still holds {{templates}}, and reports every mistake with its file and line.
 * The format is documented for instructors in lessons/README.md.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type {
  CheckRef,
  LessonDef,
  QuizQuestion,
  StepDef,
  StepInput,
  StepViewKind,
} from './types.js';
import { templateNames } from './template.js';

export const MANIFEST = 'lesson.yaml';

/** A mistake in a lesson pack: where, and what is wrong. */
export interface LessonProblem {
  file: string;
  line?: number;
  message: string;
}

export interface LoadedLesson {
  lesson?: LessonDef;
  problems: LessonProblem[];
}

/** Names a lesson may use in {{...}} besides its params and its steps' input/records. */
export const BUILTIN_VARS = [
  'region',
  'accountId',
  'identityArn',
  'endpointFlag',
  'profileFlag',
  'regionFlag',
  'tutor',
  'cwd',
  'secondAccountId',
  'policyBackup',
  'targetKind',
  'learner',
] as const;

const VIEWS: StepViewKind[] = [
  'text',
  'connect',
  'account-id',
  'resources',
  'concept',
  'policy-file',
  'apply',
  'verify',
  'explain',
  'cleanup',
];

const LESSON_KEYS = new Set([
  'id',
  'title',
  'summary',
  'order',
  'params',
  'learnerParams',
  'steps',
]);
const STEP_KEYS = new Set([
  'id',
  'title',
  'body',
  'view',
  'check',
  'solve',
  'setup',
  'verifySetup',
  'input',
  'quiz',
  'hints',
  'watch',
  'watchFiles',
  'optional',
  'undoes',
  'timeoutMs',
  'records',
]);

/** The parameters a named check or action takes (all text). */
export interface ParamSpec {
  required: string[];
  optional?: string[];
}

export interface LoadOptions {
  /** parameter values that replace the manifest defaults */
  params?: Record<string, string>;
  /** when given, check and action names are validated against these */
  knownChecks?: ReadonlySet<string>;
  knownActions?: ReadonlySet<string>;
  /** the parameters each check/action takes: others, and missing required ones, are mistakes */
  paramSpecs?: Readonly<Record<string, ParamSpec>>;
  /** a learner in a shared account: the lesson's `learnerParams` get "-NAME" (see deriveLearnerValue) */
  learner?: string;
}

/**
 * A per-learner value: "fcj-workshop-app" -> "fcj-workshop-app-ana"; a file name keeps its
 * extension ("policy.json" -> "policy-ana.json") so editors still recognise it.
 */
export function deriveLearnerValue(value: string, learner: string): string {
  const m = /^(.+?)(\.[A-Za-z0-9]{1,8})$/.exec(value);
  return m ? `${m[1]}-${learner}${m[2]}` : `${value}-${learner}`;
}

/** Loads and validates one lesson folder. `lesson` is undefined when a problem prevents use. */
export async function loadLesson(dir: string, opts: LoadOptions = {}): Promise<LoadedLesson> {
  const file = join(dir, MANIFEST);
  const problems: LessonProblem[] = [];
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { problems: [{ file, message: `no ${MANIFEST} here: a lesson folder needs one` }] };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  for (const e of doc.errors) {
    problems.push({
      file,
      line: lc.linePos(e.pos[0]).line,
      message: `YAML: ${e.message.split('\n')[0]}`,
    });
  }
  if (doc.errors.length) return { problems };
  const lineOf = (n: unknown): number | undefined => {
    const r = (n as YamlNode | undefined)?.range;
    return r ? lc.linePos(r[0]).line : undefined;
  };
  const bad = (node: unknown, message: string): void => {
    problems.push({ file, line: lineOf(node), message });
  };
  const root = doc.contents;
  if (!isMap(root)) {
    bad(root, 'the manifest must be a mapping with id, title, summary, params and steps');
    return { problems };
  }
  const get = (m: unknown, key: string): unknown => (isMap(m) ? m.get(key, true) : undefined);
  const str = (m: unknown, key: string, required: boolean): string | undefined => {
    const n = get(m, key);
    if (n === undefined) {
      if (required) bad(m, `missing "${key}"`);
      return undefined;
    }
    if (!isScalar(n) || (typeof n.value !== 'string' && typeof n.value !== 'number')) {
      bad(n, `"${key}" must be text`);
      return undefined;
    }
    return String(n.value);
  };
  const bool = (m: unknown, key: string): boolean | undefined => {
    const n = get(m, key);
    if (n === undefined) return undefined;
    if (!isScalar(n) || typeof n.value !== 'boolean') {
      bad(n, `"${key}" must be true or false`);
      return undefined;
    }
    return n.value;
  };
  const strList = (m: unknown, key: string): string[] | undefined => {
    const n = get(m, key);
    if (n === undefined) return undefined;
    if (!isSeq(n)) {
      bad(n, `"${key}" must be a list`);
      return undefined;
    }
    const out: string[] = [];
    for (const item of n.items) {
      if (isScalar(item) && typeof item.value === 'string') out.push(item.value);
      else
        bad(item, `every entry of "${key}" must be text (put it in quotes when it contains ": ")`);
    }
    return out;
  };
  const unknownKeys = (m: unknown, allowed: Set<string>, what: string): void => {
    if (!isMap(m)) return;
    for (const pair of m.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.has(k)) {
        bad(pair.key, `unknown key "${k}" in ${what} (allowed: ${[...allowed].join(', ')})`);
      }
    }
  };
  const checkRef = (m: unknown, key: string, kind: 'check' | 'action'): CheckRef | undefined => {
    const n = get(m, key);
    if (n === undefined) return undefined;
    let ref: CheckRef | undefined;
    if (isScalar(n) && typeof n.value === 'string') ref = { name: n.value, params: {} };
    else if (isMap(n)) {
      unknownKeys(n, new Set(['name', 'params']), `"${key}"`);
      const name = str(n, 'name', true);
      const p = get(n, 'params');
      if (p !== undefined && !isMap(p)) bad(p, `"${key}.params" must be a mapping`);
      const params = (p && isMap(p) ? (p.toJSON() as Record<string, unknown>) : {}) ?? {};
      if (name) ref = { name, params };
    } else bad(n, `"${key}" must be a name or {name, params}`);
    if (ref) {
      const known = kind === 'check' ? opts.knownChecks : opts.knownActions;
      if (known && !known.has(ref.name)) {
        bad(n, `unknown ${kind} "${ref.name}" (known: ${[...known].sort().join(', ')})`);
      }
      const spec = opts.paramSpecs?.[ref.name];
      if (spec) {
        const takes = [...spec.required, ...(spec.optional ?? [])];
        const pNode = isMap(n) ? get(n, 'params') : undefined;
        for (const [k, v] of Object.entries(ref.params)) {
          const at = (isMap(pNode) ? pNode.get(k, true) : undefined) ?? n;
          if (!takes.includes(k))
            bad(
              at,
              `${kind} "${ref.name}" has no parameter "${k}" (it takes: ${takes.join(', ') || 'none'})`,
            );
          else if (typeof v !== 'string')
            bad(at, `parameter "${k}" of ${kind} "${ref.name}" must be text`);
        }
        for (const k of spec.required) {
          if (!(k in ref.params)) bad(n, `${kind} "${ref.name}" needs the parameter "${k}"`);
        }
      }
    }
    return ref;
  };

  unknownKeys(root, LESSON_KEYS, 'the lesson');
  const id = str(root, 'id', true);
  const title = str(root, 'title', true);
  const summary = str(root, 'summary', true) ?? '';
  const folderName = dir
    .replace(/[/\\]+$/, '')
    .split(/[/\\]/)
    .pop();
  if (id && folderName && id !== folderName) {
    bad(get(root, 'id'), `the lesson id "${id}" must match its folder name "${folderName}"`);
  }
  const params: Record<string, string> = {};
  const pNode = get(root, 'params');
  if (pNode !== undefined) {
    if (!isMap(pNode)) bad(pNode, '"params" must be a mapping of name: default value');
    else {
      for (const pair of pNode.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!isScalar(pair.value))
          bad(pair.value ?? pair.key, `parameter "${k}" must be a plain value`);
        else params[k] = String(pair.value.value);
      }
    }
  }
  for (const [k, v] of Object.entries(opts.params ?? {})) params[k] = v;
  // Which parameters name things each learner of a shared account must have of their own.
  const learnerParams = strList(root, 'learnerParams') ?? [];
  for (const k of learnerParams) {
    if (!Object.prototype.hasOwnProperty.call(params, k))
      bad(
        get(root, 'learnerParams'),
        `learnerParams names "${k}", which is not a lesson parameter`,
      );
    else if (opts.learner && params[k]) params[k] = deriveLearnerValue(params[k]!, opts.learner);
  }

  const stepsNode = get(root, 'steps');
  const steps: StepDef[] = [];
  const seenIds = new Map<string, number>();
  const declaredVars = new Set<string>([...Object.keys(params), ...BUILTIN_VARS]);
  const templatesToCheck: Array<{ node: unknown; text: string; file?: string }> = [];
  if (!isSeq(stepsNode) || stepsNode.items.length === 0) {
    bad(stepsNode ?? root, '"steps" must be a non-empty list');
  } else {
    for (const s of stepsNode.items) {
      if (!isMap(s)) {
        bad(s, 'every step must be a mapping');
        continue;
      }
      unknownKeys(s, STEP_KEYS, 'a step');
      const sid = str(s, 'id', true);
      const stitle = str(s, 'title', true);
      const bodyFile = str(s, 'body', true);
      const viewStr = str(s, 'view', false) ?? 'text';
      if (!VIEWS.includes(viewStr as StepViewKind)) {
        bad(get(s, 'view'), `unknown view "${viewStr}" (one of: ${VIEWS.join(', ')})`);
      }
      if (sid) {
        if (!/^[a-z0-9][a-z0-9-]*$/.test(sid))
          bad(get(s, 'id'), `step id "${sid}" must be lower-case words joined by -`);
        if (seenIds.has(sid))
          bad(get(s, 'id'), `duplicate step id "${sid}" (first on line ${seenIds.get(sid)})`);
        seenIds.set(sid, lineOf(get(s, 'id')) ?? 0);
      }
      const check = checkRef(s, 'check', 'check');
      if (!get(s, 'check')) bad(s, `step "${sid ?? '?'}" needs a "check"`);
      const solve = checkRef(s, 'solve', 'action');
      const setup = checkRef(s, 'setup', 'action');
      const verifySetup = checkRef(s, 'verifySetup', 'action');
      let input: StepInput | undefined;
      const iNode = get(s, 'input');
      if (iNode !== undefined) {
        if (!isMap(iNode)) bad(iNode, '"input" must be a mapping');
        else {
          unknownKeys(
            iNode,
            new Set(['prompt', 'variable', 'pattern', 'patternMessage', 'placeholder']),
            '"input"',
          );
          const prompt = str(iNode, 'prompt', true);
          const variable = str(iNode, 'variable', true);
          const pattern = str(iNode, 'pattern', false);
          if (pattern !== undefined) {
            try {
              new RegExp(pattern);
            } catch (e) {
              bad(
                get(iNode, 'pattern'),
                `"pattern" is not a valid regular expression: ${(e as Error).message}`,
              );
            }
          }
          if (prompt && variable) {
            input = {
              prompt,
              variable,
              pattern,
              patternMessage: str(iNode, 'patternMessage', false),
              placeholder: str(iNode, 'placeholder', false),
            };
            declaredVars.add(variable);
          }
        }
      }
      for (const r of strList(s, 'records') ?? []) declaredVars.add(r);
      let quiz: QuizQuestion[] | undefined;
      const qNode = get(s, 'quiz');
      if (qNode !== undefined) {
        if (!isSeq(qNode)) bad(qNode, '"quiz" must be a list of questions');
        else {
          quiz = [];
          for (const q of qNode.items) {
            if (!isMap(q)) {
              bad(q, 'every quiz question must be a mapping');
              continue;
            }
            unknownKeys(
              q,
              new Set(['id', 'question', 'choices', 'answer', 'explanation']),
              'a quiz question',
            );
            const qid = str(q, 'id', true);
            const question = str(q, 'question', true);
            const answer = str(q, 'answer', true);
            const explanation = str(q, 'explanation', true);
            const cNode = get(q, 'choices');
            const choices: Array<{ value: string; label: string }> = [];
            if (!isSeq(cNode) || cNode.items.length < 2)
              bad(cNode ?? q, '"choices" must list at least two {value, label}');
            else {
              for (const c of cNode.items) {
                const value = str(c, 'value', true);
                const label = str(c, 'label', true);
                if (value && label) choices.push({ value, label });
              }
            }
            if (answer && choices.length && !choices.some((c) => c.value === answer)) {
              bad(get(q, 'answer'), `the answer "${answer}" is not one of the choices' values`);
            }
            if (qid && question && answer && explanation)
              quiz.push({ id: qid, question, choices, answer, explanation });
          }
        }
      }
      const hints = strList(s, 'hints') ?? [];
      if (hints.length === 0)
        bad(s, `step "${sid ?? '?'}" needs "hints": at least one (nudge, more, then the answer)`);
      const undoes = strList(s, 'undoes');
      for (const u of undoes ?? []) {
        if (!seenIds.has(u) || u === sid)
          bad(get(s, 'undoes'), `"undoes" names "${u}", which is not an earlier step`);
      }
      const tNode = get(s, 'timeoutMs');
      let timeoutMs: number | undefined;
      if (tNode !== undefined) {
        if (!isScalar(tNode) || typeof tNode.value !== 'number' || tNode.value <= 0)
          bad(tNode, '"timeoutMs" must be a positive number');
        else timeoutMs = tNode.value;
      }
      let body = '';
      if (bodyFile) {
        const bodyPath = join(dir, bodyFile);
        try {
          body = await readFile(bodyPath, 'utf8');
          templatesToCheck.push({ node: get(s, 'body'), text: body, file: bodyPath });
        } catch {
          bad(get(s, 'body'), `the step text "${bodyFile}" does not exist in ${dir}`);
        }
      }
      for (const h of hints) templatesToCheck.push({ node: get(s, 'hints'), text: h });
      for (const ref of [check, solve, setup, verifySetup]) {
        if (ref) templatesToCheck.push({ node: s, text: JSON.stringify(ref.params) });
      }
      if (sid && stitle && check) {
        steps.push({
          id: sid,
          title: stitle,
          body,
          view: viewStr as StepViewKind,
          check,
          solve,
          setup,
          verifySetup,
          input,
          quiz,
          hints,
          watch: bool(s, 'watch'),
          watchFiles: strList(s, 'watchFiles'),
          optional: bool(s, 'optional'),
          undoes,
          timeoutMs,
        });
      }
    }
  }
  for (const t of templatesToCheck) {
    for (const name of templateNames(t.text)) {
      if (!declaredVars.has(name)) {
        if (t.file) {
          const line = t.text.slice(0, t.text.indexOf(`{{`)).split('\n').length;
          problems.push({
            file: t.file,
            line,
            message: `{{${name}}} is not a lesson parameter, an input variable or a recorded value`,
          });
        } else
          bad(
            t.node,
            `{{${name}}} is not a lesson parameter, an input variable or a recorded value`,
          );
      }
    }
  }
  if (problems.length || !id || !title) return { problems };
  return {
    lesson: {
      id,
      title,
      summary,
      params,
      steps,
      dir,
      ...(learnerParams.length ? { learnerParams } : {}),
      ...(opts.learner ? { learner: opts.learner } : {}),
    },
    problems,
  };
}

/** A lesson as listed by `lessons list`. */
export interface LessonSummary {
  id: string;
  title: string;
  summary: string;
  steps: number;
  dir: string;
  order: number;
}

/** Every lesson folder (one holding lesson.yaml) directly under `packDir`, sorted. */
export async function lessonDirs(packDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(packDir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names.sort()) {
    const d = join(packDir, n);
    try {
      if ((await stat(join(d, MANIFEST))).isFile()) out.push(d);
    } catch {
      // not a lesson folder (README.md, assets): skip
    }
  }
  return out;
}

/** Lists the usable lessons of a pack (broken ones are left out: `lessons validate` names them). */
export async function listLessons(packDir: string): Promise<LessonSummary[]> {
  const out: LessonSummary[] = [];
  for (const d of await lessonDirs(packDir)) {
    const { lesson } = await loadLesson(d);
    if (!lesson) continue;
    const raw = parseDocument(await readFile(join(d, MANIFEST), 'utf8')).toJSON() as {
      order?: number;
    };
    out.push({
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      steps: lesson.steps.length,
      dir: d,
      order: typeof raw.order === 'number' ? raw.order : 1000,
    });
  }
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/**
 * Loads a lesson folder (lesson.yaml + one Markdown file per step) into a LessonDef whose
 * text still holds {{templates}}, and reports every mistake with its file and line.
 * The shape of the manifest is declared once, in ./lesson-schema.ts; this file adds what a
 * schema cannot see (the folder name, files, step order, check names, templates).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  isMap,
  isScalar,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { z } from 'zod';
import {
  LessonManifestSchema,
  StepSchema,
  type CheckRef,
  type StepManifest,
} from './lesson-schema.js';
import {
  boundaryViolations,
  MAX_BODY_BYTES,
  PackBoundaryError,
  readInsidePack,
  readManifest,
  sanitizeLessonText,
} from './pack-boundary.js';
import type { LessonDef, StepDef } from './types.js';
import { templateUses } from './template.js';
import { getLanguage, type Lang } from '../i18n/index.js';
import { localizeLesson } from '../i18n/lesson-translation.js';

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
  /** the manifest's `order` (position in `lessons list`), when given */
  order?: number;
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
  /** the language of the texts (default: the process language); translations fall back to English */
  lang?: Lang;
}

/**
 * A per-learner value: "fcj-workshop-app" -> "fcj-workshop-app-ana"; a file name keeps its
 * extension ("policy.json" -> "policy-ana.json") so editors still recognise it.
 */
export function deriveLearnerValue(value: string, learner: string): string {
  const m = /^(.+?)(\.[A-Za-z0-9]{1,8})$/.exec(value);
  return m ? `${m[1]}-${learner}${m[2]}` : `${value}-${learner}`;
}

/**
 * Reads a file of the pack (a step's Markdown). The one place the loader touches pack files:
 * inside the lesson folder only, within the size limit (pack-boundary.ts).
 */
async function readPackText(dir: string, relPath: string): Promise<string> {
  return readInsidePack(dir, relPath, MAX_BODY_BYTES);
}

type Path = ReadonlyArray<string | number>;

/** What a mapping at this path is called in messages. */
function whatIsAt(path: Path): string {
  const last = path[path.length - 1];
  if (path.length === 0) return 'the lesson';
  if (path[0] === 'steps' && path.length === 2) return 'a step';
  if (path.includes('quiz') && typeof last === 'number') return 'a quiz question';
  if (path.includes('choices') && typeof last === 'number') return 'a quiz choice';
  return `"${String(last)}"`;
}

/** Which keys a mapping at this path may have (for "unknown key" messages). */
function allowedKeysAt(schema: z.ZodType, path: Path): string[] {
  let s: unknown = schema;
  for (const seg of path) {
    s = unwrap(s);
    const def = (
      s as {
        def?: {
          type?: string;
          shape?: Record<string, unknown>;
          element?: unknown;
          options?: unknown[];
        };
      }
    ).def;
    if (!def) return [];
    if (def.type === 'object' && typeof seg === 'string') s = def.shape?.[seg];
    else if (def.type === 'array') s = def.element;
    else return [];
  }
  s = unwrap(s);
  const shape = (s as { def?: { shape?: Record<string, unknown> } }).def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  for (;;) {
    const def = (
      s as
        | {
            def?: {
              type?: string;
              innerType?: unknown;
              out?: unknown;
              in?: unknown;
              options?: unknown[];
            };
          }
        | undefined
    )?.def;
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default')
      s = def.innerType;
    else if (def.type === 'pipe')
      s = (def.in as { def?: { type?: string } })?.def?.type === 'transform' ? def.out : def.in;
    else if (def.type === 'union')
      s =
        def.options?.find((o) => (o as { def?: { type?: string } }).def?.type === 'object') ??
        def.options?.[0];
    else return s;
  }
}

/** Loads and validates one lesson folder. `lesson` is undefined when a problem prevents use. */
export async function loadLesson(dir: string, opts: LoadOptions = {}): Promise<LoadedLesson> {
  const file = join(dir, MANIFEST);
  const problems: LessonProblem[] = [];
  let yamlText: string;
  try {
    yamlText = await readManifest(dir, MANIFEST);
  } catch (err) {
    if (err instanceof PackBoundaryError) return { problems: [{ file, message: err.message }] };
    return { problems: [{ file, message: `no ${MANIFEST} here: a lesson folder needs one` }] };
  }
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false });
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
  /** The node at a path, or the nearest node above it that exists. */
  const nodeAt = (path: Path): unknown => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : (doc as Document).getIn(path.slice(0, n), true);
      if (node !== undefined && node !== null) return node;
    }
    return undefined;
  };
  const bad = (path: Path, message: string): void => {
    problems.push({ file, line: lineOf(nodeAt(path)), message });
  };
  /** Reports the schema's complaints in the learner's (instructor's) words, at their lines. */
  const report = (schema: z.ZodType, base: Path, issues: z.core.$ZodIssue[]): void => {
    for (const iss of issues) {
      const path = [...base, ...(iss.path as Array<string | number>)];
      const key = path[path.length - 1];
      const name = typeof key === 'number' ? String(path[path.length - 2]) : String(key);
      if (iss.code === 'unrecognized_keys') {
        const map = nodeAt(path);
        const allowed = allowedKeysAt(schema, iss.path as Path);
        for (const k of iss.keys) {
          const pair = isMap(map)
            ? map.items.find((p) => isScalar(p.key) && String(p.key.value) === k)
            : undefined;
          problems.push({
            file,
            line: lineOf(pair?.key ?? map),
            message: `unknown key "${k}" in ${whatIsAt(path)} (allowed: ${allowed.join(', ')})`,
          });
        }
      } else if (iss.code === 'invalid_type' && iss.input === undefined) {
        bad(path, `missing "${name}"`);
      } else if (iss.code === 'invalid_type' && iss.message.startsWith('Invalid input')) {
        const what: Record<string, string> = {
          string: 'text',
          boolean: 'true or false',
          array: 'a list',
          object: 'a mapping',
          record: 'a mapping',
          number: 'a number',
        };
        if (typeof key === 'number' && iss.expected === 'string')
          bad(
            path,
            `every entry of "${name}" must be text (put it in quotes when it contains ": ")`,
          );
        else if (path.includes('params') && path[path.length - 2] === 'params')
          bad(path, `parameter "${name}" must be a plain value`);
        else bad(path, `"${name}" must be ${what[iss.expected] ?? iss.expected}`);
      } else if (iss.code === 'invalid_union') {
        bad(path, `"${name}" must be a name or {name, params}`);
      } else bad(path, iss.message);
    }
  };

  const raw = doc.toJS() as unknown;
  const top = LessonManifestSchema.safeParse(raw, { reportInput: true });
  if (!top.success) report(LessonManifestSchema, [], top.error.issues);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    if (top.success || !problems.length)
      bad([], 'the manifest must be a mapping with id, title, summary, params and steps');
    return { problems };
  }
  const m = fieldsOf(LessonManifestSchema, raw);
  const { id, title } = m;
  const summary = m.summary ?? '';
  const folderName = dir
    .replace(/[/\\]+$/, '')
    .split(/[/\\]/)
    .pop();
  if (id && folderName && id !== folderName) {
    bad(['id'], `the lesson id "${id}" must match its folder name "${folderName}"`);
  }
  const params: Record<string, string> = { ...(m.params ?? {}) };
  for (const [k, v] of Object.entries(opts.params ?? {})) params[k] = v;
  // Which parameters name things each learner of a shared account must have of their own.
  const learnerParams = m.learnerParams ?? [];
  for (const k of learnerParams) {
    if (!Object.prototype.hasOwnProperty.call(params, k))
      bad(['learnerParams'], `learnerParams names "${k}", which is not a lesson parameter`);
    else if (opts.learner && params[k]) params[k] = deriveLearnerValue(params[k]!, opts.learner);
  }

  const rawSteps = Array.isArray((raw as { steps?: unknown }).steps)
    ? (raw as { steps: unknown[] }).steps
    : [];
  const steps: StepDef[] = [];
  const seenIds = new Map<string, number>();
  const declaredVars = new Set<string>([...Object.keys(params), ...BUILTIN_VARS]);
  const templatesToCheck: Array<{ path: Path; text: string; file?: string }> = [];
  /** each step's refs, for the pack boundary's rules (by step index) */
  const stepRefs: Array<Partial<Record<'check' | 'solve' | 'setup' | 'verifySetup', CheckRef>>> =
    [];
  for (const [i, rawStep] of rawSteps.entries()) {
    const at = (...rest: Array<string | number>): Path => ['steps', i, ...rest];
    if (rawStep === null || typeof rawStep !== 'object' || Array.isArray(rawStep)) {
      bad(at(), 'every step must be a mapping');
      continue;
    }
    const parsed = StepSchema.safeParse(rawStep, { reportInput: true });
    if (!parsed.success) report(StepSchema, at(), parsed.error.issues);
    // Check each part that is valid on its own, so one mistake does not hide the others.
    const s: Partial<StepManifest> = parsed.success ? parsed.data : fieldsOf(StepSchema, rawStep);
    stepRefs[i] = { check: s.check, solve: s.solve, setup: s.setup, verifySetup: s.verifySetup };
    const sid = s.id;
    if (sid) {
      if (seenIds.has(sid))
        bad(at('id'), `duplicate step id "${sid}" (first on line ${seenIds.get(sid)})`);
      seenIds.set(sid, lineOf(nodeAt(at('id'))) ?? 0);
    }
    const refs: Array<[string, CheckRef | undefined, 'check' | 'action']> = [
      ['check', s.check, 'check'],
      ['solve', s.solve, 'action'],
      ['setup', s.setup, 'action'],
      ['verifySetup', s.verifySetup, 'action'],
    ];
    for (const [key, ref, kind] of refs) {
      if (!ref) continue;
      const known = kind === 'check' ? opts.knownChecks : opts.knownActions;
      if (known && !known.has(ref.name))
        bad(at(key), `unknown ${kind} "${ref.name}" (known: ${[...known].sort().join(', ')})`);
      const spec = opts.paramSpecs?.[ref.name];
      if (spec) {
        const takes = [...spec.required, ...(spec.optional ?? [])];
        for (const [k, v] of Object.entries(ref.params)) {
          if (!takes.includes(k))
            bad(
              at(key, 'params', k),
              `${kind} "${ref.name}" has no parameter "${k}" (it takes: ${takes.join(', ') || 'none'})`,
            );
          else if (typeof v !== 'string')
            bad(at(key, 'params', k), `parameter "${k}" of ${kind} "${ref.name}" must be text`);
        }
        for (const k of spec.required) {
          if (!(k in ref.params)) bad(at(key), `${kind} "${ref.name}" needs the parameter "${k}"`);
        }
      }
    }
    if (s.input) declaredVars.add(s.input.variable);
    for (const r of s.records ?? []) declaredVars.add(r);
    for (const u of s.undoes ?? []) {
      if (!seenIds.has(u) || u === sid)
        bad(at('undoes'), `"undoes" names "${u}", which is not an earlier step`);
    }
    let body = '';
    if (s.body) {
      try {
        body = await readPackText(dir, s.body);
        templatesToCheck.push({ path: at('body'), text: body, file: join(dir, s.body) });
      } catch (err) {
        if (err instanceof PackBoundaryError) bad(at('body'), `the step text ${err.message}`);
        else bad(at('body'), `the step text "${s.body}" does not exist in ${dir}`);
      }
    }
    // Every text of the step in the manifest may hold {{names}}: check them where they are.
    collectStrings(rawStep, at(), (path, text) => templatesToCheck.push({ path, text }));
    if (parsed.success) {
      const d = parsed.data;
      steps.push({
        id: d.id,
        title: d.title,
        body,
        view: d.view ?? 'text',
        check: d.check,
        solve: d.solve,
        setup: d.setup,
        verifySetup: d.verifySetup,
        input: d.input,
        quiz: d.quiz,
        hints: d.hints,
        watch: d.watch,
        watchFiles: d.watchFiles,
        optional: d.optional,
        undoes: d.undoes,
        timeoutMs: d.timeoutMs,
      });
    }
  }
  for (const t of templatesToCheck) {
    for (const { name, line } of templateUses(t.text)) {
      if (declaredVars.has(name)) continue;
      const message = `{{${name}}} is not a lesson parameter, an input variable or a recorded value`;
      if (t.file) problems.push({ file: t.file, line, message });
      else bad(t.path, message);
    }
  }
  // The pack's boundary: files it writes, resources it changes, what it may delete.
  for (const v of boundaryViolations(
    Array.from(rawSteps, (_, i) => stepRefs[i] ?? {}),
    params,
  ))
    bad(v.path, v.message);
  // In file order, so an instructor can fix them top to bottom.
  problems.sort((a, b) =>
    a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1,
  );
  if (problems.length || !id || !title) return { problems };
  const english: LessonDef = {
    id,
    title,
    summary,
    params,
    steps,
    dir,
    ...(learnerParams.length ? { learnerParams } : {}),
    ...(opts.learner ? { learner: opts.learner } : {}),
  };
  return {
    // The texts in the learner's language (src/i18n/lesson-translation.ts), English where
    // untranslated; every text a person sees came from the pack's author: sanitised once, here.
    lesson: sanitizeLessonText(await localizeLesson(english, opts.lang ?? getLanguage())),
    problems,
    ...(m.order !== undefined ? { order: m.order } : {}),
  };
}

/** The keys of an object that are valid on their own (the rest are reported by the schema). */
function fieldsOf<S extends z.ZodObject>(schema: S, value: unknown): Partial<z.output<S>> {
  const out: Record<string, unknown> = {};
  if (value === null || typeof value !== 'object') return out as Partial<z.output<S>>;
  for (const [k, field] of Object.entries(schema.shape)) {
    const r = (field as z.ZodType).safeParse((value as Record<string, unknown>)[k]);
    if (r.success && r.data !== undefined) out[k] = r.data;
  }
  return out as Partial<z.output<S>>;
}

/** Calls `visit` for every string inside a YAML value, with its path. */
function collectStrings(v: unknown, path: Path, visit: (path: Path, text: string) => void): void {
  if (typeof v === 'string') visit(path, v);
  else if (Array.isArray(v)) v.forEach((x, i) => collectStrings(x, [...path, i], visit));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) collectStrings(x, [...path, k], visit);
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
    const { lesson, order } = await loadLesson(d);
    if (!lesson) continue;
    out.push({
      id: lesson.id,
      title: lesson.title,
      summary: lesson.summary,
      steps: lesson.steps.length,
      dir: d,
      order: order ?? 1000,
    });
  }
  return out.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

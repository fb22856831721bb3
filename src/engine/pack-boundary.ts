/**
 * A lesson pack is data from someone else, with a boundary: it reads only files inside its own
 * lesson folder (no absolute paths, no `..`, no symlink leading out), within size limits; the
 * files it writes are plain names in the learner's working folder; the actions that change cloud
 * state name only resources given by the lesson's own params; deleting actions run only where
 * `lessons verify` runs them (a throw-away sandbox); and every text it shows is sanitised. The
 * loader calls in here; `lessons validate` reports each violation at its line.
 */
import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { sanitizeForTerminal, sanitizeLine } from '../text/sanitize.js';
import type { LessonDef } from './types.js';

/** Largest lesson.yaml read (the built-in one is ~12 KiB). */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** Largest step text (Markdown) read (the built-in ones are under 8 KiB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** A file of the pack could not be read inside the boundary: why, in words. */
export class PackBoundaryError extends Error {}

/** Why a path written in a lesson is not a plain relative path inside its folder, or undefined. */
export function packPathProblem(rel: string): string | undefined {
  if (rel.includes('\0')) return 'it contains a NUL character';
  if (isAbsolute(rel) || /^[A-Za-z]:/.test(rel) || rel.startsWith('\\') || rel.startsWith('/'))
    return 'it is an absolute path; name a file inside the lesson folder';
  if (rel.split(/[/\\]/).some((seg) => seg === '..'))
    return 'it leads out of the lesson folder ("..")';
  if (rel.startsWith('~')) return 'it names a home folder; name a file inside the lesson folder';
  return undefined;
}

/**
 * Reads a file of the lesson folder, refusing what would leave it: a bad path, a symlink whose
 * target is outside, something that is not a regular file, or more than `limit` bytes.
 */
export async function readInsidePack(
  lessonDir: string,
  rel: string,
  limit: number,
): Promise<string> {
  const problem = packPathProblem(rel);
  if (problem) throw new PackBoundaryError(`"${sanitizeLine(rel)}" is refused: ${problem}`);
  const path = join(lessonDir, rel);
  const [root, real] = await Promise.all([realpath(lessonDir), realpath(path)]);
  const inside = relative(root, real);
  if (
    inside === '' ||
    inside.startsWith('..') ||
    isAbsolute(inside) ||
    inside.split(sep)[0] === '..'
  )
    throw new PackBoundaryError(
      `"${sanitizeLine(rel)}" is refused: it is a link to ${sanitizeLine(real)}, outside the lesson folder`,
    );
  const s = await stat(real);
  if (!s.isFile()) throw new PackBoundaryError(`"${sanitizeLine(rel)}" is not a regular file`);
  if (s.size > limit)
    throw new PackBoundaryError(
      `"${sanitizeLine(rel)}" is ${s.size} bytes; a lesson file may have at most ${limit}`,
    );
  return readFile(real, 'utf8');
}

/** Reads lesson.yaml: a regular file (not a link leaving the folder) within the size limit. */
export async function readManifest(lessonDir: string, name: string): Promise<string> {
  const l = await lstat(join(lessonDir, name));
  if (l.isSymbolicLink()) return readInsidePack(lessonDir, name, MAX_MANIFEST_BYTES);
  if (!l.isFile()) throw new PackBoundaryError(`${name} is not a regular file`);
  if (l.size > MAX_MANIFEST_BYTES)
    throw new PackBoundaryError(
      `${name} is ${l.size} bytes; a lesson.yaml may have at most ${MAX_MANIFEST_BYTES} (256 KiB)`,
    );
  return readFile(join(lessonDir, name), 'utf8');
}

/** Why a file name a lesson writes or reads in the working folder is not a plain name. */
export function plainFileNameProblem(name: string): string | undefined {
  if (!name) return 'it is empty';
  if (name === '.' || name === '..' || /[/\\]/.test(name) || name.includes('\0'))
    return 'it must be a plain file name in the working folder (no folders, no "..")';
  if (name.startsWith('.'))
    return 'it must not be a hidden file (a name starting with "."): those are shell and tool settings';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name))
    return 'it may use only letters, digits, ".", "_" and "-" (at most 100)';
  return undefined;
}

/** What the boundary needs to know about the actions (the check registry's tables). */
export interface ActionRules {
  /** actions that change cloud state: their resource parameters must be the lesson's own params */
  stateChanging: ReadonlySet<string>;
  /** actions that delete: allowed only as `verifySetup` (run by `lessons verify` on a throw-away sandbox) */
  deleting: ReadonlySet<string>;
  /** parameters that name a file in the working folder */
  fileParams: ReadonlySet<string>;
  /** parameters that name a cloud resource (what a state-changing action touches) */
  resourceParams: ReadonlySet<string>;
  /** actions that write their `file` in the working folder (a skip's confirmation names it) */
  writingFiles: ReadonlySet<string>;
}

export const DEFAULT_ACTION_RULES: ActionRules = {
  stateChanging: new Set([
    'create-resources',
    'delete-repository',
    'apply-policy',
    'restore-policy',
    'push-as-ci-user',
    'grant-partner-pull',
    'attach-partner-pull-policy',
    'remove-partner-access',
    'grant-ci-push',
    'apply-deny-push-policy',
    'remove-deny-statement',
  ]),
  deleting: new Set(['delete-repository']),
  fileParams: new Set(['file']),
  resourceParams: new Set(['repository', 'ciUser', 'partnerUser', 'partnerAccount', 'userName']),
  writingFiles: new Set(['write-starter-policy', 'write-solution-policy']),
};

/** One violation, at a path of the manifest (the loader turns the path into a line). */
export interface BoundaryViolation {
  path: ReadonlyArray<string | number>;
  message: string;
}

interface RefLike {
  name: string;
  params: Record<string, unknown>;
}

const TEMPLATE_ONLY = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/;

/**
 * The boundary rules over the manifest's refs: file parameters are plain names, state-changing
 * actions touch only resources named by the lesson's own params, deleting actions only under
 * verifySetup. `params` are the lesson's params (after overrides).
 */
export function boundaryViolations(
  steps: ReadonlyArray<Partial<Record<'check' | 'solve' | 'setup' | 'verifySetup', RefLike>>>,
  params: Readonly<Record<string, string>>,
  rules: ActionRules = DEFAULT_ACTION_RULES,
): BoundaryViolation[] {
  const out: BoundaryViolation[] = [];
  steps.forEach((s, i) => {
    for (const key of ['check', 'solve', 'setup', 'verifySetup'] as const) {
      const ref = s[key];
      if (!ref) continue;
      const at = (...rest: Array<string | number>) => ['steps', i, key, ...rest];
      if (rules.deleting.has(ref.name) && key !== 'verifySetup') {
        out.push({
          path: at('name'),
          message: `"${ref.name}" deletes cloud resources: a lesson may use it only as verifySetup (run by \`lessons verify\` on a throw-away sandbox), not as ${key}`,
        });
      }
      for (const [k, v] of Object.entries(ref.params)) {
        if (typeof v !== 'string') continue;
        const m = TEMPLATE_ONLY.exec(v);
        const value = m ? params[m[1]!] : v;
        if (rules.fileParams.has(k) && value !== undefined && !/\{\{/.test(value)) {
          const why = plainFileNameProblem(value);
          if (why)
            out.push({
              path: at('params', k),
              message: `the file "${sanitizeLine(value)}" is refused: ${why}`,
            });
        }
        if (rules.stateChanging.has(ref.name) && rules.resourceParams.has(k)) {
          if (!m || !Object.prototype.hasOwnProperty.call(params, m[1]!)) {
            out.push({
              path: at('params', k),
              message: `"${ref.name}" changes cloud state, so its "${k}" must be one of the lesson's own params ({{name}} of "params:"), not "${sanitizeLine(v)}"`,
            });
          }
        }
      }
    }
  });
  return out;
}

/** Every text of a lesson a person will see, sanitised (titles on one line). */
export function sanitizeLessonText(lesson: LessonDef): LessonDef {
  const deep = (v: unknown): unknown =>
    typeof v === 'string'
      ? sanitizeForTerminal(v)
      : Array.isArray(v)
        ? v.map(deep)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x)]))
          : v;
  return {
    ...lesson,
    title: sanitizeLine(lesson.title),
    summary: sanitizeLine(lesson.summary),
    steps: lesson.steps.map((s) => ({
      ...(deep(s) as typeof s),
      title: sanitizeLine(s.title),
    })),
  };
}

/**
 * The lesson manifest (`lesson.yaml`) declared once. The loader validates against these
 * schemas, the TypeScript types in ./types.ts are inferred from them, and the key tables of
 * lessons/README.md are generated from their descriptions (`npm run lesson-reference`;
 * test/engine/lesson-schema.test.ts fails when the README falls behind).
 *
 * To add a key: add it to the object below with `.meta({ description })`; the loader, the
 * types and the reference follow. Keys that must be checked against other parts of the pack
 * (step order, file existence, check names) are checked in lesson-loader.ts.
 */
import { z } from 'zod';

/** Text in YAML: a number written without quotes (`id: 5`) is taken as its text. */
const text = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string());

/** A list of text entries; each entry must itself be text. */
const textList = z.array(z.string());

export const STEP_VIEWS = [
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
] as const;

export const StepViewSchema = z.enum(STEP_VIEWS, {
  error: (iss) => `unknown view "${String(iss.input)}" (one of: ${STEP_VIEWS.join(', ')})`,
});

/** A named check or action: `name`, or `{ name, params }`; normalised to `{ name, params }`. */
export const CheckRefSchema = z
  .union([
    z.string(),
    z
      .object({
        name: text,
        params: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  ])
  .transform((r) =>
    typeof r === 'string' ? { name: r, params: {} } : { name: r.name, params: r.params ?? {} },
  );

export const StepInputSchema = z
  .object({
    prompt: text.meta({ description: 'the question asked' }),
    variable: text.meta({ description: 'the answer is stored as `{{variable}}` for later steps' }),
    pattern: text
      .refine(
        (p) => {
          try {
            new RegExp(p);
            return true;
          } catch {
            return false;
          }
        },
        { error: (iss) => `"pattern" is not a valid regular expression: ${regexError(iss.input)}` },
      )
      .optional()
      .meta({ description: 'a regular expression the answer must match as typed' }),
    patternMessage: text.optional().meta({ description: 'what to say when it does not' }),
    placeholder: text.optional().meta({ description: 'an example shown in the empty field' }),
  })
  .strict();

function regexError(p: unknown): string {
  try {
    new RegExp(String(p));
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

export const QuizChoiceSchema = z.object({ value: text, label: text }).strict();

export const QuizQuestionSchema = z
  .object({
    id: text.meta({ description: 'unique within the step' }),
    question: text.meta({ description: 'the question, in Markdown' }),
    choices: z
      .array(QuizChoiceSchema)
      .min(2, { error: '"choices" must list at least two {value, label}' })
      .meta({ description: 'at least two `{ value, label }`' }),
    answer: text.meta({ description: "the right choice's `value`" }),
    explanation: text.meta({
      description: 'why the right answer is right (shown after answering)',
    }),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.choices.length && !q.choices.some((c) => c.value === q.answer))
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: `the answer "${q.answer}" is not one of the choices' values`,
      });
  });

/**
 * A step's texts in another language (`vi:` in a step; src/i18n/lesson-translation.ts reads
 * them and `lessons validate` checks they are complete). Ids, checks, answers and choice values
 * are never translated.
 */
export const StepTranslationSchema = z
  .object({
    title: text.optional().meta({ description: 'the step title' }),
    hints: textList.optional().meta({ description: 'one per English hint, in the same order' }),
    input: z
      .object({
        prompt: text.optional(),
        patternMessage: text.optional(),
        placeholder: text.optional(),
      })
      .strict()
      .optional()
      .meta({ description: "`prompt`, `patternMessage`, `placeholder` of the step's `input`" }),
    quiz: z
      .record(
        z.string(),
        z
          .object({
            question: text.optional(),
            choices: z.record(z.string(), text).optional(),
            explanation: text.optional(),
          })
          .strict(),
      )
      .optional()
      .meta({
        description: 'by question id: `question`, `choices` (label by choice value), `explanation`',
      }),
  })
  .strict();

/** The lesson's own texts in another language (`vi:` at the top; it declares the language). */
export const LessonTranslationSchema = z
  .object({
    title: text.optional().meta({ description: 'the lesson title' }),
    summary: text.optional().meta({ description: 'the summary' }),
  })
  .strict();

/** One step of `steps:`. The order of keys here is the order of the reference table. */
export const StepSchema = z
  .object({
    id: text
      .refine((s) => /^[a-z0-9][a-z0-9-]*$/.test(s), {
        error: (iss) => `step id "${String(iss.input)}" must be lower-case words joined by -`,
      })
      .meta({ description: 'required; lower-case words joined by `-`, unique in the lesson' }),
    title: text.meta({ description: 'required; shown in the step list' }),
    body: text.meta({
      description: "required; the step's Markdown file, relative to the lesson folder",
    }),
    view: StepViewSchema.optional().meta({
      description: `how front-ends present it: ${STEP_VIEWS.map((v) => `\`${v}\``).join(', ')} (default \`text\`)`,
    }),
    check: CheckRefSchema.meta({
      description: 'required; the named check that reads live state: a name, or `{ name, params }`',
    }),
    solve: CheckRefSchema.optional().meta({
      description:
        'an action run when the learner skips (front-ends ask first when it changes AWS)',
    }),
    setup: CheckRefSchema.optional().meta({
      description:
        'an action run when the learner enters the step; must be harmless to repeat (e.g. write a starter file only if it is missing)',
    }),
    verifySetup: CheckRefSchema.optional().meta({
      description:
        'an action run only by `lessons verify`, before the first check, to undo what the sandbox seed already provides so the solve is really tested',
    }),
    input: StepInputSchema.optional().meta({
      description:
        'one typed answer (`prompt`, `variable`, optional `pattern`, `patternMessage`, `placeholder`)',
    }),
    quiz: z.array(QuizQuestionSchema).optional().meta({
      description:
        'concept questions: `id`, `question`, `choices` (list of `{ value, label }`), `answer` (a value), `explanation`',
    }),
    hints: textList
      .min(1, { error: 'a step needs "hints": at least one (nudge, more, then the answer)' })
      .meta({
        description:
          'required list, at least one, shown one at a time: nudge, more, then the answer',
      }),
    watch: z.boolean().optional().meta({
      description:
        're-check automatically while the learner works elsewhere (default: true for `policy-file` and `apply` views)',
    }),
    watchFiles: textList.optional().meta({ description: 'files whose save triggers a re-check' }),
    optional: z.boolean().optional().meta({
      description: 'the lesson is finished without this step (clean-up)',
    }),
    undoes: textList.optional().meta({
      description:
        'ids of earlier steps whose AWS changes this step removes on purpose: after a finished clean-up, `ecr-tutor check` does not count them as failures',
    }),
    timeoutMs: z
      .number({ error: '"timeoutMs" must be a positive number' })
      .positive({ error: '"timeoutMs" must be a positive number' })
      .optional()
      .meta({
        description:
          'how long to keep retrying while AWS reports a change as not yet visible (default 30000)',
      }),
    records: textList.optional().meta({
      description:
        "names of values the step's check or actions record (e.g. `policyPath`), so `{{policyPath}}` is accepted",
    }),
    vi: StepTranslationSchema.optional().meta({
      description:
        'the step in Vietnamese (`title`, `hints`, `input`, `quiz`); the text is `NN-step.vi.md` (see Translations)',
    }),
  })
  .strict();

/** The whole manifest. */
export const LessonManifestSchema = z
  .object({
    id: text.meta({ description: 'required; must equal the folder name' }),
    title: text.meta({ description: 'required' }),
    summary: text.meta({
      description: 'required; one or two sentences shown in `ecr-tutor lessons list`',
    }),
    order: z
      .number({ error: '"order" must be a number' })
      .optional()
      .meta({ description: 'position in the list (lower first)' }),
    params: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]), {
        error: '"params" must be a mapping of name: default value',
      })
      .transform((m) =>
        Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === null ? '' : String(v)])),
      )
      .optional()
      .meta({
        description:
          'resource names and options (`name: default`), used as `{{name}}`; never hard-code them in the text',
      }),
    learnerParams: textList.optional().meta({
      description:
        'parameters each learner of a shared account gets their own of (`--learner NAME` appends `-NAME`)',
    }),
    steps: z
      .array(z.unknown(), { error: '"steps" must be a non-empty list' })
      .min(1, { error: '"steps" must be a non-empty list' })
      .meta({ description: 'required; the steps, in order (keys below)' }),
    vi: LessonTranslationSchema.optional().meta({
      description:
        'the lesson in Vietnamese (`title`, `summary`): declares the translation (see Translations)',
    }),
  })
  .strict();

export type StepViewKind = z.output<typeof StepViewSchema>;
export type CheckRef = z.output<typeof CheckRefSchema>;
export type StepInput = z.output<typeof StepInputSchema>;
export type QuizQuestion = z.output<typeof QuizQuestionSchema>;
/** A step exactly as written in the manifest (body = the Markdown file's name). */
export type StepManifest = z.output<typeof StepSchema>;
export type LessonManifest = z.output<typeof LessonManifestSchema>;

/** Markdown table of an object schema's keys and their descriptions. */
function keyTable(schema: z.ZodObject): string {
  const rows = Object.entries(schema.shape).map(([key, s]) => {
    const d = (s as z.ZodType).meta()?.description ?? '';
    return `| \`${key}\` | ${d.replace(/\|/g, '\\|')} |`;
  });
  return ['| key | meaning |', '| --- | --- |', ...rows].join('\n');
}

/** The reference section of lessons/README.md, generated from the schemas above. */
export function formatReference(): string {
  return [
    'Every key of the manifest:',
    '',
    keyTable(LessonManifestSchema),
    '',
    'Every key of a step:',
    '',
    keyTable(StepSchema),
    '',
    'Every key of `input`:',
    '',
    keyTable(StepInputSchema),
    '',
    'Every key of a `quiz` question:',
    '',
    keyTable(QuizQuestionSchema as unknown as z.ZodObject),
  ].join('\n');
}

export const REFERENCE_START =
  '<!-- lesson-schema:start (generated by `npm run lesson-reference`) -->';
export const REFERENCE_END = '<!-- lesson-schema:end -->';

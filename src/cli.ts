import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatError, TutorError, UsageError } from './errors.js';
import { processIo, terminalSafeIo, type Io } from './io.js';
import type { TargetOptions } from './aws/target.js';
import { VERSION } from './version.js';
import { SANDBOX_DEFAULT_PORT } from './sandbox/names.js';
import { localizeProgram } from './i18n/help.js';
import { localizeCommanderError } from './i18n/commander-errors.js';
import { chooseProcessLanguage } from './i18n/process-language.js';

// Command modules are imported lazily inside each action so that `--help`, `policy lint` and
// friends never pay for loading Ink or the AWS SDK.

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535.');
  }
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds the options that choose which AWS to talk to (sandbox by default). */
function withTarget(cmd: Command): Command {
  return cmd
    .option('--aws', 'use real AWS with your default credentials instead of the sandbox')
    .option('--profile <name>', 'use real AWS with this named profile (implies --aws)')
    .option('--region <region>', 'AWS region (default: from your AWS config, else us-east-1)')
    .option(
      '--endpoint-url <url>',
      'talk to this AWS-compatible endpoint (e.g. a sandbox started with `ecr-tutor sandbox start`)',
    )
    .option(
      '--partner-profile <name>',
      'real AWS: a profile of the partner user in a second account (the cross-account lesson)',
    )
    .hook('preAction', (_cmd, action) => {
      // A lesson parameter like any other (ECR_TUTOR_PARAM_partnerProfile), set from the flag.
      const p = action.opts().partnerProfile as unknown;
      if (typeof p === 'string' && p !== '') process.env.ECR_TUTOR_PARAM_partnerProfile = p;
    });
}

/** Adds the shared-lab options: a learner of a shared account, and facilitator mode. */
function withLearner(cmd: Command, facilitator = true): Command {
  cmd.option(
    '--learner <name>',
    'a learner in a shared account: own resource names and progress (default: $ECR_TUTOR_LEARNER)',
  );
  if (facilitator)
    cmd.option(
      '--facilitator',
      'facilitator mode: skip any step, see solutions and the exact check of each step',
    );
  return cmd;
}

function learnerOf(opts: Record<string, unknown>): { learner?: string; facilitator?: boolean } {
  return {
    ...(typeof opts.learner === 'string' ? { learner: opts.learner } : {}),
    ...(opts.facilitator === true ? { facilitator: true } : {}),
  };
}

function choice(allowed: readonly string[]): (value: string) => string {
  return (value) => {
    if (!allowed.includes(value))
      throw new InvalidArgumentError(`use one of ${allowed.join(', ')}.`);
    return value;
  };
}

function parseWhole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('use a whole number.');
  return n;
}

function targetOf(opts: Record<string, unknown>): TargetOptions {
  return {
    aws: opts.aws === true,
    profile: opts.profile as string | undefined,
    region: opts.region as string | undefined,
    endpointUrl: opts.endpointUrl as string | undefined,
  };
}

/** Builds the command tree. `io` receives all output; the returned promise holds the exit code. */
export function buildProgram(
  io: Io,
  setExit: (code: number) => void,
  argv: readonly string[] = [],
): Command {
  const program = new Command('ecr-tutor')
    .description(
      'A hands-on tutor for Amazon ECR repository policies, checked against live AWS state ' +
        '(a built-in local AWS sandbox by default, or your own account with --aws).',
    )
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(localizeCommanderError(s)),
    });

  const lessonsOption = new Option('--lessons <dir>', 'use the lesson pack in this folder');

  withLearner(
    withTarget(
      program
        .command('start', { isDefault: true })
        .description('open the interactive tutor (the default command)')
        .argument('[lesson]', 'lesson id (default: the first unfinished lesson)'),
    ),
  )
    .option('--plain', 'line-by-line prompts instead of the full-screen tutor')
    .addOption(lessonsOption)
    .option(
      '--trust-pack',
      'run a lesson pack that is not built in without asking first (it still lists what it will change)',
    )
    .action(async (lesson: string | undefined, opts: Record<string, unknown>) => {
      if (lesson !== undefined) {
        // A typo must exit now, before any screen is drawn or the sandbox started.
        const { assertLessonArg } = await import('./commands/lesson-arg.js');
        await assertLessonArg(lesson, {
          lessonsDir: opts.lessons as string | undefined,
          commands: program.commands.map((c) => c.name()),
          explicitStart: argv.includes('start'),
        });
      }
      const { runStart } = await import('./commands/start.js');
      // start reads these through openLesson's environment (ECR_TUTOR_LEARNER/_FACILITATOR)
      const who = learnerOf(opts);
      if (who.learner !== undefined) {
        const { assertLearner, LEARNER_ENV } = await import('./instructor/learner.js');
        assertLearner(who.learner);
        process.env[LEARNER_ENV] = who.learner;
      }
      if (who.facilitator) {
        const { FACILITATOR_ENV } = await import('./instructor/learner.js');
        process.env[FACILITATOR_ENV] = '1';
      }
      setExit(
        await runStart(io, {
          lesson,
          target: targetOf(opts),
          plain: opts.plain === true,
          lessonsDir: opts.lessons as string | undefined,
          trustPack: opts.trustPack === true,
        }),
      );
    });

  withLearner(
    withTarget(
      program
        .command('check')
        .description("re-run every step's check against live state, with no prompts")
        .argument('[lesson]', 'lesson id'),
    ),
  )
    .option('--json', 'print machine-readable results')
    .addOption(lessonsOption)
    .action(async (lesson: string | undefined, opts: Record<string, unknown>) => {
      const { runCheck } = await import('./commands/check.js');
      setExit(
        await runCheck(io, {
          lesson,
          target: targetOf(opts),
          json: opts.json === true,
          lessonsDir: opts.lessons as string | undefined,
          ...learnerOf(opts),
        }),
      );
    });

  withLearner(withTarget(program.command('status').description('show your saved progress')))
    .option('--json', 'print machine-readable progress')
    .addOption(lessonsOption)
    .action(async (opts: Record<string, unknown>) => {
      const { runStatus } = await import('./commands/status.js');
      setExit(
        await runStatus(io, {
          target: targetOf(opts),
          json: opts.json === true,
          lessonsDir: opts.lessons as string | undefined,
          ...learnerOf(opts),
        }),
      );
    });

  withLearner(
    withTarget(
      program
        .command('reset')
        .description('forget saved progress (your AWS resources are not touched)')
        .argument('[lesson]', 'lesson id (default: every lesson)'),
    ),
  )
    .addOption(lessonsOption)
    .action(async (lesson: string | undefined, opts: Record<string, unknown>) => {
      const { runReset } = await import('./commands/reset.js');
      setExit(
        await runReset(io, {
          lesson,
          target: targetOf(opts),
          lessonsDir: opts.lessons as string | undefined,
          ...learnerOf(opts),
        }),
      );
    });

  withLearner(
    withTarget(
      program
        .command('report')
        .description(
          "evidence of a learner's progress, rebuilt from live state (every check re-run)",
        )
        .argument('[lesson]', 'lesson id'),
    ),
  )
    .addOption(
      new Option('--format <format>', 'md, json (for `ecr-tutor class`) or junit (for CI)')
        .argParser(choice(['md', 'json', 'junit']))
        .default('md'),
    )
    .option('--show-account', 'show account ids (redacted by default)')
    .option('--out <file>', 'write the report to this file instead of standard output')
    .addOption(lessonsOption)
    .action(async (lesson: string | undefined, opts: Record<string, unknown>) => {
      const { runReport } = await import('./commands/report.js');
      setExit(
        await runReport(io, {
          lesson,
          target: targetOf(opts),
          format: opts.format as 'md' | 'json' | 'junit',
          showAccount: opts.showAccount === true,
          out: opts.out as string | undefined,
          lessonsDir: opts.lessons as string | undefined,
          ...learnerOf(opts),
        }),
      );
    });

  program
    .command('class')
    .description("the class view from learners' JSON reports: who is where, who is stuck")
    .argument('<dir>', 'folder of reports (`ecr-tutor report --format json --out DIR/NAME.json`)')
    .addOption(
      new Option('--format <format>', 'md, csv or json')
        .argParser(choice(['md', 'csv', 'json']))
        .default('md'),
    )
    .option('--stuck-minutes <n>', 'a step failing this long means stuck (default 15)', parseWhole)
    .option('--stuck-hints <n>', 'this many hints on one step means stuck (default 3)', parseWhole)
    .action(async (dir: string, opts: Record<string, unknown>) => {
      const { runClass } = await import('./commands/class.js');
      setExit(
        await runClass(io, {
          dir,
          format: opts.format as 'md' | 'csv' | 'json',
          stuckMinutes: opts.stuckMinutes as number | undefined,
          stuckHints: opts.stuckHints as number | undefined,
        }),
      );
    });

  withLearner(
    withTarget(
      program
        .command('cleanup')
        .description(
          'remove what a lesson created or changed (only what the tutor made); nothing without --yes',
        )
        .argument('[lesson]', 'lesson id'),
    ),
  )
    .option('--yes', 'really remove and restore (without it: only list)')
    .addOption(lessonsOption)
    .action(async (lesson: string | undefined, opts: Record<string, unknown>) => {
      const { runCleanupCommand } = await import('./commands/cleanup.js');
      setExit(
        await runCleanupCommand(io, {
          lesson,
          target: targetOf(opts),
          learner: opts.learner as string | undefined,
          yes: opts.yes === true,
          lessonsDir: opts.lessons as string | undefined,
        }),
      );
    });

  const lessons = program.command('lessons').description('list, validate and verify lessons');
  lessons
    .command('list')
    .description('list the available lessons')
    .addOption(lessonsOption)
    .action(async (opts: Record<string, unknown>) => {
      const { runLessonsList } = await import('./commands/lessons.js');
      setExit(await runLessonsList(io, { lessonsDir: opts.lessons as string | undefined }));
    });
  lessons
    .command('validate')
    .description('check lesson files for mistakes (schema, missing files, unknown checks)')
    .argument('[dir]', 'lesson pack folder (default: the built-in lessons)')
    .action(async (dir: string | undefined) => {
      const { runLessonsValidate } = await import('./commands/lessons.js');
      setExit(await runLessonsValidate(io, { dir }));
    });
  lessons
    .command('verify')
    .description(
      "on a throw-away sandbox, prove every step's check fails before its solve and passes after",
    )
    .argument('[dir]', 'lesson pack folder (default: the built-in lessons)')
    .action(async (dir: string | undefined) => {
      const { runLessonsVerify } = await import('./commands/lessons.js');
      setExit(await runLessonsVerify(io, { dir }));
    });

  const policy = program.command('policy').description('lint and explain IAM/ECR policies');
  policy
    .command('lint')
    .description('find mistakes in a repository policy file')
    .argument('<file>', "policy JSON file ('-' for standard input)")
    .option('--account <id>', 'the account the principals are expected to be in')
    .option('--json', 'print machine-readable findings')
    .action(async (file: string, opts: Record<string, unknown>) => {
      const { runPolicyLint } = await import('./commands/policy.js');
      setExit(
        await runPolicyLint(io, {
          file,
          account: opts.account as string | undefined,
          json: opts.json === true,
        }),
      );
    });
  policy
    .command('explain')
    .description('decide one request against policies and show why, statement by statement')
    .requiredOption('--policy <file>', 'the repository (resource) policy')
    .requiredOption('--principal <arn>', 'who makes the request')
    .requiredOption('--action <action>', 'e.g. ecr:PutImage')
    .option(
      '--identity-policy <file>',
      "an identity policy of the principal's (repeatable)",
      collect,
    )
    .option(
      '--resource <arn>',
      "the repository ARN (default: fcj-workshop-app in us-east-1, in --account's account)",
    )
    .option('--account <id>', "the repository's account when --resource is not given")
    .option(
      '--context <key=value>',
      'a request-context key, e.g. aws:SourceIp=203.0.113.7 (repeatable)',
      collect,
    )
    .option('--json', 'print machine-readable decision and trace')
    .action(async (opts: Record<string, unknown>) => {
      const { runPolicyExplain } = await import('./commands/policy.js');
      setExit(
        await runPolicyExplain(io, {
          policy: opts.policy as string,
          principal: opts.principal as string,
          action: opts.action as string,
          identityPolicies: (opts.identityPolicy as string[] | undefined) ?? [],
          resource: opts.resource as string | undefined,
          account: opts.account as string | undefined,
          context: (opts.context as string[] | undefined) ?? [],
          json: opts.json === true,
        }),
      );
    });

  const pushPullOptions = (cmd: Command): Command =>
    withTarget(cmd)
      .option('--user <name>', 'act as this sandbox IAM user (e.g. fcj-ecr-ci-cd-user)')
      .option('--registry-id <account>', "another account's registry (cross-account)");
  pushPullOptions(
    program
      .command('push')
      .description(
        'push an image to the registry as docker push does (for machines without docker or skopeo)',
      )
      .usage('[options] IMAGE-DIR REPO:TAG | --generate REPO:TAG')
      .argument('<first>', 'IMAGE-DIR (a skopeo dir: or oci: folder), or REPO:TAG with --generate')
      .argument('[image]', 'where to push: REPO:TAG (or HOST:PORT/REPO:TAG)')
      .option('--generate', 'push a small freshly generated test image instead of a folder'),
  ).action(async (a: string | undefined, b: string | undefined, opts: Record<string, unknown>) => {
    const { runPush } = await import('./commands/push-pull.js');
    // one argument: the image (with --generate); two: the folder, then the image
    const [source, image] = b === undefined ? [undefined, a!] : [a, b];
    setExit(
      await runPush(io, {
        target: targetOf(opts),
        ...(source !== undefined ? { source } : {}),
        image,
        generate: opts.generate === true,
        ...(typeof opts.user === 'string' ? { user: opts.user } : {}),
        ...(typeof opts.registryId === 'string' ? { registryId: opts.registryId } : {}),
      }),
    );
  });
  pushPullOptions(
    program
      .command('pull')
      .description('pull an image and verify every digest, as docker pull does')
      .argument('<image>', 'REPO:TAG, REPO@sha256:..., or HOST:PORT/REPO:TAG')
      .option('--output <dir>', 'also write the image to this new folder (skopeo dir: layout)'),
  ).action(async (image: string, opts: Record<string, unknown>) => {
    const { runPull } = await import('./commands/push-pull.js');
    setExit(
      await runPull(io, {
        target: targetOf(opts),
        image,
        ...(typeof opts.output === 'string' ? { output: opts.output } : {}),
        ...(typeof opts.user === 'string' ? { user: opts.user } : {}),
        ...(typeof opts.registryId === 'string' ? { registryId: opts.registryId } : {}),
      }),
    );
  });

  const sandbox = program
    .command('sandbox')
    .description('the built-in local AWS (STS, IAM, ECR) the tutor uses by default');
  sandbox
    .command('start')
    .description('run the sandbox in the foreground for your own AWS CLI or SDK')
    .option('--port <n>', 'port to listen on (0 = any free port)', parsePort, SANDBOX_DEFAULT_PORT)
    .option('--host <address>', 'address to bind (loopback only unless you insist)', '127.0.0.1')
    .option('--region <region>', 'region of the sandbox (default: AWS_REGION or us-east-1)')
    .option(
      '--allow-non-loopback',
      'let --host be an address other machines can reach (no TLS: only on a network you trust)',
    )
    .action(async (opts: Record<string, unknown>) => {
      const { runSandboxStart } = await import('./commands/sandbox.js');
      setExit(
        await runSandboxStart(io, {
          port: opts.port as number,
          host: opts.host as string,
          region: opts.region as string | undefined,
          allowNonLoopback: opts.allowNonLoopback === true,
        }),
      );
    });
  sandbox
    .command('env')
    .description('print `export` lines that point the AWS CLI at the sandbox')
    .option('--user <name>', 'a sandbox IAM user (default: the admin)')
    .option('--port <n>', 'port the sandbox listens on', parsePort)
    .action(async (opts: Record<string, unknown>) => {
      const { runSandboxEnv } = await import('./commands/sandbox.js');
      setExit(
        await runSandboxEnv(io, {
          user: opts.user as string | undefined,
          port: opts.port as number | undefined,
        }),
      );
    });
  sandbox
    .command('reset')
    .description('put the sandbox back to the seeded workshop state')
    .action(async () => {
      const { runSandboxReset } = await import('./commands/sandbox.js');
      setExit(await runSandboxReset(io));
    });

  // --lang on every command, and the help in the chosen language
  localizeProgram(program);

  // Usage mistakes are one line and exit 2; help and version exit 0.
  program.exitOverride();
  for (const cmd of allCommands(program)) {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(localizeCommanderError(s)),
    });
  }
  return program;
}

function allCommands(cmd: Command): Command[] {
  return cmd.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Runs the CLI with the given arguments and returns the process exit code. */
export async function main(argv: string[], rawIo: Io = processIo): Promise<number> {
  const io = terminalSafeIo(rawIo);
  let code = 0;
  try {
    await chooseProcessLanguage(argv, io);
  } catch (err) {
    io.err(formatError(err) + '\n');
    return err instanceof TutorError ? err.exitCode : 1;
  }
  const program = buildProgram(io, (c) => (code = c), argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      ) {
        return 0;
      }
      // Commander has already printed its one-line message.
      return 2;
    }
    io.err(formatError(err) + '\n');
    if (err instanceof TutorError) return err.exitCode;
    if (!(err instanceof UsageError) && process.env.ECR_TUTOR_DEBUG && err instanceof Error) {
      io.err(`${err.stack ?? ''}\n`);
    }
    return 1;
  }
}

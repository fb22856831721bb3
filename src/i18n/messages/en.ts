/**
 * The English catalog: every message key the tutor uses, in ICU MessageFormat
 * (`{name}` interpolation, `{n, plural, one {...} other {...}}`). English is the default and the
 * fallback for any key another catalog lacks. Keys are grouped by where the words appear.
 * A literal `{` or `}` is written '{' / '}' (ICU quoting); `<tags>` are plain text.
 */
import { policyEn } from './policy.en.js';
import { commandsEn } from './commands.en.js';

export const en = {
  ...policyEn,
  ...commandsEn,
  // language choice (src/i18n/process-language.ts)
  'lang.unknownFlag': 'the tutor has no language "{value}" (it speaks: {languages}).',
  'lang.unknownFlagTry': 'use --lang en or --lang vi.',
  'lang.unknownEnv':
    'warning: ECR_TUTOR_LANG="{value}" is not a language the tutor speaks ({languages}); using the next choice (your locale, else English).',

  // commander help layout (src/i18n/help.ts)
  'help.usage': 'Usage:',
  'help.options': 'Options:',
  'help.commands': 'Commands:',
  'help.arguments': 'Arguments:',
  'help.globalOptions': 'Global Options:',
  'help.default': 'default: {value}',
  'help.choices': 'choices: {value}',
  'help.helpOption': 'show help',
  'help.helpCommand': 'show help for a command',
  'help.langOption': 'language of the tutor: en or vi (remembered for next time)',

  // lesson translations (src/i18n/lesson-translation.ts, `lessons validate`)
  'lessonI18n.whereLesson': 'the lesson',
  'lessonI18n.whereStep': 'step "{step}"',
  'lessonI18n.hint': 'hint {n}',
  'lessonI18n.choice': 'quiz {question}: label of choice "{value}"',
  'lessonI18n.missing': '{lang}: {where} has no translation of its {what}',
  'lessonI18n.paramDropped':
    '{lang}: {where}, {what}: the translation drops {param}, which the English uses',
  'lessonI18n.paramAdded':
    '{lang}: {where}, {what}: the translation uses {param}, which the English does not (renamed?)',
  'lessonI18n.notNfc': '{lang}: {where}, {what}: not in precomposed Unicode (NFC); save it as NFC',
  'lessonI18n.unknownKey': '{lang}: unknown key "{key}" in a translation (allowed: {allowed})',
  'lessonI18n.undeclared':
    'this "{lang}:" translation is never shown: the lesson has no top-level "{lang}:" (its title and summary) declaring the language',
  'lessonI18n.notMapping':
    '"{lang}:" must be a mapping of translated texts (see lessons/README.md, "Translations")',
  'lessonI18n.stepMissing':
    '{lang}: step "{step}" has no "{lang}:" translation (title, hints, and its input or quiz)',
  'lessonI18n.extraHints': '{lang}: step "{step}" has {tr} translated hints for {en} English ones',
  'lessonI18n.noSuchInput': '{lang}: step "{step}" translates an input it does not have',
  'lessonI18n.questionMissing':
    '{lang}: step "{step}" has no translation of quiz question "{question}"',
  'lessonI18n.noSuchChoice':
    '{lang}: step "{step}", quiz {question}: no choice has the value "{value}"',
  'lessonI18n.noSuchQuestion':
    '{lang}: step "{step}" translates quiz question "{question}", which the step does not have',
  'lessonI18n.bodyMissing':
    '{lang}: step "{step}" has no translated text: {file} does not exist beside the English file',
  'lessonI18n.bodyParamDropped': '{lang}: the translation drops {param}, which {english} uses',
  'lessonI18n.bodyParamAdded': '{lang}: {param} is not in the English text of this step (renamed?)',
  'lessonI18n.bodyNotNfc': '{lang}: not in precomposed Unicode (NFC); save the file as NFC',

  // errors (src/errors.ts): the labels stay at the start of the line, as scripts grep them
  'error.label': 'error: {message}',
  'error.try': '  try: {tryMessage}',
  'fs.readOnly': 'the file system is read-only',
  'fs.readOnlyTry': 'make it writable, or point ECR_TUTOR_HOME at a writable folder',
  'fs.diskFull': 'the disk is full',
  'fs.diskFullTry': 'free some disk space and run the command again',
  'fs.quota': 'the disk quota is used up',
  'fs.denied': 'permission denied',
  'fs.deniedTry': 'check who owns that folder, or point ECR_TUTOR_HOME at a folder you own',
  'fs.mkdir': 'could not create the folder {path}: a parent folder is missing or read-only',
  'fs.write': 'could not write {path}: {why} ({code})',

  // lesson checks (src/checks/*): summaries and details shown in the check panel and reports
  'check.couldNot': 'Could not {doing}: {reason}',
  'check.doing.whoAmI': 'ask AWS who you are',
  'check.doing.accountId': 'ask AWS for your account ID',
  'check.doing.accountIdSts': 'read your account ID from STS',
  'check.doing.lookUpRepository': 'look up the repository {repository}',
  'check.doing.lookUpUser': 'look up the IAM user {user}',
  'check.doing.readPolicy': 'read the policy of {repository}',
  'check.doing.readState': 'read the state of {repository}',
  'check.identity.connected':
    'Connected to {target, select, sandbox {the sandbox at {endpoint}} endpoint {the endpoint {endpoint}} other {real AWS}} as {arn} in {region}.',
  'check.identity.identity': 'identity: {arn}',
  'check.identity.region': 'region: {region}',
  'check.identity.profile': 'profile: {profile}',
  'check.account.noAnswer': 'Type your 12-digit account ID first.',
  'check.account.format': '"{answer}" is not an account ID: it has exactly 12 digits.',
  'check.account.wrong': '{answer} is not the account you are signed in to.',
  'check.account.wrongDetail':
    'STS says your identity is in a different account: the "Account" field that aws sts get-caller-identity prints is the one to type.',
  'check.account.right': 'Right: you are in account {answer}.',
  'check.account.filled': 'Filled in your account ID, {accountId}.',
  'check.resources.repositoryIn': 'ECR repository ({region})',
  'check.resources.iamUser': 'IAM user',
  'check.resources.missing':
    'Missing: {count, plural, one {{first}} other {{first} and {second}}}.',
  'check.resources.missingDetail':
    'The earlier sections of the workshop create these. Check the region first (--region), then create what is missing, or let the tutor do it.',
  'check.resources.found': 'Found the repository {repository} and the IAM user {user}.',
  'check.resources.createdRepository': 'created the repository {repository}',
  'check.resources.createdUser':
    'created the IAM user {user} (allowed only ecr:GetAuthorizationToken)',
  'check.resources.nothingToCreate': 'Nothing to create: both exist.',
  'check.resources.deletedRepository': 'deleted the repository {repository}',
  'check.notYet': 'Not yet: {problem}',
  'check.policyFile.exists': '{file} already exists: left as it is.',
  'check.policyFile.wroteStarter': 'wrote the starter policy to {file}',
  'check.policyFile.wroteSolution': 'wrote the finished policy to {file}',
  'check.policyFile.wroteSolutionKept':
    'wrote the finished policy to {file} (your version is kept as {backup})',
  'check.policyFile.placeholder': 'Replace {placeholder} with your 12-digit account ID.',
  'check.policyFile.finding': 'line {line}, column {column}: {message}',
  'check.policyFile.findingLine': '{severity} line {line}: {message}',
  'check.policyFile.notPolicy': 'The file is not a policy document.',
  'check.policyFile.noFile': 'There is no {file} yet.',
  'check.policyFile.noFileDetail':
    'The tutor writes a starter file when you enter this step; create it there or go back and forward again.',
  'check.policyFile.grants': '{file} grants {user} exactly the {count} push and pull actions.',
  'check.apply.yourFile': 'your {file}',
  'check.apply.lessonPolicy': "the lesson's policy",
  'check.apply.none': '{repository} has no repository policy yet.',
  'check.apply.applyYourFile': 'Apply your file: {command}',
  'check.apply.wrong': 'The policy on {repository} is not right: {problem}',
  'check.apply.right': 'The policy on {repository} grants {user} exactly push and pull.',
  'check.apply.same': 'It means the same as {expected}.',
  'check.apply.sameMeaning': 'It differs from {expected} in form, but grants the same:',
  'check.apply.policyOn': 'the policy on {repository}',
  'check.apply.backupKnown': 'the policy from before the lesson is already recorded',
  'check.apply.hadNone': '{repository} had no policy before the lesson',
  'check.apply.backedUp': 'kept the policy {repository} had before the lesson in {path}',
  'check.apply.applied': 'applied {file} to {repository}',
  'check.apply.appliedLesson':
    "applied the lesson's policy to {repository} (your file was not ready)",
  'check.apply.backupGone':
    "the copy of the policy {repository} had before the lesson ({path}) is gone, so it cannot be put back. Remove the lesson's policy instead: {command}",
  'check.apply.restored': 'put back the policy {repository} had before the lesson (from {path})',
  'check.apply.removed': "removed the lesson's policy from {repository}",
  'check.apply.andImages':
    '{summary}; deleted {count, plural, one {# leftover test image} other {# leftover test images}}',
  'check.cleanup.differs':
    '{repository} still has a policy that differs from the one it had before the lesson.',
  'check.cleanup.stillHas':
    '{repository} still has a repository policy (it had none before the lesson).',
  'check.cleanup.stillGrants':
    '{repository} still has a repository policy that lets {ciUser} push or pull.',
  'check.cleanup.originalGone':
    '{repository} had a policy before the lesson and has none now: skipping this step puts it back.',
  'check.cleanup.images':
    '{count, plural, one {# test image} other {# test images}} tagged {prefix}… {count, plural, one {is} other {are}} still in {repository}.',
  'check.cleanup.restored': '{repository} has its original policy back.',
  'check.cleanup.gone': "The lesson's policy is gone from {repository}.",

  // the TUI (src/ui/**)
  'tui.header.target':
    '{target, select, sandbox {sandbox (local AWS)} aws {AWS} endpoint {endpoint} other {{target}}}',
  'tui.header.targetProfile':
    '{target, select, sandbox {sandbox (local AWS)} aws {AWS} endpoint {endpoint} other {{target}}} (profile {profile})',
  'tui.header.account': 'account {account}',
  'tui.header.as': 'as {arn}',
  'tui.header.learner': 'learner {learner}',
  'tui.header.facilitator': 'facilitator',
  'tui.header.step': 'step {n}/{total}',
  'tui.strip.steps': 'Steps',
  'tui.strip.list': 'g: list',
  'tui.check.passed': 'Passed',
  'tui.check.notYet': 'Not yet',
  'tui.check.pending': 'Waiting for AWS to apply the change',
  'tui.check.error': 'Could not check',
  'tui.check.facilitator': 'Facilitator: check {check}',
  'tui.check.facilitatorSolve': 'Facilitator: check {check} · solve {solve}',
  'tui.check.solution': 'Solution:',
  'tui.check.confirmSkip': 'Skip this step? The tutor will apply the solution for you. y/n',
  'tui.check.confirmSkipAws':
    'Skip this step? The tutor will apply the solution for you (this changes your AWS resources). y/n',
  'tui.check.skipWritesFile': 'It writes {file} (a different earlier copy is kept next to it).',
  'tui.check.jump': 'Go to which step? ↑↓ then Enter (steps you have not reached are locked)',
  'tui.check.applyingSolution': 'Applying the solution, then checking',
  'tui.check.checking': 'Checking',
  'tui.check.checkingLower': 'checking',
  'tui.check.try': 'try:',
  'tui.check.pressEnter': 'Press Enter for the next step.',
  'tui.check.watchingChecking': 'Watching: checking',
  'tui.check.watching': 'Watching: re-checks when you save and every few seconds.',
  'tui.check.optionalLeft':
    'Every required step is done: this one is optional (Enter checks it, s lets the tutor do it, q quits).',
  'tui.check.complete':
    'Lesson complete: every step is done. Press q to quit (your progress is saved).',
  'tui.check.hint': 'Hint {n}/{total}:',
  'tui.check.idle': 'Not checked yet.',
  'tui.key.down': 'down',
  'tui.key.up': 'up',
  'tui.quiz.waiting':
    '{n, plural, one {A question} other {# questions}} below the text: Enter (or {down} at its end) to answer',
  'tui.quiz.question': 'Q{n}. {question}',
  'tui.quiz.notQuite': 'Not quite: {explanation}',
  'tui.scroll.where': 'lines {first}-{last} of {total}',
  'tui.scroll.more': '{mark} more below: PgDn or {key} ({where})',
  'tui.scroll.end': '{mark} the end: PgUp or {key} goes back ({where})',
  'tui.boot.connecting': 'Connecting to {what}…',
  'tui.input.example': '(e.g. {example})',
  'tui.input.looksRight': 'looks right; press Enter to check it',
  'tui.apply.run': 'Run this (or use the console), then wait here:',
  'tui.apply.diff': 'What AWS has vs your file:',
  'tui.explain.request': 'Request {n} of {total}:',
  'tui.explain.calls': '{principal} calls {action} →',
  'tui.explain.decision':
    '{decision, select, allowed {allowed} implicit_deny {implicit-deny} explicit_deny {explicit-deny} other {{decision}}}',
  'tui.policyFile.findings': '{count, plural, =0 {no findings} one {# finding} other {# findings}}',
  'tui.policyFile.at':
    'line {line}:{column} {severity, select, error {error} warning {warning} other {{severity}}}',
  'tui.resources.identity': 'identity',
  'tui.resources.account': 'account',
  'tui.resources.region': 'region',
  'tui.resources.notFound': '(not found)',
  'tui.verify.status':
    '{status, select, waiting {waiting} running {running} allowed {allowed} denied {denied} error {error} not_run {not-run} other {{status}}}',
  'tui.verify.upload': 'layer upload',

  // --plain and `check` output (src/plain/format.ts)
  'plain.head.pass': 'PASSED',
  'plain.head.fail': 'NOT YET',
  'plain.head.pending': 'WAITING for AWS to apply the change',
  'plain.head.error': 'COULD NOT CHECK',
  'plain.status.passed': 'done',
  'plain.status.skipped': 'skipped',
  'plain.status.failed': 'not yet',
  'plain.status.stale': 'was done, fails now',
  'plain.status.notStarted': 'to do',
  'plain.view.identity': 'identity: {arn}',
  'plain.view.account': 'account: {account}, region: {region}',
  'plain.view.finding': 'line {line}, column {column}: {severity}: {message}',
  'plain.view.didYouMean': '(did you mean {suggestion}?)',
  'plain.view.applyCommand': 'Command to apply your file:',
  'plain.view.diff': 'What AWS has compared with your file:',
  'plain.view.request': '{action} by {principal}: {decision} ({reason})',
  'plain.view.trace':
    '{matched, select, yes {matched} other {no match}}: {effect} in {type} policy {policy}: {why}',
  'plain.view.found': 'found: {what} {name}',
  'plain.view.missing': 'MISSING: {what} {name}',
  'plain.header.title': 'ECR tutor: {title}',
  'plain.header.where':
    'Checking against {target, select, sandbox {the sandbox (local AWS)} aws {AWS} other {endpoint {endpoint}}}, account {account}, region {region}',
  'plain.header.whereAs':
    'Checking against {target, select, sandbox {the sandbox (local AWS)} aws {AWS} other {endpoint {endpoint}}}, account {account}, region {region}, as {arn}',
  'plain.header.warning': 'Warning: {text}',
  'plain.header.note': 'Note: {text}',
  'plain.commands':
    'Enter = check, w = wait here (re-checks as you work), h = hint, s = skip, b = back, l = list steps, j N = jump to step N, n = next, q = quit',
  'plain.commandsLine': 'Commands: {commands}',
  'plain.againDone': 'Every step is done. To open the lesson again, run: {cmd}',
  'plain.again': 'To continue, run: {cmd}',
  'plain.upload': 'layer upload {pct}%',
  'plain.checking': 'Checking…',
  'plain.step': 'Step {n} of {total}: {title}',
  'plain.stepOptional': 'Step {n} of {total}: {title} (optional)',
  'plain.facilitator': 'Facilitator: this step runs the check {check}',
  'plain.waiting': 'Waiting: re-checking when you save and every few seconds (Ctrl-C to stop)…',
  'plain.right': 'Right. {explanation}',
  'plain.notQuite': 'Not quite: {explanation}\nTry again.',
  'plain.noMoreHints': 'No more hints. Type s to let the tutor apply the solution.',
  'plain.skipNoSolve': 'Skipping (no automatic solution)…',
  'plain.noSolve': 'This step has no automatic solution: it only needs a check (see the hints).',
  'plain.confirmSkip': 'Skip "{title}"? The tutor applies the solution',
  'plain.confirmSkipAws':
    'Skip "{title}"? The tutor applies the solution (this changes your AWS resources)',
  'plain.notDone': 'This step is not done yet: press Enter to check it, or s to skip it.',
  'plain.jumpRange': 'You can go to steps 1 to {last}.',
  'plain.saved': 'Progress saved. {again}',
  'plain.unknownCommand': 'Unknown command "{cmd}". {commands}',
  'plain.learner': 'Learner: {learner}',
  'plain.facilitatorMode': 'facilitator mode (any step can be skipped)',
  'plain.complete': 'Lesson complete: {title}. Your progress is saved.',
  'plain.stepDone': 'This step is done. Enter or n = next step, c = check it again.',
  'plain.nextDone': 'Next? (Enter = next step, ? = all commands)',
  'plain.optionalLeft':
    'Every required step is done. This one is optional: Enter to check it, s to let the tutor do it, q to quit.',
  'plain.inputPrompt': '{prompt} (or h = hint, s = skip, b = back, q = quit)',
  'plain.inputWrong': 'That does not look right.',
  'plain.next': 'Next? (Enter = check, h = hint, s = skip, ? = all commands)',
  'plain.nextWatch':
    'Next? (Enter = wait here until it passes, h = hint, s = skip, ? = all commands)',
  'plain.stopped': 'Stopped: progress saved. {again}',
  'plain.inputEnded': 'Input ended: progress saved. {again}',
  'plain.typeNumber': 'Type a number from 1 to {max}.',
  'plain.answerRange': 'Answer (1-{max}):',
  'plain.yes': 'Yes',
  'plain.no': 'No',
  'plain.typeYesNo': 'Type y or n.',
  'plain.hint': 'Hint {n} of {total}:',

  // commands (src/commands/*)
  // commander's own usage errors, said again (src/i18n/commander-errors.ts); English passes as
  // commander wrote it, these are the sentences another language says instead
  'cliError.label': 'error:',
  'cliError.unknownOption': "unknown option ''{flag}''",
  'cliError.unknownCommand': "unknown command ''{name}''",
  'cliError.missingArgument': "missing required argument ''{name}''",
  'cliError.optionArgumentMissing': "option ''{flags}'' argument missing",
  'cliError.requiredOption': "required option ''{flags}'' not specified",
  'cliError.invalidOptionArgument': "option ''{flags}'' argument ''{value}'' is invalid. {why}",
  'cliError.invalidArgument':
    "command-argument value ''{value}'' is invalid for argument ''{name}''. {why}",
  'cliError.tooManyArguments':
    "too many arguments{command, select, other { for ''{command}''} none {}}. Expected {expected, plural, one {# argument} other {# arguments}} but got {got}.",
  'cliError.didYouMean': '(Did you mean {options}?)',
  'cliError.useOneOf': 'use one of {choices}.',
  'cliError.wholeNumber': 'use a whole number.',
  'cliError.port': 'a port is a whole number from 0 to 65535.',

  'cmd.note': 'note: {text}',
  'cmd.warning': 'warning: {text}',
  'cmd.check.pass': 'pass',
  'cmd.check.fail': 'FAIL',
  'cmd.check.wait': 'WAIT',
  'cmd.check.error': 'ERROR',
  'cmd.check.cleanedUp': 'done, then cleaned up',
  'cmd.check.optional': 'optional',
  'cmd.check.check': 'check: {check}',
  'cmd.check.heading':
    '{title}: checking {target, select, aws {AWS account {account} in {region}} other {the {target} {endpoint} (account {account}, {region})}}',
  'cmd.check.titleLearner': '{title} (learner {learner})',
  'cmd.check.allPass': 'Every step passes.',
  'cmd.check.failing': '{count} step(s) do not pass yet.',
  'cmd.start.theSandbox': 'the sandbox (local AWS)',
  'cmd.start.connecting': 'connecting to {what}…',
  'cmd.start.savedAll':
    'Progress saved: all {done} steps of "{title}" are done.\nTo see them: {me} status',
  'cmd.start.saved':
    'Progress saved: {done} of {total} steps done in "{title}".\nTo continue, run: {me}\nTo see where you are: {me} status',
  'cmd.start.noTerminal':
    'error: the interactive tutor needs a terminal, and neither standard input nor standard output is one.\n  try: {me} --plain\n         to go through the lesson with line-by-line prompts (answers can be piped in),\n       or: {me} check\n         to check every step against live state without any questions.',
  'tui.key.skipApply': 'skip and apply the solution',
  'tui.key.keepWorking': 'keep working',
  'tui.key.choose': 'choose',
  'tui.key.goTo': 'go to step',
  'tui.key.cancel': 'cancel',
  'tui.key.submit': 'submit',
  'tui.key.keys': 'keys (hint, skip, back)',
  'tui.key.quit': 'quit',
  'tui.key.questions': 'questions',
  'tui.key.answer': 'answer',
  'tui.key.check': 'check',
  'tui.key.next': 'next',
  'tui.key.type': 'type',
  'tui.key.hint': 'hint',
  'tui.key.skip': 'skip',
  'tui.key.back': 'back',
  'tui.key.jump': 'jump',
  'tui.key.text': 'text',
  'tui.key.results': 'results',
  'tui.key.watchOff': 'watch off',
  'tui.key.watchOn': 'watch on',
  'tui.key.copy': 'copy command',
  'tui.key.accept': 'accept new identity',
  'tui.copied':
    'Sent {count, plural, one {the command} other {the # commands}} to the clipboard (OSC 52). Nothing to paste? This terminal does not take it: select {count, plural, one {it} other {them}} on screen.',
  'tui.copiedTmuxOff':
    "Not copied: tmux drops a program's clipboard request unless set-clipboard is on (run: tmux set -g set-clipboard on, then y again), or select the {count, plural, one {command} other {commands}} on screen.",
  'tui.copiedScreen':
    "Not copied: GNU screen does not pass a program's clipboard request on. Select the {count, plural, one {command} other {commands}} on screen.",
  'tui.pane.optional': '(optional)',
  'tui.pane.results': 'results (t: text)',
  // the lesson session's own messages (src/engine/session-core.ts), the same in the TUI and --plain
  'tui.session.firstStep': 'This is the first step.',
  'tui.session.noSolve':
    'This step has no automatic solution: it only needs a check (see the hints).',
  'tui.session.noMoreHints':
    'No more hints for this step. Press s to skip it (the tutor applies the solution).',
  'tui.session.notDone': 'This step is not done yet: press Enter to check it, or s to skip it.',
  'tui.session.jumpRange': 'You can go to steps 1 to {last}.',
  'tui.session.accepted': 'This lab now continues with the identity you are signed in as.',
  'tui.session.checkFailed': 'The check could not run: {error}',
  'tui.session.skipFailed': 'The skip could not run: {error}',
  'tui.session.skipped': '↷ Skipped: the solution was applied and the check passed.',
  'tui.session.movedOn': '✔ {title}: passed. Moved on to the next step.',
  'tui.session.alreadyDone':
    'This step is already done: nothing to skip. Press Enter for the next step.',
  'tui.session.cleanedUp': 'Done; the clean-up step removed this on purpose.',
  'tui.session.saveFailed': 'Your progress could not be saved: {error}',
  'tui.check.optionalNext':
    'Every required step is done; what is left is optional. Enter goes on to step {n}: {title}; q quits (your progress is saved).',
  'tui.key.typeDigits': 'type (or a digit)',
  'check.quiz.wrong': '{count, plural, one {# answer is} other {# answers are}} not right yet.',
  'check.quiz.thinkAgain': '{question} (think again: {hint}.)',
  'check.quiz.unanswered':
    '{count, plural, one {Answer the question first (# left).} other {Answer the questions first (# left).}}',
  'check.quiz.right': 'All {count} answers are right.',
  'check.quiz.filled': 'Filled in the right answers; read the explanations.',
} as const satisfies Record<string, string>;

/** Every message key. */
export type MessageKey = keyof typeof en;

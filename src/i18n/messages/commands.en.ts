/**
 * English messages of the commands area, spread into the catalog in ./en.ts (kept in a file of its
 * own so that work on this area does not touch the shared catalog). Same rules as ./en.ts: ICU
 * MessageFormat, keys named "<command>.<what>" (status, report, class, cleanup, sandbox,
 * lessons, push, pull, learner, pack...). Machine-read text stays out of here: the `export` lines
 * of `sandbox env`, `listening on URL`, JSON keys and JUnit attributes.
 */
export const commandsEn = {
  // ecr-tutor status (src/commands/status.ts)
  'status.heading':
    'Saved progress for {target, select, sandbox {the sandbox} other {{target}}} account {account} ({region}):',
  'status.headingLearner':
    'Saved progress of {learner} for {target, select, sandbox {the sandbox} other {{target}}} account {account} ({region}):',
  'status.notChecked':
    '(as recorded at the last checks, not checked now: `ecr-tutor check` re-checks live state)',
  'status.notStarted': '{title}: not started',
  'status.lesson':
    '{title}: {done}/{total} steps done{finished, select, yes { (finished)} other {}}',
  'status.step.stale': '{title} (was done, but its check failed since)',
  'status.step.skipped': '{title} (skipped: solved by the tutor)',
  'status.step.here': '{line}   <- you are here',

  // ecr-tutor report (src/commands/report.ts, src/instructor/report.ts); JSON keys, JUnit
  // attributes and the machine values (status "passed", failure type) stay as they are
  'report.unknownFormat': 'Unknown report format "{format}".',
  'report.unknownFormatTry': 'Use {formats}.',
  'report.wrote': 'Wrote the report to {file}.',
  'report.cleanedUpSummary': 'Done, then removed by the clean-up step.',
  'report.md.title': '{title}: evidence report',
  'report.md.titleLearner': '{title}: evidence report for {learner}',
  'report.md.generated': 'Generated: {at} (every step re-checked against live state)',
  'report.md.target': 'Target: {kind} account {account}, {region}',
  'report.md.targetNoAccount': 'Target: {kind}, {region}',
  'report.md.completion':
    'Completion: {passed} passed, {skipped} skipped, {failed} failed, {notStarted} not started ({steps} steps){finished, select, yes {: finished} other {}}',
  'report.md.nowOn': 'Now on: {step}',
  'report.md.tableHead': '| # | Step | Status | When | Hints | Attempts | Evidence |',
  'report.md.status':
    '{status, select, passed {passed} skipped {skipped (solved by the tutor)} failed {FAILED} other {not started}}',
  'report.md.claimed':
    '{status} (progress file said {claimed, select, passed {passed} skipped {skipped} failed {failed} other {{claimed}}})',
  'report.md.optionalTitle': '{title} (optional)',
  'report.md.notPassing': 'Not passing',
  'report.junit.out': 'check {check}: {status}; {summary}; attempts {attempts}; hints {hints}',
  'report.junit.outWhen':
    'check {check}: {status}; {summary}; attempts {attempts}; hints {hints}; when {when}',
  'report.junit.skippedSolved': 'solved by the tutor (skipped)',
  'report.junit.skippedOptional': 'optional, not started',

  // ecr-tutor class (src/commands/class.ts, src/instructor/class-view.ts); CSV headers and JSON
  // keys stay as they are, the reasons in them are words for the instructor
  'class.unknownFormat': 'Unknown class view format "{format}".',
  'class.unknownFormatTry': 'Use {formats}.',
  'class.notFolder': '{dir} is not a folder.',
  'class.notFolderTry':
    "Collect the learners' reports (`ecr-tutor report --format json --out NAME.json`) in one folder and pass that folder.",
  'class.skippedFile': 'skipped {file}: {why}',
  'class.noReports': 'no learner reports in {dir}.',
  'class.noReportsTry':
    "on each learner's machine run `ecr-tutor report --format json --out {dir}/NAME.json`, then collect the files there.",
  'class.problem.notObject': 'it is not a JSON object',
  'class.problem.notReport': 'it is not an ecr-tutor report ("kind" is {kind})',
  'class.problem.version': 'it is report version {version}, this tutor reads {reads}',
  'class.problem.missing': 'its "{field}" is missing',
  'class.problem.badStep': 'a step has no id or status',
  'class.problem.noTime': 'its "generatedAt" is not a time',
  'class.problem.notJson': 'not readable JSON ({why})',
  'class.problem.older': 'an older report of the same learner ({newer} is newer)',
  'class.stuck.failing': 'failing "{step}" for {minutes} min',
  'class.stuck.attempts': '{count, plural, one {# attempt} other {# attempts}} at "{step}"',
  'class.stuck.hints': '{count, plural, one {# hint} other {# hints}} on "{step}"',
  'class.md.title': 'Class view ({count, plural, one {# learner} other {# learners}}, from {dir})',
  'class.md.stuck': '**Stuck:** {who}',
  'class.md.stuckOne': '{learner} ({reasons})',
  'class.md.nobodyStuck': 'Nobody is stuck.',
  'class.md.learnersHead': '| Learner | Lesson | On step | Status | Done | Stuck | Report time |',
  'class.md.finished': 'finished',
  'class.md.status':
    '{status, select, passed {passed} skipped {skipped} failed {failed} not_started {not-started} finished {finished} other {{raw}}}',
  'class.md.stuckYes': 'yes: {reasons}',
  'class.md.stuckNo': 'no',
  'class.md.perStep': 'Completion per step',
  'class.md.stepsHead':
    '| Lesson | Step | Passed | Skipped | Failed | Not started | Complete | On it now |',
  'class.md.skippedFiles': 'Files skipped',

  // lessons named on the command line (cleanup, reset)
  'lessons.noSuch': 'There is no lesson "{lesson}".',
  'lessons.noSuchTry': 'Run `ecr-tutor lessons list`.',
  'lessons.noSuchTryExample': 'Run `ecr-tutor lessons list` (e.g. {example}).',
  'lessons.hasProblems': 'The lesson "{lesson}" has problems.',
  'lessons.hasProblemsTry': 'Run `ecr-tutor lessons validate` to see them.',

  // ecr-tutor cleanup (src/commands/cleanup.ts, src/instructor/cleanup.ts)
  'cleanup.noParams':
    'The lesson "{lesson}" has no repository and ciUser parameters, so the tutor cannot tell what it created.',
  'cleanup.noParamsTry':
    'Clean-up knows the lessons whose parameters name a repository and a CI user.',
  'cleanup.couldNotRead':
    'Could not read what the lesson left{who, select, yes { for {learner}} other {}}: {summary}',
  'cleanup.keep': 'keep: {what}',
  'cleanup.nothing':
    'Nothing to clean up{who, select, yes { for {learner}} other {}} in the {kind} account {account} ({region}): the lesson "{lesson}" left nothing the tutor made or changed.',
  'cleanup.left':
    'The lesson "{lesson}" left{who, select, yes { for {learner}} other {}} in the {kind} account {account} ({region}):',
  'cleanup.dryRun': 'Nothing was changed. Run again with --yes to do the above.',
  'cleanup.stopped': 'Clean-up stopped part-way: {summary}',
  'cleanup.stoppedTry': '{fix} Then run `{command}` again: it picks up what is left.',
  'cleanup.done': 'done: {what}',
  'cleanup.leftover': 'after clean-up these are still there:',
  'cleanup.leftoverTry': 'run the same command again; if they stay, remove them by hand.',
  'cleanup.checked':
    'Checked: nothing the lesson made or changed is left{who, select, yes { for {learner}} other {}}.',
  'cleanup.item.deleteRepository':
    'delete the repository {repository} with its images and policy (the tutor created it: tagged ecr-tutor)',
  'cleanup.item.testImages':
    'delete {count, plural, one {# test image} other {# test images}} the verify step pushed to {repository} (tags {prefix}…)',
  'cleanup.item.restorePolicy':
    'put back the policy {repository} had before the lesson (backup {path})',
  'cleanup.item.removeLessonPolicy':
    "remove the lesson's policy from {repository} (it had none before the lesson)",
  'cleanup.item.removePolicy': 'remove the policy of {repository} that lets {ciUser} push and pull',
  'cleanup.item.removePolicyKeepCopy':
    'remove the policy of {repository} that lets {ciUser} push and pull (a copy is kept in the backups folder first)',
  'cleanup.item.accessKey': 'delete the access key {key} of {user}',
  'cleanup.item.inlinePolicy': 'delete the inline policy {policy} of {user}',
  'cleanup.item.managedPolicy': 'detach the managed policy {policy} from {user}',
  'cleanup.item.user': 'delete the IAM user {user} (the tutor created it: tagged ecr-tutor)',
  'cleanup.item.tempKey':
    'delete the temporary access key {key} of {user}, created by a verify step that was interrupted ({at})',
  'cleanup.kept.repository':
    'the repository {repository}: the tutor did not create it (no ecr-tutor tags), so it stays',
  'cleanup.kept.backupGone':
    'the backup of the policy {repository} had before the lesson ({path}) is gone: it cannot be put back',
  'cleanup.kept.notLessons':
    "the policy of {repository}: it does not let {ciUser} push or pull, so it is not the lesson's",
  'cleanup.kept.user':
    'the IAM user {user}: the tutor did not create it (no ecr-tutor tags), so it and its keys stay',
  'cleanup.kept.tempKeyRunning':
    'the temporary access key {key} of {user}: the verify step that created it (process {pid}) is still running',

  // ecr-tutor reset (src/commands/reset.ts)
  'reset.done':
    'Forgot your progress in {which, select, one {the lesson {lesson}} other {every lesson}}{who, select, yes { of {learner}} other {}} for {kind} account {account} ({region}).',
  'reset.untouched':
    "Your AWS resources were not touched (to undo the lesson's changes, do its clean-up step first).",

  // ecr-tutor sandbox start | env | reset (src/commands/sandbox.ts); "listening on URL" and the
  // export lines are read by scripts and stay as they are
  'sandbox.started': 'account {account} (second account {second}), region {region}, state in {dir}',
  'sandbox.pointCli': 'point your AWS CLI at it from another terminal: {command}',
  'sandbox.stopKey': 'press Ctrl-C to stop',
  'sandbox.envNotRunning':
    'no sandbox is running on {dir}; start one with `{command}`, then run this command again so AWS_ENDPOINT_URL points at it (the keys stay the same)',
  'sandbox.envUser': 'sandbox user {arn}',
  'sandbox.resetRunning': 'a sandbox is running on this state (process {pid}, {endpoint})',
  'sandbox.resetRunningTry':
    'stop it first (Ctrl-C in its terminal, or kill {pid}), then run `ecr-tutor sandbox reset` again',
  'sandbox.reset': 'sandbox reset to the workshop state: new account {account}, new access keys',
  'sandbox.resetAgain': 'run {command} again in shells that used the old keys',

  // ecr-tutor lessons list | validate | verify (src/commands/lessons.ts)
  'lessons.skipped': 'skipped {dir}: it has problems (`{command}` names them)',
  'lessons.none': 'No lessons in {dir}.',
  'lessons.noneTry': '`{command}` to see what is wrong.',
  'lessons.listItem': '{id}  {title} ({steps, plural, one {# step} other {# steps}})',
  'lessons.noFolders': 'No lesson folders (with lesson.yaml) in {dir}.',
  'lessons.noFoldersTry': 'Point at a lesson pack or a lesson folder.',
  'lessons.duplicateId': 'the lesson id "{id}" is also used by {other}',
  'lessons.ok': 'ok  {name} ({steps, plural, one {# step} other {# steps}})',
  'lessons.problems': '{count, plural, one {# problem} other {# problems}} found.',
  'lessons.verifyInvalid': 'The lessons in {dir} have problems: run `{command}` first.',
  'lessons.verifying': '{id}: verifying on a throw-away sandbox ({endpoint})',
  'lessons.verifyOk': 'ok   {step}',
  'lessons.verifyFail': 'FAIL {step}',
  'lessons.verified': '{id}: every step verified',
  'lessons.verifyFailed': '{id}: verification FAILED',

  // ecr-tutor push | pull (src/commands/push-pull.ts, registry-client.ts, image-dir.ts); what the
  // registry itself answers (its code and message) is shown as it sent it
  'push.notImageRef': '{ref} is not an image reference REPO:TAG',
  'push.notImageRefTry': 'e.g. fcj-workshop-app:ci-test (repository names are lowercase)',
  'push.userNotSandbox': '--user names a sandbox user; on AWS use --profile for other credentials',
  'push.folderOrGenerate': 'push takes an image folder or --generate, not both and not neither',
  'push.folderOrGenerateTry': '{folder}   or   {generate}',
  'push.needsTag': 'push needs a tag, not a digest',
  'push.needsTagTry': 'e.g. {example}',
  'push.pushing': 'pushing to {image}',
  'push.pushed': 'pushed {image} digest {digest}',
  'push.noToken': 'GetAuthorizationToken returned no token',
  'push.noTokenTry': 'try again in a moment',
  'push.deniedTry':
    'the policies do not allow this action for these credentials; see the sentence above for which policy',
  'push.unauthorizedTry':
    'log in again: the password from aws ecr get-login-password lasts 12 hours',
  'push.unreachable': '{what}: could not reach the registry {registry} ({why})',
  'push.unreachableTry': 'is the sandbox (or your network) up? `ecr-tutor sandbox start` runs one',
  'push.what.checking': 'checking {digest}',
  'push.what.starting': 'starting the upload of {digest}',
  'push.what.uploading': 'uploading {digest}',
  'push.what.completing': 'completing {digest}',
  'push.what.manifest': 'putting the manifest {image}',
  'push.alreadyIn': '{digest}… already in {repository}',
  'push.uploaded': '{digest}… uploaded ({bytes} bytes)',
  'push.noLocation': 'the registry gave no upload location',
  'pull.pulled':
    'pulled {image} digest {digest} ({blobs, plural, one {# blob} other {# blobs}}, {bytes} bytes, every digest verified)',
  'pull.pulledTo':
    'pulled {image} digest {digest} ({blobs, plural, one {# blob} other {# blobs}}, {bytes} bytes, every digest verified), written to {dir}',
  'pull.what.manifest': 'reading the manifest {image}',
  'pull.what.downloading': 'downloading {digest}',
  'pull.wrongDigest': 'the manifest came back with digest {digest}, not {expected}',
  'pull.index': '{image} is an image index (several platforms)',
  'pull.indexTry': 'pull one of its manifests by digest: {digests}',
  'pull.blobDigest': 'blob {digest} came back with digest {got}: not intact',
  'image.notJson': '{where} is not JSON',
  'image.notJsonTry': 'point at an image folder skopeo or docker wrote',
  'image.index': '{where} is an image index (several platforms)',
  'image.indexTry': 'copy one platform first: {command}',
  'image.notManifest': '{where} is not an image manifest (no config and layers)',
  'image.badDigest': '{where} names a blob that is not a sha256 digest',
  'image.missingBlob': 'the image folder lacks the blob {digest} ({file})',
  'image.noManifest': '{file} names no image manifest',
  'image.notFolder': '{dir} is not an image folder',
  'image.notFolderTry':
    'give a folder written by `skopeo copy ... dir:FOLDER` or `... oci:FOLDER`, or use --generate',
  'image.exists': '{dir} already exists',
  'image.existsTry': 'name a new folder with --output, or remove it',

  // a lesson named on the command line (src/commands/lesson-arg.ts)
  'lessonArg.lessonsIn': 'The lessons in {dir}:',
  'lessonArg.noUsable': '{dir} holds no usable lesson (`{command}` says why).',
  'lessonArg.unknownCommand': 'unknown command "{word}": did you mean {command}?',
  'lessonArg.unknownCommandTry': '{command} (see `ecr-tutor --help` for every command)',
  'lessonArg.noLesson': 'there is no lesson "{word}".',
  'lessonArg.noLessonDidYouMean': 'there is no lesson "{word}": did you mean {lesson}?',
  'lessonArg.neither': '"{word}" is neither a command nor a lesson.',
  'lessonArg.commands': 'Commands: {commands}.',
  'lessonArg.neitherTry':
    '`ecr-tutor --help` lists the commands; `ecr-tutor` alone opens the first lesson',

  // a lesson pack that is not built in asks first (src/commands/pack-consent.ts)
  'pack.action.createResources':
    "create the ECR repository {repository} and the IAM user {ciUser} (those missing), tagged as the tutor's",
  'pack.action.applyPolicy': 'set the repository policy of {repository} (from {file})',
  'pack.action.restorePolicy': 'put back the policy {repository} had before the lesson',
  'pack.action.backupPolicy':
    "read the policy of {repository} and keep a copy under the tutor's data folder",
  'pack.action.deleteRepository': 'DELETE the repository {repository}',
  'pack.action.writeStarter': 'write the file {file} (only if it does not exist)',
  'pack.action.writeSolution':
    'write the file {file} (a different earlier copy is kept next to it)',
  'pack.action.answer': 'fill in an answer for you ({action})',
  'pack.action.other': 'run the action {action}',
  'pack.planLine':
    '{step}, {when, select, setup {on entering the step} other {when you skip it}}: {action}',
  'pack.from': 'The lesson "{lesson}" comes from {pack}, not from the tutor itself.',
  'pack.mayDo': 'Before it changes anything, this is what it may do:',
  'pack.nothing': 'It creates, changes and deletes nothing.',
  'pack.noTerminal':
    'this lesson pack is not built in and there is no terminal to ask whether it may run; nothing was changed.',
  'pack.noTerminalTry': 'read the list above, then run again with --trust-pack if you agree.',
  'pack.ask': 'Run this lesson? [y/N]',
  'pack.refused': 'you did not agree to run this lesson pack; nothing was changed.',
  'pack.refusedTry':
    'run the built-in lessons with `ecr-tutor`, or ask the pack author what the actions above are for.',

  // --learner names (src/instructor/learner.ts)
  'learner.empty': 'it is empty',
  'learner.characters':
    'it may hold only lowercase letters, digits and single ".", "_" or "-" between them (ECR repository names are lowercase)',
  'learner.repositoryTooLong': 'the repository name {name} is longer than {max} characters',
  'learner.repositoryInvalid': '{name} is not a valid ECR repository name',
  'learner.userTooLong': 'the IAM user name {name} is longer than {max} characters',
  'learner.userInvalid': '{name} is not a valid IAM user name',
  'learner.cannotUse': 'The learner name "{name}" cannot be used: {problem}.',
  'learner.cannotUseTry': 'Use something like --learner ana or --learner team-3.',
  'learner.shorterTry': 'Use a shorter learner name.',

  // what the sandbox itself says as it starts, resets and stops (src/sandbox/index.ts)
  'sandbox.log.listening': 'sandbox listening on {endpoint} (state in {dir})',
  'sandbox.log.reset': 'sandbox reset to the workshop state',
  'sandbox.log.stopped': 'sandbox stopped',
  'sandbox.log.noSecondRegistry':
    "the second account's registry could not listen on {address} ({why}); cross-account pulls with docker or skopeo need it (macOS: {command})",
  'sandbox.log.notLoopback':
    'listening on {host}, not loopback: anyone who can reach this address can call the sandbox over plain HTTP',
  'sandbox.log.refuseHost':
    'refusing to listen on {host}: the sandbox has no TLS and its keys are for local use',
  'sandbox.log.refuseHostTry':
    'bind 127.0.0.1 (the default), or add --allow-non-loopback if you really mean it',
  'sandbox.log.portInUse': 'port {port} on {host} is already in use',
  'sandbox.log.portInUseTry': 'pick another with --port N (0 = any free port)',

  // the notes of `lessons verify` (src/engine/verify.ts); the check status stays as it is
  'lessons.verify.note':
    '{when, select, setup {verify setup} before {check before solve} noSolve {check (no solve)} other {check after solve}}: {status} ({summary})',
  'lessons.verify.passesBefore':
    'the check already passes before the solve: it cannot tell a learner did anything',
  'lessons.verify.mustFailBefore': 'the check must fail (not error) before the solve',
  'lessons.verify.solveFails':
    "the solve does not make the step's check pass: a learner who skips would be stuck (check the solve's and the check's params)",
  'lessons.verify.noSolveFails': 'a step without a solve must pass on its own at this point',
} as const satisfies Record<string, string>;

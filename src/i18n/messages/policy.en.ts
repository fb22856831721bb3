/**
 * English messages of the policy area, spread into the catalog in ./en.ts (kept in a file of its
 * own so that work on this area does not touch the shared catalog). Same rules as ./en.ts: ICU
 * MessageFormat, keys named "policy.<where>.<what>" (policy.parse: JSON syntax, policy.lint:
 * lint findings and their fixes, policy.eval: the explain trace, policy.diff: policy
 * differences, policy.cli: `ecr-tutor policy lint|explain`) and "checks.<check>.<what>" for the
 * lesson checks' words that are not in the main catalog's check group. JSON snippets and
 * `${aws:username}` are passed as values, so no message needs ICU quoting.
 */
export const policyEn = {
  // JSON syntax (src/policy/parse.ts)
  'policy.parse.duplicateKey':
    'The key "{key}" appears twice in the same object (first on line {first}); AWS would keep only one of them silently.',
  'policy.parse.duplicateKeyFix': 'Remove one "{key}" or merge their values into one.',
  'policy.parse.empty': 'The policy is empty: there is no JSON to read.',
  'policy.parse.emptyFix': 'Paste the whole policy, starting with {open} and ending with {close}.',
  'policy.parse.trailingComma':
    'Trailing comma on line {line}: JSON does not allow a comma before a closing {ch}.',
  'policy.parse.trailingCommaFix': 'Delete that last comma.',
  'policy.parse.missingComma':
    'Missing comma after line {line}, column {column}: two values follow each other without a comma.',
  'policy.parse.missingCommaFix': 'Add a comma between the two items.',
  'policy.parse.unclosedString':
    'A string that starts on line {line}, column {column} is never closed: a closing " is missing.',
  'policy.parse.unclosedStringFix': 'Add the missing double quote at the end of that string.',
  'policy.parse.unclosed':
    'The {opener, select, brace {brace} other {bracket}} {ch} opened on line {line}, column {column} is never closed.',
  'policy.parse.unclosedFix':
    'Add the matching {close} at the end of that {opener, select, brace {object} other {list}}.',
  'policy.parse.endsEarly': 'The policy ends too early: something is missing at the end.',
  'policy.parse.endsEarlyFix': 'Check that every {open} [ and " is closed.',
  'policy.parse.curlyQuote':
    'Curly quote {quote} on line {line}, column {column}: JSON needs straight double quotes (").',
  'policy.parse.curlyQuoteFix':
    'Replace every \u201c \u201d \u2018 \u2019 with a straight " (paste the policy as plain text).',
  'policy.parse.afterString':
    'Unexpected {word} on line {line}, column {column}, right after the string "{str}": a closing " is probably missing in or after that string.',
  'policy.parse.afterStringFix':
    'Check the quotes around "{str}": each string needs its own closing ".',
  'policy.parse.bareWord':
    'Unquoted text {word} on line {line}, column {column}: JSON strings need double quotes (only true, false and null are bare words).',
  'policy.parse.bareWordFix': 'Write "{word}" in double quotes.',
  'policy.parse.extraCloser':
    'There is one {ch} too many on line {line}, column {column}: everything before it is already closed.',
  'policy.parse.extraCloserFix': 'Delete that {ch}.',
  'policy.parse.wrongCloser':
    'Found {ch} on line {line}, column {column}, but the {opener, select, bracket {list} other {object}} {open} opened on line {openLine}, column {openColumn} is not closed yet.',
  'policy.parse.wrongCloserFix': 'Add {close} before this {ch}.',
  'policy.parse.stringBroken':
    'A string that starts on line {line}, column {column} is not closed on that line: a closing " is missing.',
  'policy.parse.singleQuote':
    'Single quotes on line {line}, column {column}: JSON strings need double quotes.',
  'policy.parse.singleQuoteFix': 'Replace \' with ".',
  'policy.parse.unquoted':
    'Unquoted text on line {line}, column {column}: JSON keys and strings need double quotes.',
  'policy.parse.unquotedFix': 'Put the word in double quotes, e.g. "Effect".',
  'policy.parse.invalid': 'The JSON is not valid at line {line}, column {column}: {raw}.',
  'policy.parse.invalidFix':
    'Compare that spot with the workshop example: look for a missing comma, quote or bracket.',

  // lint findings (src/policy/lint.ts); the code of each finding is in its key's comment-free name
  'policy.lint.show.list': 'a list',
  'policy.lint.show.object': 'an object',
  'policy.lint.tooLong':
    'The policy is {length, number} characters; a repository policy may have at most {max, number}. The other checks run once it fits.',
  'policy.lint.tooLongFix':
    'Merge statements that share a principal, use fewer wildcard actions, or drop whitespace.',
  'policy.lint.placeholder': '"{value}" is a placeholder from the workshop text, not a real value.',
  'policy.lint.placeholderFixAccount': 'Replace {value} with your account id {account}.',
  'policy.lint.placeholderFixAccountUnknown':
    'Replace {value} with your 12-digit AWS account id (aws sts get-caller-identity shows it).',
  'policy.lint.placeholderFix': 'Replace {value} with the real value.',
  'policy.lint.notAnObject': 'A policy must be a JSON object {example}.',
  'policy.lint.missingVersion':
    'The policy has no Version; AWS then assumes "2008-10-17", where policy variables do not work.',
  'policy.lint.missingVersionFix': 'Add "Version": "2012-10-17" as the first line.',
  'policy.lint.invalidVersion':
    'Version must be "2012-10-17" or "2008-10-17", the only two policy language versions; found {found}.',
  'policy.lint.invalidVersionFix': 'Use "Version": "2012-10-17".',
  'policy.lint.idType': 'Id must be a string.',
  'policy.lint.missingStatement': 'The policy has no Statement, so it grants nothing.',
  'policy.lint.missingStatementFix': 'Add "Statement": {example}.',
  'policy.lint.emptyStatement': 'Statement is an empty list, so the policy grants nothing.',
  'policy.lint.invalidStatement': 'Each statement must be an object {example}; found {found}.',
  'policy.lint.variableInOldVersion':
    '{name} is literal text here: policy variables work only under "Version": "2012-10-17", and this policy {noVersion, select, yes {has no Version (AWS assumes "2008-10-17")} other {says "2008-10-17"}}.',
  'policy.lint.variableInOldVersionFix': 'Set "Version": "2012-10-17" if you meant the variable.',
  'policy.lint.sidWithSpaces':
    'Sid {found} has spaces: IAM documents only letters and digits, though ECR accepts spaces (its own example uses "ECR Repository Policy").',
  'policy.lint.sidWithSpacesFix': 'Use "{sid}" to be safe everywhere.',
  'policy.lint.invalidSid': 'Sid may contain only letters and digits; found {found}.',
  'policy.lint.useSid': 'Use "{sid}".',
  'policy.lint.duplicateSid':
    'Sid "{sid}" is already used by the statement on line {line}; each Sid must be unique.',
  'policy.lint.duplicateSidFix': 'Rename it, e.g. "{sid}2".',
  'policy.lint.missingEffect': 'The statement has no Effect.',
  'policy.lint.missingEffectFix': 'Add "Effect": "Allow" (or "Deny").',
  'policy.lint.invalidEffect':
    'Effect must be exactly "Allow" or "Deny" (capital first letter); found {found}.',
  'policy.lint.useValue': 'Use "{value}".',
  'policy.lint.missingPrincipal':
    'The statement has no Principal: a repository policy must say who it applies to.',
  'policy.lint.missingPrincipalFix': 'Add "Principal": {example}.',
  'policy.lint.principalInIdentityPolicy':
    'An identity policy cannot have {name}: it applies to whoever it is attached to.',
  'policy.lint.removeElement': 'Remove {name}.',
  'policy.lint.missingAction': 'The statement has no Action, so it applies to nothing.',
  'policy.lint.missingActionFix': 'Add "Action": [ ... ].',
  'policy.lint.resourceInRepositoryPolicy':
    '{name} in a repository policy: the policy already applies to its repository, and ECR has rejected this element ("Invalid repository policy provided").',
  'policy.lint.resourceInRepositoryPolicyFix': 'Remove the {name} line.',
  'policy.lint.missingResource': 'An identity policy statement needs a Resource.',
  'policy.lint.missingResourceFix': 'Add "Resource": "*" or the repository ARN.',
  'policy.lint.conflictingElements': 'A statement cannot have both {a} and {b}.',
  'policy.lint.conflictingElementsFix': 'Keep only {a}.',
  'policy.lint.unknownKey':
    'Unknown key "{key}" {where, select, top {at the top level of a policy} other {in a statement}}; AWS rejects a policy with it.',
  'policy.lint.didYouMeanQuoted': 'Did you mean "{near}"?',
  'policy.lint.allowedHere': 'Allowed here: {known}.',
  'policy.lint.emptyList': '{what} is an empty list.',
  'policy.lint.notStrings': '{what} must be a string or a list of strings; found {found}.',
  'policy.lint.publicPrincipal':
    'Principal "*" with no Condition lets anyone in any AWS account use this repository.',
  'policy.lint.publicPrincipalFix':
    'Name the IAM user or role instead, e.g. {example}, or add a Condition such as aws:PrincipalAccount.',
  'policy.lint.invalidPrincipal':
    'Principal must be "*" or an object such as {example}; found {found}.',
  'policy.lint.invalidPrincipalFix': 'Write {example}.',
  'policy.lint.invalidPrincipalType': 'Unknown principal type "{type}".',
  'policy.lint.awsInCapitals': 'Write "AWS" in capitals.',
  'policy.lint.useAwsType': 'Use "AWS" for IAM users, roles and accounts.',
  'policy.lint.notPrincipalWithAllow':
    'NotPrincipal with "Effect": "Allow" is not supported by AWS: it would allow everyone except the principals listed, anonymous callers included.',
  'policy.lint.notPrincipalWithAllowFix':
    'Use "Principal" with the users or roles to allow instead.',
  'policy.lint.notPrincipalAccountMissing':
    'NotPrincipal exempts {value} but not its account arn:aws:iam::{account}:root. AWS may check the account first and then deny the whole account, this principal included.',
  'policy.lint.notPrincipalAccountMissingFix':
    'Add "arn:aws:iam::{account}:root" to NotPrincipal, or better: use "Principal": "*" with a Condition {condition}.',
  'policy.lint.notPrincipal':
    'AWS recommends aws:PrincipalArn conditions instead of NotPrincipal: listing an account ARN here does not exempt its other users (all principals but those named are denied).',
  'policy.lint.notPrincipalFix': 'Write "Principal": "*" with {condition} in the Condition.',
  'policy.lint.principalWhitespace': '{value} has spaces at its start or end, so it names nobody.',
  'policy.lint.actionWhitespace':
    '{value} has spaces at its start or end, so it is not an action name.',
  'policy.lint.writeValue': 'Write {value}.',
  'policy.lint.invalidAccountId':
    '"{value}" is not an AWS account id: an account id has exactly 12 digits.',
  'policy.lint.copyAccountId': 'Copy the 12-digit id from aws sts get-caller-identity.',
  'policy.lint.principalWildcard':
    '"{value}": a principal ARN cannot contain wildcards; AWS accepts only "*" on its own.',
  'policy.lint.principalWildcardFix':
    'Name each user or role exactly, or use the account with a Condition on aws:PrincipalArn (ArnLike).',
  'policy.lint.accountIdInArn': 'The account id "{account}" in {value} is not 12 digits.',
  'policy.lint.invalidPrincipalArn': '"{value}" is not a principal ARN.',
  'policy.lint.invalidPrincipalArnFix':
    'Use arn:aws:iam::ACCOUNT_ID:user/NAME, arn:aws:iam::ACCOUNT_ID:role/NAME or a 12-digit account id.',
  'policy.lint.principalAccountMismatch':
    'This principal is in account {account}, but your account is {expected}.',
  'policy.lint.principalAccountMismatchFix': 'If it should be yours, write {value}.',
  'policy.lint.invalidAction':
    '"{value}" is not an action: actions look like service:Name, e.g. ecr:PutImage.',
  'policy.lint.noMatchingAction': '"{value}" matches no {service} action.',
  'policy.lint.unknownAction':
    '"{value}" is not an action of {service} (AWS rejects a policy with it).',
  'policy.lint.didYouMean': 'Did you mean {guess}?',
  'policy.lint.seeReference':
    'See the {service} actions in the AWS Service Authorization Reference.',
  'policy.lint.nonEcrAction':
    '"{value}" is not an ECR action; a repository policy can only grant ecr: actions on its repository.',
  'policy.lint.nonEcrActionFix': 'Grant {value} in an IAM policy of the user or role instead.',
  'policy.lint.authTokenInRepositoryPolicy':
    'ecr:GetAuthorizationToken cannot be granted by a repository policy (AWS rejects it: "Invalid repository policy provided"). It is account-wide, so it must come from an IAM policy.',
  'policy.lint.authTokenInRepositoryPolicyFix':
    'Remove it here and attach an IAM policy allowing ecr:GetAuthorizationToken on "*" to the user (docker login needs it).',
  'policy.lint.step':
    '{action, select, BatchCheckLayerAvailability {the first call, checking which layers already exist} InitiateLayerUpload {starting each layer upload} UploadLayerPart {uploading the layer data} CompleteLayerUpload {finishing each layer upload} PutImage {the last step, writing the image manifest and tag} BatchGetImage {the first call, reading the image manifest} GetDownloadUrlForLayer {downloading each layer} other {{action}}}',
  'policy.lint.incompletePush':
    "The push permissions are incomplete: docker push would fail at {first} ({step}).{more, select, yes { Also missing: {rest}.} other {}}{alsoRead, select, yes { AWS's push page also lists ecr:BatchGetImage among the permissions a push needs.} other {}}",
  'policy.lint.addActions': 'Add {actions}.',
  'policy.lint.pushWithoutBatchGetImage':
    "The five push actions are there. AWS's push page also lists ecr:BatchGetImage among the permissions a push needs.",
  'policy.lint.incompletePull':
    'The pull permissions are incomplete: docker pull would fail at {first} ({step}).',
  'policy.lint.conditionNotObject': 'Condition must be an object; found {found}.',
  'policy.lint.unknownOperator': '"{op}" is not a condition operator.',
  'policy.lint.unknownOperatorFix':
    'Use one of StringEquals, StringLike, ArnLike, Bool, IpAddress, NumericLessThan, DateGreaterThan, Null, ...',
  'policy.lint.operatorNotObject':
    'Condition operator {op} must map condition keys to values; found {found}.',
  'policy.lint.conditionValue':
    'Condition value for {key} must be a string, number or boolean; found {found}.',
  'policy.lint.notText': 'The policy is not text.',
  'policy.lint.internalError':
    'The linter failed on this input ({why}); this is a bug in ecr-tutor.',
  'policy.lint.internalErrorFix': 'Please report it with the policy text.',

  // the explain trace (src/policy/evaluate.ts, conditions.ts; put into words by words.ts)
  'policy.eval.entry':
    '{verdict, select, allows {allows: {why}} denies {denies: {why}} other {does not apply: {why}}}',
  'policy.eval.notInAction': 'action {action} is not in Action {list}',
  'policy.eval.excludedByNotAction': 'action {action} is excluded by NotAction {list}',
  'policy.eval.notInResource': 'resource {resource} is not in Resource {list}',
  'policy.eval.excludedByNotResource': 'resource {resource} is excluded by NotResource {list}',
  'policy.eval.noResourceElement':
    'the statement has no Resource element (an identity policy needs one)',
  'policy.eval.notNamed':
    '{who, select, anonymous {an anonymous caller} other {{arn}}} is not named in Principal {list}',
  'policy.eval.excludedByNotPrincipal':
    '{who, select, anonymous {an anonymous caller} other {{arn}}} is excluded by NotPrincipal {list}',
  'policy.eval.notPrincipalWithAllow':
    'unsupported NotPrincipal with "Effect": "Allow" (AWS supports NotPrincipal only with Deny)',
  'policy.eval.noPrincipal': 'the statement has no Principal (a resource policy needs one)',
  'policy.eval.matches':
    'matches {action} on {resource}{via, select, account { (via account {account}: naming an account delegates to its IAM policies, which must allow too)} other {}}{note}{conditions}',
  'policy.eval.andConditions': ', {conditions}',
  'policy.eval.notPrincipalSelfOnly':
    ' (NotPrincipal lists the caller but not its account arn:aws:iam::{account}:root, and AWS checks the account first: the caller is not exempt)',
  'policy.eval.notPrincipalAccountOnly':
    " (NotPrincipal lists account {account}, but that exempts only the principals also listed by name, not the account's other {others, select, roles {roles} other {users}})",
  'policy.eval.unsupportedConditions': 'unsupported {what}: statement treated as not matching',
  'policy.eval.absentKey':
    '{key} is absent from the request, and {rule, select, null {Null checks only whether the key is present: {held}} forAll {ForAllValues on an absent key is true (no value fails it)} forAny {ForAnyValue on an absent key is false} ifExists {{op} on an absent key is true} negated {{op} on an absent key is true (nothing equals it)} other {{op} on an absent key is false}}',
  'policy.eval.conditionNotMetAbsent': 'condition {op} {key} is not met: {note}',
  'policy.eval.conditionNotMet':
    'condition {op} {key} (request has {has}; policy wants {want}) is not met',
  'policy.eval.conditionsMet': 'conditions met',
  'policy.eval.conditionsMetNotes': 'conditions met ({notes})',
  // why the decision (words.ts decisionWhy): the learner's explanation beside AWS's own clause
  'policy.eval.basis':
    '{basis, select, no_permission_needed {sts:GetCallerIdentity needs no permission (it works even under an explicit deny)} identity_deny {a Deny statement in an identity-based policy matches the request, and an explicit deny always wins} resource_deny {a Deny statement in the repository policy (resource-based) matches the request, and an explicit deny always wins} anonymous_public {allowed by a resource-based policy that allows everyone (*)} anonymous_denied {an anonymous caller can only be let in by a resource-based policy that allows everyone (*), and none does} root {the root user is allowed by default in its own account} both {allowed by an identity-based policy and by the resource-based policy} identity {allowed by an identity-based policy (same account: that is enough)} resource {allowed by the resource-based policy (same account: that is enough)} same_none {no identity-based policy allows {action}, and no resource-based policy allows it to this principal by name (same account: either one would be enough)} cross_no_resource {cross-account: the repository policy must allow this principal or its account, and it does not} cross_no_identity {cross-account: the repository policy lets the account in, but an identity-based policy of the principal must allow {action} too, and none does} cross_both {allowed by the resource-based policy and by an identity-based policy (cross-account needs both)} other {{basis}}}',

  // `ecr-tutor policy lint` (src/commands/policy.ts)
  'policy.cli.severity':
    '{severity, select, error {error} warning {warning} info {info} other {{severity}}}',
  'policy.cli.finding': '{file}:{line}:{column}: {severity} [{code}] {message}',
  'policy.cli.fix': 'fix: {suggestion}',
  'policy.cli.noProblems': '{file}: no problems found',
  'policy.cli.summary':
    '{file}: {errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}{accepted, select, yes { (AWS would accept it)} other {}}',
  'policy.cli.accountFlag': '--account must be a 12-digit AWS account id; got "{value}".',
  'policy.cli.accountFlagExplain':
    '--account must be a 12-digit AWS account id (the repository\'s account); got "{value}".',
  'policy.cli.lintPathTry': 'check the path, e.g. ecr-tutor policy lint ./repository-policy.json',
  'policy.cli.policyPathTry': 'check the path of the policy file',
  'policy.cli.cannotRead': 'cannot read {file}: {why}',
  'policy.cli.noSuchFile': 'no such file',
  'policy.cli.isFolder': 'it is a folder, not a file',
  'policy.cli.permissionDenied': 'permission denied',

  // `ecr-tutor policy explain` (src/commands/policy.ts)
  'policy.cli.badContext':
    '--context "{item}" is not KEY=VALUE with a condition key such as aws:SourceIp.',
  'policy.cli.badAction': '--action "{action}" is not an action name.',
  'policy.cli.unknownActionNote':
    'note: {action} is not a known action{hasGuess, select, yes { (did you mean {guess}?)} other {}}; evaluating it as written.',
  'policy.cli.accountScopedNote':
    'note: {action} is account-scoped (resource "*"): repository policies do not apply to it, only identity policies.',
  'policy.cli.repositoryPolicyName': 'repository policy ({file})',
  'policy.cli.identityPolicyName': 'identity policy ({file})',
  'policy.cli.decision':
    'Decision: {decision, select, allowed {ALLOWED} implicit_deny {DENIED (implicit deny: nothing allows it)} explicit_deny {DENIED (explicit deny: a Deny statement matches)} other {{decision}}}',
  'policy.cli.awsWouldSay': 'AWS would say: {message}',
  'policy.cli.why': 'Why: {why}',
  'policy.cli.whyDenied': 'Why: {why}',
  'policy.cli.request': 'Request',
  'policy.cli.principal':
    'principal: {arn} ({type}, account {hasAccount, select, yes {{account}} other {none}})',
  'policy.cli.action': 'action:    {action}',
  'policy.cli.resource':
    "resource:  {resource}{assumed, select, no {} accountScoped { (assumed: the action is account-scoped)} flag { (assumed: fcj-workshop-app in --account {account}, us-east-1; pass --resource to change it)} other { (assumed: fcj-workshop-app in the principal's account {account}, us-east-1; pass --resource to change it)}}",
  'policy.cli.context':
    'context:   {values}{hasDefaults, select, yes { ({defaults}: always present on the HTTPS-only ECR API; override with --context)} other {}}',
  'policy.cli.sameAccount':
    'same account: an Allow from EITHER an identity policy OR a repository policy that names the user, role or session is enough; a repository policy that names only the account delegates to IAM, so an identity policy must allow too.',
  'policy.cli.crossAccount':
    'cross-account ({from} -> {to}): the repository policy AND an identity policy must both allow.',
  'policy.cli.denyWins': 'An explicit Deny in any policy always wins.',
  'policy.cli.statements': 'Statements',
  'policy.cli.noStatements': '(no statements were evaluated)',
  // the mark before each statement: matched and allowing, matched and denying, not matching
  'policy.cli.mark': '{mark, select, allow {ALLOW} deny {DENY } other {  -  }}',
  'policy.cli.principalType':
    '{type, select, user {user} role {role} assumed_role {assumed-role} root {root} anonymous {anonymous} other {{type}}}',
  'policy.cli.statement':
    '{policy} statement #{n}{hasSid, select, yes { "{sid}"} other {}} ({effect}): {why}',
  'policy.cli.absentHeading':
    'Condition keys absent from the request (give them with --context KEY=VALUE):',
  'policy.cli.absentKey':
    '{key}: {op} was {held, select, yes {true} other {false}} without it, so {policy} statement #{n}{hasSid, select, yes { "{sid}"} other {}} ({effect}) {held, select, yes {could apply} other {did not apply}}',
  'policy.cli.unsupportedHeading':
    'Not supported by this evaluator (the statements using them were treated as not matching):',

  // short: in English exactly AWS's clause (evaluate.ts `reason`); views and checks show it
  'policy.eval.basisShort':
    '{basis, select, no_permission_needed {sts:GetCallerIdentity needs no permission (it works even under an explicit deny)} identity_deny {with an explicit deny in an identity-based policy} resource_deny {with an explicit deny in a resource-based policy} anonymous_public {allowed by a resource-based policy that allows everyone (*)} anonymous_denied {no resource-based policy allows the {action} action} root {the root user is allowed by default in its own account} both {allowed by an identity-based policy and by the resource-based policy} identity {allowed by an identity-based policy (same account: that is enough)} resource {allowed by the resource-based policy (same account: that is enough)} same_none {no identity-based policy allows the {action} action} cross_no_resource {no resource-based policy allows the {action} action} cross_no_identity {no identity-based policy allows the {action} action} cross_both {allowed by the resource-based policy and by an identity-based policy (cross-account needs both)} other {{basis}}}',

  // step 8's trace lines (src/ui/views/ExplainView.tsx): the statement's Effect beside its mark,
  // then which kind of policy, which statement and why
  'policy.explain.effect': '{effect, select, Allow {Allow} Deny {Deny} other {{effect}}}',
  'policy.explain.entry':
    '{type, select, identity {identity} resource {resource} other {{type}}} {policy}{sid}: {why}',

  // the explain step (src/checks/explain.ts)
  'checks.explain.repositoryPolicyOf': 'repository policy of {repository}',
  'checks.explain.withoutPutImage': 'repository policy of {repository} without ecr:PutImage',
  'checks.explain.experiment': 'experiment, the policy without ecr:PutImage: {why}',
  'checks.explain.case':
    '{principal} {action}: {decision, select, allowed {allowed} implicit_deny {implicit-deny} explicit_deny {explicit-deny} other {{decision}}} ({reason})',
  'checks.explain.iamUnread':
    "(the tutor could not read {ciUser}'s IAM policies, so its trace shows the repository policy only)",
  'checks.explain.liveAllowed':
    'Live: {partnerUser} was able to call BatchGetImage on {repository}.',
  'checks.explain.liveDenied': 'Live: the sandbox denied {partnerUser}: {message}',
  'checks.explain.liveUntried': "Live: the partner's pull could not be tried ({why}).",
  'checks.explain.ciDenied': '{ciUser} is not allowed ecr:PutImage by the live policies: {reason}.',
  'checks.explain.applyAgain': 'Apply the policy again (step 6) before explaining it.',
  'checks.explain.partnerAllowed':
    '{partnerUser} from account {partnerAccount} is allowed to pull: the repository policy lets in more than the CI user.',
  'checks.explain.passed':
    '{ciUser} is allowed by the repository policy; {partnerUser} (another account) is denied.',

  // shared by the checks: AWS's own message, quoted as AWS sent it
  'checks.awsSaid': 'AWS said: {message}',
  // the verify step (src/checks/verify.ts)
  'checks.verify.howProfile': 'the profile {profile}',
  'checks.verify.howSandbox': "{ciUser}'s sandbox keys",
  'checks.verify.howTempKey': 'a temporary access key for {ciUser} (deleted again)',
  'checks.verify.layersThere': 'every layer was already in the repository',
  'checks.verify.noManifest': 'BatchGetImage returned no manifest ({why})',
  'checks.verify.noReason': 'no reason given',
  'checks.verify.layerDownload': 'downloading layer {digest} failed: HTTP {status}',
  'checks.verify.layerDigest': 'layer {digest} came back with digest {got}',
  'checks.verify.cannotActAs': 'Could not act as {ciUser}: {summary}',
  'checks.verify.cannotActAsFix':
    "{fix} Or give the lesson a profile holding {ciUser}'s keys (ciProfile).",
  'checks.verify.identityAlready':
    "{ciUser}'s own IAM policies already allow push and pull. In the same account one Allow is enough, so this result does not show that the repository policy works: it is not what grants the access here.",
  'checks.verify.keyPropagating':
    "AWS does not know {ciUser}'s new temporary access key everywhere yet (IAM takes a few seconds)",
  'checks.verify.stopped': 'The test push/pull as {ciUser} stopped: {summary}',
  'checks.verify.policyPropagating':
    'The policy on {repository} allows {action}, but AWS still denied it: the change has not reached every server yet',
  'checks.verify.denied': '{ciUser} was denied {action}.',
  'checks.verify.deniedFix':
    'Check the policy on the repository (step 6) names the CI user and lists this action.',
  'checks.verify.notSameImage': 'The image pulled back is not the image pushed.',
  'checks.verify.digests': 'pushed {pushed}, pulled {pulled}',
  'checks.verify.passed':
    '{ciUser} pushed and pulled {repository}:{tag} (digest {digest}…), then the test image was deleted.',
  'checks.verify.actingAs': 'acting as {how}',

  // policy differences (src/policy/diff.ts)
  'policy.diff.expectedDefault': 'the expected policy',
  'policy.diff.actualDefault': 'the applied policy',
  'policy.diff.principal':
    '{kind, select, everyone {everyone (*)} except {everyone except {label}} other {{label}}}',
  'policy.diff.everyActionExcept': 'every action except {list}',
  'policy.diff.what':
    '{actions}{on, select, none {} except { on every resource except {resource}} other { on {resource}}}{hasCondition, select, yes { with condition {condition}} other {}}',
  'policy.diff.version':
    '{act} has Version {actual} but {exp} has {expected} (policy variables such as {variable} only work in 2012-10-17)',
  'policy.diff.lacks':
    '{act} {effect, select, Deny {lacks the Deny of} other {lacks}} {what}{hasWho, select, yes { for {who}} other {}}{absent, select, yes { (it does not name {who} at all)} other {}}',
  'policy.diff.extra':
    '{act} {effect, select, Deny {also denies} other {also allows}} {what}{hasWho, select, yes { for {who}} other {}}{unknown, select, yes {, a principal {exp} does not name} other {}} ({exp} does not)',

  // the tutor's words around an AWS error (src/aws/errors.ts); AWS's own message is a value, as sent
  'awsError.target':
    '{place, select, tutor_sandbox {the sandbox} learner_sandbox {{hasEndpoint, select, yes {your sandbox at {endpoint}} other {your sandbox}}} endpoint {{hasEndpoint, select, yes {the endpoint {endpoint}} other {the endpoint}}} other {AWS}}',
  'awsError.noCredentialsProfileFix':
    'Check that the profile "{profile}" exists in ~/.aws/credentials or ~/.aws/config (run `{configure}`), or use `{sso}` for SSO.{aws, select, yes { {cli} shows the same.} other {}}',
  'awsError.useSandboxKeys':
    'Use the sandbox\'s own keys: `eval "$(ecr-tutor sandbox env)"`, or run the tutor without --profile.',
  'awsError.noCredentialsEndpointFix':
    'Give the keys that {where} expects: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment, or --profile NAME.',
  'awsError.noCredentialsFix':
    'Run `aws configure` (or `aws sso login`), or pass --profile NAME; or leave out --aws to practise in the built-in sandbox.',
  'awsError.refreshSso':
    'Sign in again: `{command}` (for SSO; otherwise get new temporary keys for the profile), then check again.',
  'awsError.refreshProcess':
    "The profile's credential_process handed out keys that have run out: run it again (or sign in to the tool behind it), then check again.",
  'awsError.refreshKeys':
    'Get new temporary keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) into this shell, or sign in with `aws sso login` and pass --profile, then check again.',
  'awsError.profileHint': ' (profile "{profile}")',
  'awsError.networkTutorSandbox':
    "The tutor's own sandbox stopped answering: quit and start the tutor again (its state is kept).",
  'awsError.networkLearnerSandbox':
    'Is your sandbox still running? Start it again with `ecr-tutor sandbox start`, or run the tutor without --endpoint-url to use its own.',
  'awsError.networkEndpoint':
    'Is the service behind {endpoint} running, and is that the right address and port?{loopback, select, yes { If it was a sandbox you started, start it again with `ecr-tutor sandbox start`.} other {}}',
  'awsError.networkAws':
    'Check your internet connection (and any proxy or VPN), then try again; {health} shows whether AWS itself has a problem.',
  'awsError.networkSummary': 'Could not reach {where} ({code}).',
  'awsError.expiredBeforeSend':
    'Your AWS credentials{profileHint} expired{hasWhen, select, yes { at {when}} other {}}, so the tutor did not send the request.',
  'awsError.ssoSummary':
    'Your AWS SSO sign-in{hasProfile, select, yes { for the profile "{profile}"} other {}} has expired or was never made.',
  'awsError.ssoFix': 'Run `{command}`, then try again.',
  'awsError.credentialProcessWhy':
    'The credential_process of{hasProfile, select, yes { the profile "{profile}"} other { your profile}} {why}.',
  'awsError.credentialProcessFailed':
    'The credential_process of{hasProfile, select, yes { the profile "{profile}"} other { your profile}} failed: {message}',
  'awsError.credentialProcessFix':
    "Run the profile's credential_process command yourself (see ~/.aws/config) to see what it prints; it must print JSON with Version 1, AccessKeyId, SecretAccessKey and, for temporary keys, SessionToken and a future Expiration. {cli} shows the same.",
  'awsError.noProfile':
    'There is no AWS profile{hasProfile, select, yes { "{profile}"} other {}} in ~/.aws/credentials or ~/.aws/config.',
  'awsError.profileEmpty':
    'The AWS profile{hasProfile, select, yes { "{profile}"} other {}} is not in ~/.aws/credentials or ~/.aws/config, or holds no credentials.',
  'awsError.noCredentials': 'No AWS credentials were found{profileHint}.',
  'awsError.sessionExpired': '{where} says your session has expired{profileHint}.',
  'awsError.useSandboxKeysAgain':
    'Use the sandbox\'s own keys again: `eval "$(ecr-tutor sandbox env)"`.',
  'awsError.withCli': '{fix} {cli} shows the same.',
  'awsError.wrongRegion': '{where} does not accept requests signed for the region {region}.',
  'awsError.wrongRegionSandboxFix':
    "Use the sandbox's region: --region {region} (`ecr-tutor sandbox env` prints it).",
  'awsError.wrongRegionFix':
    'Pass the region you mean with --region{hasProfile, select, yes { (or set it in the profile "{profile}": `{command}`)} other {}}.',
  'awsError.badSignature':
    '{where} rejected the request signature: the secret access key does not match the access key id.',
  'awsError.unknownKey': '{where} does not recognise the access key id{profileHint}.',
  'awsError.badCredentialsSandboxFix':
    'Use the sandbox\'s own keys: `eval "$(ecr-tutor sandbox env)"` (sandbox keys change after `ecr-tutor sandbox reset`).',
  'awsError.badCredentialsEndpointFix':
    'Use keys that {where} knows (this is not AWS: it has its own users and keys).',
  'awsError.badCredentialsAwsFix':
    'The key may have been deleted, deactivated or mistyped: create a new access key (IAM console, your user, Security credentials: {console}) or fix ~/.aws/credentials. {cli} shows the same.',
  'awsError.deniedSandboxFix':
    'The identity you are using lacks {hasAction, select, yes {{action}} other {this permission}}. In the sandbox, act as its admin (`eval "$(ecr-tutor sandbox env)"`); the CI user is only for the verify step.',
  'awsError.deniedEndpointFix':
    "{where} refused {hasAction, select, yes {{action}} other {this permission}}{hasArn, select, yes { to {arn}} other {}}. Grant it there; this is not AWS, so its permission rules may differ from AWS's.",
  'awsError.deniedAwsFix':
    "The permission missing is {hasAction, select, yes {{action}} other {this permission}}{hasArn, select, yes { for {arn}} other {}}. Ask your administrator to grant it (docs/real-aws.md has the least-privilege policy for this lesson), or add it on the identity's page: {console}.{hasSimulate, select, yes { To see the same decision: `{simulate}`.} other {}}",
  'awsError.accessDenied': 'Access denied: {message}',
  'awsError.noRegion': 'No AWS region is set.',
  'awsError.noRegionProfileFix':
    'Pass --region (e.g. --region us-east-1), set AWS_REGION, or add `region = us-east-1` to the profile "{profile}" (`{command}`).',
  'awsError.noRegionFix': 'Pass --region (e.g. --region us-east-1) or set AWS_REGION.',
  'awsError.notAwsFormat':
    "{where} answered something that is not AWS's format (HTTP {status}, {contentType}).",
  'awsError.notAwsFormatAwsFix':
    'Something between you and AWS (a proxy, a captive portal, a firewall page) answered instead of AWS: check the network, then try again.',
  'awsError.notAwsFormatEndpointFix':
    'It is not AWS and may not implement this operation (moto, for one, has no ECR layer upload), so the tutor could not check this there. Run this step against the built-in sandbox or AWS.',
  'awsError.sandboxBug':
    'This is a bug in the sandbox: run with ECR_TUTOR_DEBUG=1 and report the message.',
  'awsError.notFoundAwsFix':
    'Check the name and the region{hasRegion, select, yes { ({region})} other {}}: `{command}` lists what is there, as does {console}.',
  'awsError.notFoundFix': 'Check the name and the region.',
  'awsError.throttled':
    "{where} is limiting the rate of requests ({code}), even after the SDK's retries.",
  'awsError.throttledAwsFix':
    'Wait a few seconds, then check again (other tools using the same account may be busy too).',
  'awsError.throttledFix': 'Wait a few seconds, then check again.',
  'awsError.serverTutorSandboxFix':
    'Check again; if it lasts, this is a bug in the sandbox: run with ECR_TUTOR_DEBUG=1 and report the message.',
  'awsError.serverLearnerSandboxFix':
    'Check again; if it lasts, look at the terminal running `ecr-tutor sandbox start`: it logs each failure.',
  'awsError.serverEndpointFix':
    'Check again; if it lasts, look at the log of the service behind {endpoint} (it may not implement this operation).',
  'awsError.serverAwsFix':
    'This is on the AWS side and usually passes: check again in a minute ({health}).',
  'awsError.serverError':
    "{where} had an internal error (HTTP {status}{hasCode, select, yes {, {code}} other {}}), even after the SDK's retries.",
  'awsError.tutorProblem': 'The tutor hit a problem: {message}',
  'awsError.tryAgainDebug':
    'Try again; if it persists, run with ECR_TUTOR_DEBUG=1 and report the message.',
  'awsError.otherError':
    '{where} answered with an error: {hasCode, select, yes {{code}: } other {}}{message}',
  'awsError.otherAwsFix':
    'Try again; if it persists, run the same call with the AWS CLI ({cli} first) to see whether it is the tutor or the account.',

  // the learner's own push (src/checks/learner-push.ts)
  'checks.push.profilePlaceholder': "<a profile holding {ciUser}'s access keys>",
  'checks.push.ready': 'ready for your push of {repository}:{tag} with {tool}',
  'checks.push.wroteImage': 'wrote the test image {file}',
  'checks.push.notImageManifest': 'the manifest is not an image manifest',
  'checks.push.configDigest': 'the config came back with digest {got}',
  'checks.push.layerDiff': "layer {n} unpacks to {diff}, not the config's {want}",
  'checks.push.lookFor': 'look for {repository}:{tag}',
  'checks.push.waiting': 'Waiting for {repository}:{tag}: run the commands above as {ciUser}.',
  'checks.push.waitingHow':
    'The tutor checks the repository every few seconds and goes on once the tag {tag} is there.',
  'checks.push.waitingDenied':
    'A push denied in your terminal means the repository policy (step 6) does not allow it yet: the message names the action.',
  'checks.push.pullBackFailed':
    '{repository}:{tag} arrived, but pulling it back as {ciUser} failed: {summary}',
  'checks.push.notIntact': '{repository}:{tag} arrived but did not pull back intact: {problem}.',
  'checks.push.arrived':
    'The push of {repository}:{tag} arrived and pulled back intact as {ciUser} (manifest {digest}…, {blobs} blobs, every digest checked).',

  // live probes (src/checks/probes.ts)
  'checks.probe.noImage': '{repository} has no image tagged "{tag}" ({why}).',
  'checks.probe.pullAllowed':
    'BatchGetImage and GetDownloadUrlForLayer for {count, plural, one {# layer} other {# layers}} of {repository}:{tag} were allowed.',
  'checks.probe.registryPull':
    'docker-style pull through the registry {registry}: the manifest and {count, plural, one {# layer} other {# layers}} of {repository}:{tag}.',
  'checks.probe.pushAllowed': 'InitiateLayerUpload was allowed (upload {uploadId} left unused).',
  'checks.probe.allowed':
    'Live: {you, select, yes {you} other {{who}}} may {what, select, push {start a push} pull {pull} other {pull through the registry}}: {detail}',
  'checks.probe.deniedClause':
    'Live: {who} {you, select, yes {were} other {was}} denied {clause}. AWS said: {message}',
  'checks.probe.denied': 'Live: {who} {you, select, yes {were} other {was}} denied: {message}',
  'checks.probe.untried':
    "Live: {you, select, yes {your} other {{who}'s}} {what, select, push {start a push} pull {pull} other {pull through the registry}} could not be tried ({why}).",
  'checks.probe.howSandbox': "the sandbox's keys of {user}",
  'checks.probe.needsPartner':
    'This lesson needs a second AWS account to play the partner. On real AWS, start it with --partner-profile NAME (a profile of the partner account). Without one, practise in the sandbox, which has the partner account built in: run `ecr-tutor start cross-account-pull` without --aws/--profile.',

  // the explicit-deny lesson (src/checks/deny-*.ts, lockout-guard.ts, ci-push-ready.ts)
  'checks.addedStatement': 'added the statement "{sid}" to the policy of {repository}',
  'checks.deny.noPolicy': '{repository} has no repository policy.',
  'checks.deny.notParsed': 'The policy on {repository} does not parse: {message}',
  'checks.deny.notPrincipal':
    'The policy uses NotPrincipal. AWS recommends a Deny with "Principal": "*" and an aws:PrincipalArn condition instead.',
  'checks.deny.notPrincipalWhy':
    'With NotPrincipal, AWS may check the account first: exempting only the CI user can deny the CI user too, and listing the account does not exempt its other users.',
  'checks.deny.allowAllName': 'an identity policy that allows everything',
  'checks.deny.mineAllowed':
    'Your own push is not explicitly denied yet: {actions} {count, plural, one {is} other {are}} not covered by a Deny that applies to you.',
  'checks.deny.ciDenied': '{ciUser} would be denied {actions} ({reason}).',
  'checks.deny.ciDeniedFix':
    'The Deny must leave the CI user out (its aws:PrincipalArn), and the Allow for the CI user must stay.',
  'checks.deny.lockout':
    'The policy also denies you ecr:SetRepositoryPolicy: you could not change it again.',
  'checks.deny.passed':
    'Pushes are explicitly denied to everyone but {ciUser}, who still pushes and pulls.',

  'checks.deny.liveNotDenied':
    'Your own push is not refused with an explicit deny: the Deny is not on the repository yet.',
  'checks.deny.noCiKeys':
    '(the tutor has no keys of {ciUser} here: give the lesson ciProfile to try its push too)',
  'checks.deny.ciRefused': "{ciUser}'s push is refused too: the Deny must leave it out.",
  'checks.deny.livePassed':
    'Your push is refused "with an explicit deny in a resource-based policy"{ci, select, yes {; {ciUser}\'s is allowed} other {}}.',

  'checks.and': ' and ',
  'checks.nothingToRemove': 'nothing to remove',
  'checks.deny.stillHas': 'The policy of {repository} still has {sids}.',
  'checks.deny.gone': "The lesson's Deny is gone from {repository}: pushes work as before.",
  'checks.deny.removed': 'removed {sids} from the policy of {repository}',

  'checks.lockout.yourIdentityPolicy': 'your identity policy',
  'checks.lockout.trial':
    'The trial policy adds "{sid}": Deny ecr:* to everyone but {ciUser}. With it you would be denied ecr:SetRepositoryPolicy ({reason}).',
  'checks.lockout.applied':
    'The sandbox applied the lockout policy without force: its guard did not fire.',
  'checks.lockout.appliedFix':
    'Reset the sandbox (ecr-tutor sandbox reset) and report this as a bug.',
  'checks.lockout.doing': 'try the lockout policy',
  'checks.lockout.refused': 'Live, without force, the sandbox refused it: {message}',
  'checks.lockout.changed': '(the policy on the repository changed meanwhile)',
  'checks.lockout.notOnAws':
    'On real AWS the tutor does not try it: how AWS detects a lockout is not documented, and if it missed this one you could not change the policy again.',

  'checks.ciReady.notYet':
    '{ciUser} may not yet {all, select, yes {push or pull} other {run {actions}}}: this lesson starts where lesson 5.1 ends.',
  'checks.ciReady.passed': '{ciUser} may push and pull: the starting point of this lesson.',
  'checks.ciReady.added': 'added lesson 5.1\'s statement "{sid}" to the policy of {repository}',

  // the cross-account lesson (src/checks/partner-*.ts)
  'checks.partner.notNamed': 'The repository policy does not let {partner} run {actions}.',
  'checks.partner.notNamedFix':
    'Add a statement with "Principal": {principal} and the pull actions.',
  'checks.partner.tooOpen':
    'The repository policy lets in callers from any account, not just the partner.',
  'checks.partner.tooOpenWhy':
    "A user of another account ({outsider}) would be let in on the repository's side too.",
  'checks.partner.granted':
    "The repository policy lets {partnerUser} of account {partnerAccount} pull (the repository's side of the door).",
  'checks.partner.unknownAccount':
    'The partner account is not known yet: do the step "Meet the partner account" first.',

  'checks.partner.noAccount': 'There is no partner account to act in.',
  'checks.partner.imageFix': 'Check that the repository exists and has an image tagged "latest".',
  'checks.partner.alreadyAllowed':
    '{who} can already pull: something already allows it on both sides.',
  'checks.partner.explicitDeny': '{who} is denied by an explicit Deny, not for lack of an Allow.',
  'checks.partner.stillResourceSide':
    "Still denied on the repository's side: AWS says no resource-based policy allows it, so the repository policy does not let {who} in yet.",
  'checks.partner.alreadyIdentitySide':
    'Denied, but AWS already names the identity side: the repository policy lets {who} in.',
  'checks.partner.deniedResource':
    'Denied: no resource-based policy allows {who}, as expected for a caller from another account that nothing names.',
  'checks.partner.deniedIdentity':
    "Denied again, now because no identity-based policy allows it: the repository says yes, {who}'s own account has not.",
  'checks.partner.registryFails':
    '{who} may call the ECR API, but the registry pull (what docker does) fails.',
  'checks.partner.pulls':
    '{who} pulls across accounts: the repository policy AND its own identity policy allow it.',
  'checks.partner.stillNoIdentity':
    '{who} is still denied: no identity-based policy in its account allows the pull yet.',
  'checks.partner.nowResourceSide':
    "{who} is denied on the repository's side now: the repository policy no longer lets it in.",

  'checks.partner.signIn': 'sign in to the partner account with {how}',
  'checks.partner.sameAccount': '{how} signs in to your own account {mine}, not a second one.',
  'checks.partner.ready':
    'The partner account is {account}; the tutor acts there as {arn} ({how}).',

  'checks.partner.leftStatement': 'the statement "{sid}" in the policy of {repository}',
  'checks.partner.leftInline': 'the inline policy {name} of {partnerUser}',
  'checks.partner.readPolicies': 'read the policies of {partnerUser}',
  'checks.partner.leftPull': '{partnerUser} can still pull',
  'checks.partner.stillThere': 'Still there: {left}.',
  'checks.partner.cleaned':
    "{partnerUser} can no longer pull from {repository}; the lesson's changes are gone.",
  'checks.partner.deletedInline': 'deleted {name} of {partnerUser}',
  'checks.partner.noAdminOnAws':
    "On real AWS the tutor has no admin keys of the partner account: attach the policy yourself, as the partner account's admin (the command is in the step text).",
  'checks.partner.putInline': 'put the inline policy {name} on {partnerUser} (as {admin})',

  // what a repository policy grants (src/checks/grants.ts): steps 5 and 6
  'checks.grants.standIn': 'stand-in identity policy allowing ecr:*',
  'checks.grants.otherUsers': 'other users of account {account}',
  'checks.grants.otherAccounts': 'identities of other AWS accounts',
  'checks.grants.notNamed':
    "It does not let {ciUser} in at all: the policy names {hasNamed, select, yes {{named}} other {no principal}}, but the CI user's ARN is {ci}.",
  'checks.grants.missing': '{ciUser} would not be allowed: {actions}.',
  'checks.grants.extra': 'It allows more than push and pull: {actions}.',
  'checks.grants.others': 'It also lets in {others}: name only {ci}.',
  'checks.grants.unsupported': 'The tutor cannot judge: {what}.',

  'checks.resources.noRepository': '{repository} does not exist: nothing to delete',
  'checks.resources.notOurs':
    "the repository {repository} was not created by the tutor for this lesson (it lacks the tutor's tags), so it is not deleted",
  'checks.resources.notOursTry': 'delete it yourself if you really mean to',

  // names of identity policies in traces (src/checks/iam-policies.ts)
  'checks.iam.inline': 'inline policy {name} of {user}',
  'checks.iam.managed': 'managed policy {name} of {user}',
} as const satisfies Record<string, string>;

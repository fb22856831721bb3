/**
 * Policy lint: every finding has a severity, a stable code, plain words, the line/column and
 * JSON path of the element, and a suggestion where one exists. Walks the position-aware AST
 * (not the normalised document) so that each finding points at what the learner typed.
 * Never throws: an unexpected failure becomes an `internal-error` finding.
 */
import type { DocumentNode, ObjectNode, ValueNode } from '@humanwhocodes/momoa';
import { closest, distance } from 'fastest-levenshtein';
import { actionsOfService, didYouMean, findAction, CATALOGUE_SERVICES } from './catalogue.js';
import { KNOWN_OPERATORS, parseOperator } from './conditions.js';
import { normaliseDocument, STATEMENT_KEYS, TOP_LEVEL_KEYS } from './normalise.js';
import {
  findDuplicateKeys,
  joinPath,
  memberKey,
  parseJsonTextLenient,
  PolicyParseError,
  valueOf,
} from './parse.js';
import { ACCOUNT_ID, accountOfPrincipal } from './principal.js';
import { globMatch, hasWildcard } from './wildcard.js';
import type { Finding, PolicyDocument, Severity } from './types.js';
import { t } from '../i18n/index.js';

export interface LintOptions {
  /** account the principals are expected to be in */
  account?: string;
  /** 'repository' (default) applies the repository-policy rules; 'identity' the IAM ones */
  kind?: 'repository' | 'identity';
}

export interface LintResult {
  findings: Finding[];
  /** the normalised document when the text parsed as a policy (even with findings) */
  document?: PolicyDocument;
}

/** policyText limit of SetRepositoryPolicy. */
export const MAX_POLICY_CHARS = 10_240;

const PUSH_ORDER = [
  'ecr:BatchCheckLayerAvailability',
  'ecr:InitiateLayerUpload',
  'ecr:UploadLayerPart',
  'ecr:CompleteLayerUpload',
  'ecr:PutImage',
];
const PULL_ORDER = ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'];
/** ECR action names without the service, as the step words in the catalog key them. */
function stepWords(action: string): string {
  return t('policy.lint.step', { action: action.replace(/^ecr:/, '') });
}

const PLACEHOLDER =
  /<[^<>"\s]*(?:[A-Z_]{3,}|ACCOUNT|account)[^<>"]*>|\bYOUR_[A-Z_]+\b|\bACCOUNT_ID\b/;
const SID = /^[A-Za-z0-9]*$/;
const SID_WITH_SPACES = /^[A-Za-z0-9 ]*$/;
const PRINCIPAL_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):(iam::(\d+):(root|user\/.+|role\/.+|group\/.+)|sts::(\d+):(assumed-role\/[^/]+\/[^/]+|federated-user\/.+))$/;

class Linter {
  readonly findings: Finding[] = [];
  constructor(
    readonly text: string,
    readonly opts: LintOptions,
  ) {}

  get repository(): boolean {
    return (this.opts.kind ?? 'repository') === 'repository';
  }

  add(
    severity: Severity,
    code: string,
    message: string,
    at: { line: number; column: number },
    path: string,
    suggestion?: string,
  ): void {
    const f: Finding = { severity, code, message, line: at.line, column: at.column, path };
    if (suggestion !== undefined) f.suggestion = suggestion;
    this.findings.push(f);
  }

  run(): LintResult {
    // The limit comes first and alone: AWS refuses such a policy before reading it, and no
    // rule below (parsing, wildcard expansion) should spend time on text that cannot be applied.
    if (this.repository && this.text.length > MAX_POLICY_CHARS) {
      this.add(
        'error',
        'policy-too-long',
        t('policy.lint.tooLong', { length: this.text.length, max: MAX_POLICY_CHARS }),
        { line: 1, column: 1 },
        '',
        t('policy.lint.tooLongFix'),
      );
      return { findings: this.findings };
    }
    let ast: DocumentNode;
    try {
      ast = parseJsonTextLenient(this.text);
    } catch (err) {
      if (err instanceof PolicyParseError) {
        this.placeholders(() => '');
        this.add('error', err.code, err.message, err, err.path, err.suggestion);
        return { findings: this.sorted() };
      }
      throw err;
    }
    const stringPaths = new Map<number, string>();
    collectStringPaths(ast.body, '', stringPaths);
    this.placeholders((line, column) => {
      let best = '';
      let bestLine = -1;
      // The string node starting at or just before the placeholder on the same line.
      for (const [pos, path] of stringPaths) {
        const l = Math.floor(pos / 100_000);
        const c = pos % 100_000;
        if (l === line && c <= column && l * 100_000 + c > bestLine) {
          best = path;
          bestLine = l * 100_000 + c;
        }
      }
      return best;
    });
    for (const d of findDuplicateKeys(ast.body, '', []))
      this.add('error', d.code, d.message, d, d.path, d.suggestion);
    this.document(ast.body);
    let document: PolicyDocument | undefined;
    try {
      document = normaliseDocument(valueOf(ast));
    } catch {
      // The shape problems are already findings with better positions.
    }
    return document ? { findings: this.sorted(), document } : { findings: this.sorted() };
  }

  sorted(): Finding[] {
    return this.findings.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /** Placeholders are found in the raw text, so they are reported even when the JSON is broken. */
  placeholders(pathAt: (line: number, column: number) => string): void {
    const lines = this.text.split('\n');
    lines.forEach((lineText, i) => {
      const m = PLACEHOLDER.exec(lineText);
      if (!m) return;
      const account = this.opts.account;
      this.add(
        'error',
        'placeholder',
        t('policy.lint.placeholder', { value: m[0] }),
        { line: i + 1, column: m.index + 1 },
        pathAt(i + 1, m.index + 1),
        /ACCOUNT/i.test(m[0])
          ? account
            ? t('policy.lint.placeholderFixAccount', { value: m[0], account })
            : t('policy.lint.placeholderFixAccountUnknown', { value: m[0] })
          : t('policy.lint.placeholderFix', { value: m[0] }),
      );
    });
  }

  document(body: ValueNode): void {
    if (body.type !== 'Object') {
      this.add(
        'error',
        'not-an-object',
        t('policy.lint.notAnObject', { example: '{ ... }' }),
        body.loc.start,
        '',
      );
      return;
    }
    this.unknownKeys(body, '', TOP_LEVEL_KEYS, 'top');
    const version = member(body, 'Version');
    if (!version) {
      this.add(
        'warning',
        'missing-version',
        t('policy.lint.missingVersion'),
        body.loc.start,
        '',
        t('policy.lint.missingVersionFix'),
      );
    } else if (version.type !== 'String' || !['2012-10-17', '2008-10-17'].includes(version.value)) {
      this.add(
        'error',
        'invalid-version',
        t('policy.lint.invalidVersion', { found: show(version) }),
        version.loc.start,
        'Version',
        t('policy.lint.invalidVersionFix'),
      );
    }
    const versionText = version?.type === 'String' ? version.value : '2008-10-17';
    if (versionText === '2008-10-17') this.literalVariables(body, version === undefined);
    const id = member(body, 'Id');
    if (id && id.type !== 'String')
      this.add('error', 'invalid-type', t('policy.lint.idType'), id.loc.start, 'Id');
    const statement = member(body, 'Statement');
    if (!statement) {
      this.add(
        'error',
        'missing-statement',
        t('policy.lint.missingStatement'),
        body.loc.start,
        '',
        t('policy.lint.missingStatementFix', {
          example: '[ { "Effect": ..., "Principal": ..., "Action": ... } ]',
        }),
      );
      return;
    }
    const statements: Array<{ node: ValueNode; path: string }> =
      statement.type === 'Array'
        ? statement.elements.map((e, i) => ({ node: e.value, path: `Statement[${i}]` }))
        : [{ node: statement, path: 'Statement' }];
    if (statements.length === 0) {
      this.add(
        'error',
        'empty-statement',
        t('policy.lint.emptyStatement'),
        statement.loc.start,
        'Statement',
      );
      return;
    }
    const sids = new Map<string, number>();
    const grants: Array<{
      principalKey: string;
      actions: Set<string>;
      node: ValueNode;
      path: string;
    }> = [];
    for (const { node, path } of statements) {
      if (node.type !== 'Object') {
        this.add(
          'error',
          'invalid-statement',
          t('policy.lint.invalidStatement', { example: '{ ... }', found: show(node) }),
          node.loc.start,
          path,
        );
        continue;
      }
      this.statement(node, path, sids, grants);
    }
    if (this.repository) this.pushPullSets(grants);
  }

  /** Under Version 2008-10-17 (or none) `${aws:username}` and other variables are literal text. */
  literalVariables(body: ObjectNode, noVersion: boolean): void {
    const seen: Array<{ node: ValueNode; path: string }> = [];
    const walk = (n: ValueNode, p: string): void => {
      if (n.type === 'String') {
        if (n.value.includes('${')) seen.push({ node: n, path: p });
      } else if (n.type === 'Array') n.elements.forEach((e, i) => walk(e.value, `${p}[${i}]`));
      else if (n.type === 'Object')
        for (const m of n.members) walk(m.value, joinPath(p, memberKey(m)));
    };
    const statement = member(body, 'Statement');
    if (statement) walk(statement, 'Statement');
    for (const { node, path } of seen) {
      const name = /\$\{[^}]*\}/.exec(node.type === 'String' ? node.value : '')?.[0] ?? '${...}';
      this.add(
        'warning',
        'variable-in-old-version',
        t('policy.lint.variableInOldVersion', { name, noVersion: noVersion ? 'yes' : 'no' }),
        node.loc.start,
        path,
        t('policy.lint.variableInOldVersionFix'),
      );
    }
  }

  statement(
    node: ObjectNode,
    path: string,
    sids: Map<string, number>,
    grants: Array<{ principalKey: string; actions: Set<string>; node: ValueNode; path: string }>,
  ): void {
    this.unknownKeys(node, path, STATEMENT_KEYS, 'statement');
    const sid = member(node, 'Sid');
    if (sid) {
      if (sid.type === 'String' && SID_WITH_SPACES.test(sid.value) && !SID.test(sid.value)) {
        // IAM documents letters and digits only, yet ECR's own example policy uses
        // "Sid": "ECR Repository Policy" and is accepted: a warning, not an error.
        this.add(
          'warning',
          'sid-with-spaces',
          t('policy.lint.sidWithSpaces', { found: show(sid) }),
          sid.loc.start,
          joinPath(path, 'Sid'),
          t('policy.lint.sidWithSpacesFix', { sid: sid.value.replace(/ /g, '') }),
        );
      }
      if (sid.type !== 'String' || !SID_WITH_SPACES.test(sid.value)) {
        this.add(
          'error',
          'invalid-sid',
          t('policy.lint.invalidSid', { found: show(sid) }),
          sid.loc.start,
          joinPath(path, 'Sid'),
          sid.type === 'String'
            ? t('policy.lint.useSid', { sid: sidSuggestion(sid.value) })
            : undefined,
        );
      } else if (sid.value !== '') {
        const first = sids.get(sid.value);
        if (first !== undefined) {
          this.add(
            'error',
            'duplicate-sid',
            t('policy.lint.duplicateSid', { sid: sid.value, line: first }),
            sid.loc.start,
            joinPath(path, 'Sid'),
            t('policy.lint.duplicateSidFix', { sid: sid.value }),
          );
        } else sids.set(sid.value, sid.loc.start.line);
      }
    }
    const effect = member(node, 'Effect');
    let effectValue: 'Allow' | 'Deny' | undefined;
    if (!effect) {
      this.add(
        'error',
        'missing-effect',
        t('policy.lint.missingEffect'),
        node.loc.start,
        path,
        t('policy.lint.missingEffectFix'),
      );
    } else if (effect.type !== 'String' || (effect.value !== 'Allow' && effect.value !== 'Deny')) {
      const guess =
        effect.type === 'String'
          ? effect.value.toLowerCase().startsWith('d')
            ? 'Deny'
            : 'Allow'
          : 'Allow';
      this.add(
        'error',
        'invalid-effect',
        t('policy.lint.invalidEffect', { found: show(effect) }),
        effect.loc.start,
        joinPath(path, 'Effect'),
        t('policy.lint.useValue', { value: guess }),
      );
    } else effectValue = effect.value;

    this.pair(node, path, 'Action', 'NotAction');
    this.pair(node, path, 'Resource', 'NotResource');
    this.pair(node, path, 'Principal', 'NotPrincipal');

    const principal = member(node, 'Principal');
    const notPrincipal = member(node, 'NotPrincipal');
    const condition = member(node, 'Condition');
    if (this.repository) {
      if (!principal && !notPrincipal) {
        this.add(
          'error',
          'missing-principal',
          t('policy.lint.missingPrincipal'),
          node.loc.start,
          path,
          t('policy.lint.missingPrincipalFix', {
            example: '{"AWS": "arn:aws:iam::ACCOUNT_ID:user/NAME"}',
          }),
        );
      }
    } else {
      for (const [name, el] of [
        ['Principal', principal],
        ['NotPrincipal', notPrincipal],
      ] as const) {
        if (el) {
          this.add(
            'error',
            'principal-in-identity-policy',
            t('policy.lint.principalInIdentityPolicy', { name }),
            el.loc.start,
            joinPath(path, name),
            t('policy.lint.removeElement', { name }),
          );
        }
      }
    }
    const principalKey = principal ? JSON.stringify(valueOf(principal)) : '';
    if (principal) this.principal(principal, joinPath(path, 'Principal'), effectValue, !!condition);
    if (notPrincipal) {
      this.principal(notPrincipal, joinPath(path, 'NotPrincipal'), undefined, true);
      this.notPrincipal(notPrincipal, joinPath(path, 'NotPrincipal'), effectValue);
    }

    const action = member(node, 'Action');
    const notAction = member(node, 'NotAction');
    if (!action && !notAction) {
      this.add(
        'error',
        'missing-action',
        t('policy.lint.missingAction'),
        node.loc.start,
        path,
        t('policy.lint.missingActionFix'),
      );
    }
    let actions = new Set<string>();
    if (action) actions = this.actions(action, joinPath(path, 'Action'));
    if (notAction) this.actions(notAction, joinPath(path, 'NotAction'));
    if (effectValue === 'Allow' && action && principal) {
      grants.push({ principalKey, actions, node: action, path: joinPath(path, 'Action') });
    }

    for (const name of ['Resource', 'NotResource'] as const) {
      const el = member(node, name);
      if (!el) continue;
      this.stringList(el, joinPath(path, name), name);
      if (this.repository) {
        this.add(
          'warning',
          'resource-in-repository-policy',
          t('policy.lint.resourceInRepositoryPolicy', { name }),
          el.loc.start,
          joinPath(path, name),
          t('policy.lint.resourceInRepositoryPolicyFix', { name }),
        );
      }
    }
    if (!this.repository && !member(node, 'Resource') && !member(node, 'NotResource')) {
      this.add(
        'error',
        'missing-resource',
        t('policy.lint.missingResource'),
        node.loc.start,
        path,
        t('policy.lint.missingResourceFix'),
      );
    }
    if (condition) this.condition(condition, joinPath(path, 'Condition'));
  }

  pair(node: ObjectNode, path: string, a: string, b: string): void {
    const nb = member(node, b);
    if (member(node, a) && nb) {
      this.add(
        'error',
        'conflicting-elements',
        t('policy.lint.conflictingElements', { a, b }),
        nb.loc.start,
        joinPath(path, b),
        t('policy.lint.conflictingElementsFix', { a }),
      );
    }
  }

  unknownKeys(
    node: ObjectNode,
    path: string,
    known: readonly string[],
    where: 'top' | 'statement',
  ): void {
    for (const m of node.members) {
      const key = memberKey(m);
      if (known.includes(key)) continue;
      const near = closest(key, [...known]);
      const close =
        near !== undefined &&
        (near.toLowerCase() === key.toLowerCase() || distance(key, near) <= 2);
      this.add(
        'error',
        'unknown-key',
        t('policy.lint.unknownKey', { key, where }),
        m.name.loc.start,
        joinPath(path, key),
        close
          ? t('policy.lint.didYouMeanQuoted', { near })
          : t('policy.lint.allowedHere', { known: known.join(', ') }),
      );
    }
  }

  stringList(
    node: ValueNode,
    path: string,
    what: string,
  ): Array<{ value: string; node: ValueNode; path: string }> {
    const items =
      node.type === 'Array'
        ? node.elements.map((e, i) => ({ node: e.value, path: `${path}[${i}]` }))
        : [{ node, path }];
    if (node.type === 'Array' && items.length === 0) {
      this.add(
        'error',
        'empty-element',
        t('policy.lint.emptyList', { what }),
        node.loc.start,
        path,
      );
    }
    const out: Array<{ value: string; node: ValueNode; path: string }> = [];
    for (const it of items) {
      if (it.node.type !== 'String') {
        this.add(
          'error',
          'invalid-type',
          t('policy.lint.notStrings', { what, found: show(it.node) }),
          it.node.loc.start,
          it.path,
        );
      } else out.push({ value: it.node.value, node: it.node, path: it.path });
    }
    return out;
  }

  principal(
    node: ValueNode,
    path: string,
    effect: 'Allow' | 'Deny' | undefined,
    hasCondition: boolean,
  ): void {
    const publicWarning = (at: ValueNode, p: string): void => {
      if (effect === 'Allow' && !hasCondition) {
        this.add(
          'warning',
          'public-principal',
          t('policy.lint.publicPrincipal'),
          at.loc.start,
          p,
          t('policy.lint.publicPrincipalFix', {
            example: '{"AWS": "arn:aws:iam::ACCOUNT_ID:user/fcj-ecr-ci-cd-user"}',
          }),
        );
      }
    };
    if (node.type === 'String') {
      if (node.value === '*') publicWarning(node, path);
      else {
        this.add(
          'error',
          'invalid-principal',
          t('policy.lint.invalidPrincipal', { example: '{"AWS": "..."}', found: show(node) }),
          node.loc.start,
          path,
          t('policy.lint.invalidPrincipalFix', {
            example: `{"AWS": ${JSON.stringify(node.value)}}`,
          }),
        );
      }
      return;
    }
    if (node.type !== 'Object') {
      this.add(
        'error',
        'invalid-principal',
        t('policy.lint.invalidPrincipal', { example: '{"AWS": "..."}', found: show(node) }),
        node.loc.start,
        path,
      );
      return;
    }
    for (const m of node.members) {
      const type = memberKey(m);
      const typePath = joinPath(path, type);
      if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(type)) {
        this.add(
          'error',
          'invalid-principal-type',
          t('policy.lint.invalidPrincipalType', { type }),
          m.name.loc.start,
          typePath,
          type.toLowerCase() === 'aws'
            ? t('policy.lint.awsInCapitals')
            : t('policy.lint.useAwsType'),
        );
        continue;
      }
      const values = this.stringList(m.value, typePath, `Principal ${type}`);
      if (type !== 'AWS') continue;
      for (const v of values) this.awsPrincipal(v.value, v.node, v.path, publicWarning);
    }
  }

  /**
   * IAM User Guide, "AWS JSON policy elements: NotPrincipal": with Allow it is not supported;
   * with Deny, each exempted user or role needs its account ARN listed too, or AWS may deny
   * the whole account (it checks the account first); aws:PrincipalArn conditions are the
   * recommended way.
   */
  notPrincipal(node: ValueNode, path: string, effect: 'Allow' | 'Deny' | undefined): void {
    if (effect === 'Allow') {
      this.add(
        'error',
        'not-principal-with-allow',
        t('policy.lint.notPrincipalWithAllow'),
        node.loc.start,
        path,
        t('policy.lint.notPrincipalWithAllowFix'),
      );
      return;
    }
    if (node.type !== 'Object') return;
    const awsMember = node.members.find((m) => memberKey(m) === 'AWS');
    if (!awsMember) return;
    const items =
      awsMember.value.type === 'Array'
        ? awsMember.value.elements.map((e, i) => ({ node: e.value, path: `${path}.AWS[${i}]` }))
        : [{ node: awsMember.value, path: `${path}.AWS` }];
    const values = items.flatMap((it) =>
      it.node.type === 'String' ? [{ value: it.node.value, node: it.node, path: it.path }] : [],
    );
    const accounts = new Set<string>();
    for (const v of values) {
      if (ACCOUNT_ID.test(v.value)) accounts.add(v.value);
      const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(v.value);
      if (root) accounts.add(root[1]!);
    }
    for (const v of values) {
      const account = accountOfPrincipal(v.value);
      if (!account || accounts.has(account) || /:root$/.test(v.value)) continue;
      this.add(
        'warning',
        'not-principal-account-missing',
        t('policy.lint.notPrincipalAccountMissing', { value: v.value, account }),
        v.node.loc.start,
        v.path,
        t('policy.lint.notPrincipalAccountMissingFix', {
          account,
          condition: `{"ArnNotEquals": {"aws:PrincipalArn": ["${v.value}"]}}`,
        }),
      );
    }
    this.add(
      'info',
      'not-principal',
      t('policy.lint.notPrincipal'),
      node.loc.start,
      path,
      t('policy.lint.notPrincipalFix', {
        condition: '{"ArnNotEquals": {"aws:PrincipalArn": [...]}}',
      }),
    );
  }

  awsPrincipal(
    value: string,
    node: ValueNode,
    path: string,
    publicWarning: (at: ValueNode, p: string) => void,
  ): void {
    if (value !== value.trim()) {
      this.add(
        'error',
        'stray-whitespace',
        t('policy.lint.principalWhitespace', { value: JSON.stringify(value) }),
        node.loc.start,
        path,
        t('policy.lint.writeValue', { value: JSON.stringify(value.trim()) }),
      );
      return;
    }
    if (value === '*') {
      publicWarning(node, path);
      return;
    }
    if (PLACEHOLDER.test(value)) return; // already reported as a placeholder
    if (/^\d+$/.test(value)) {
      if (!ACCOUNT_ID.test(value)) {
        this.add(
          'error',
          'invalid-account-id',
          t('policy.lint.invalidAccountId', { value }),
          node.loc.start,
          path,
          t('policy.lint.copyAccountId'),
        );
        return;
      }
    } else if (value.startsWith('arn:') && (value.includes('*') || value.includes('?'))) {
      this.add(
        'error',
        'principal-wildcard',
        t('policy.lint.principalWildcard', { value }),
        node.loc.start,
        path,
        t('policy.lint.principalWildcardFix'),
      );
      return;
    } else {
      const m = PRINCIPAL_ARN.exec(value);
      if (!m) {
        const accountPart = /^arn:[^:]*:(?:iam|sts)::([^:]*):/.exec(value)?.[1];
        if (accountPart !== undefined && !ACCOUNT_ID.test(accountPart)) {
          this.add(
            'error',
            'invalid-account-id',
            t('policy.lint.accountIdInArn', { account: accountPart, value }),
            node.loc.start,
            path,
            t('policy.lint.copyAccountId'),
          );
        } else {
          this.add(
            'error',
            'invalid-principal-arn',
            t('policy.lint.invalidPrincipalArn', { value }),
            node.loc.start,
            path,
            t('policy.lint.invalidPrincipalArnFix'),
          );
        }
        return;
      }
      const account = m[3] ?? m[5] ?? '';
      if (!ACCOUNT_ID.test(account)) {
        this.add(
          'error',
          'invalid-account-id',
          t('policy.lint.accountIdInArn', { account, value }),
          node.loc.start,
          path,
          t('policy.lint.copyAccountId'),
        );
        return;
      }
    }
    const expected = this.opts.account;
    const account = accountOfPrincipal(value);
    if (expected && account && account !== expected) {
      this.add(
        'warning',
        'principal-account-mismatch',
        t('policy.lint.principalAccountMismatch', { account, expected }),
        node.loc.start,
        path,
        t('policy.lint.principalAccountMismatchFix', { value: value.replace(account, expected) }),
      );
    }
  }

  actions(node: ValueNode, path: string): Set<string> {
    const granted = new Set<string>();
    for (const { value, node: n, path: p } of this.stringList(
      node,
      path,
      path.endsWith('NotAction') ? 'NotAction' : 'Action',
    )) {
      if (value === '*') {
        if (this.repository) for (const a of actionsOfService('ecr')) granted.add(a);
        continue;
      }
      if (value !== value.trim()) {
        this.add(
          'error',
          'stray-whitespace',
          t('policy.lint.actionWhitespace', { value: JSON.stringify(value) }),
          n.loc.start,
          p,
          t('policy.lint.writeValue', { value: JSON.stringify(value.trim()) }),
        );
        continue;
      }
      const colon = value.indexOf(':');
      if (colon <= 0 || colon === value.length - 1) {
        this.add(
          'error',
          'invalid-action',
          t('policy.lint.invalidAction', { value }),
          n.loc.start,
          p,
        );
        continue;
      }
      const service = value.slice(0, colon).toLowerCase();
      const known = CATALOGUE_SERVICES.includes(service);
      if (known) {
        if (hasWildcard(value)) {
          const matches = actionsMatching(service, value);
          if (matches.length === 0) {
            this.add(
              'error',
              'unknown-action',
              t('policy.lint.noMatchingAction', { value, service }),
              n.loc.start,
              p,
            );
          }
          for (const a of matches) granted.add(a);
        } else {
          const found = findAction(value);
          if (!found) {
            const guess = didYouMean(value);
            this.add(
              'error',
              'unknown-action',
              t('policy.lint.unknownAction', { value, service }),
              n.loc.start,
              p,
              guess
                ? t('policy.lint.didYouMean', { guess })
                : t('policy.lint.seeReference', { service }),
            );
          } else granted.add(found.name);
        }
      }
      if (this.repository && service !== 'ecr') {
        this.add(
          'error',
          'non-ecr-action',
          t('policy.lint.nonEcrAction', { value }),
          n.loc.start,
          p,
          t('policy.lint.nonEcrActionFix', { value }),
        );
      }
      if (this.repository && value.toLowerCase() === 'ecr:getauthorizationtoken') {
        this.add(
          'error',
          'auth-token-in-repository-policy',
          t('policy.lint.authTokenInRepositoryPolicy'),
          n.loc.start,
          p,
          t('policy.lint.authTokenInRepositoryPolicyFix'),
        );
      }
    }
    return granted;
  }

  pushPullSets(
    grants: Array<{ principalKey: string; actions: Set<string>; node: ValueNode; path: string }>,
  ): void {
    const byPrincipal = new Map<string, { actions: Set<string>; node: ValueNode; path: string }>();
    for (const g of grants) {
      const entry = byPrincipal.get(g.principalKey);
      if (entry) for (const a of g.actions) entry.actions.add(a);
      else
        byPrincipal.set(g.principalKey, {
          actions: new Set(g.actions),
          node: g.node,
          path: g.path,
        });
    }
    for (const { actions, node, path } of byPrincipal.values()) {
      const pushOnly = PUSH_ORDER.filter((a) => a !== 'ecr:BatchCheckLayerAvailability');
      if (pushOnly.some((a) => actions.has(a))) {
        const missing = PUSH_ORDER.filter((a) => !actions.has(a));
        if (missing.length > 0) {
          const first = missing[0]!;
          const alsoRead = actions.has('ecr:BatchGetImage') ? [] : ['ecr:BatchGetImage'];
          this.add(
            'warning',
            'incomplete-push',
            t('policy.lint.incompletePush', {
              first,
              step: stepWords(first),
              more: missing.length > 1 ? 'yes' : 'no',
              rest: missing.slice(1).join(', '),
              alsoRead: alsoRead.length ? 'yes' : 'no',
            }),
            node.loc.start,
            path,
            t('policy.lint.addActions', { actions: [...missing, ...alsoRead].join(', ') }),
          );
        } else if (!actions.has('ecr:BatchGetImage')) {
          this.add(
            'info',
            'push-without-batch-get-image',
            t('policy.lint.pushWithoutBatchGetImage'),
            node.loc.start,
            path,
            t('policy.lint.addActions', { actions: 'ecr:BatchGetImage' }),
          );
        }
      }
      if (PULL_ORDER.some((a) => actions.has(a))) {
        const missing = PULL_ORDER.filter((a) => !actions.has(a));
        if (missing.length > 0) {
          const first = missing[0]!;
          this.add(
            'warning',
            'incomplete-pull',
            t('policy.lint.incompletePull', { first, step: stepWords(first) }),
            node.loc.start,
            path,
            t('policy.lint.addActions', { actions: missing.join(', ') }),
          );
        }
      }
    }
  }

  condition(node: ValueNode, path: string): void {
    if (node.type !== 'Object') {
      this.add(
        'error',
        'invalid-condition',
        t('policy.lint.conditionNotObject', { found: show(node) }),
        node.loc.start,
        path,
      );
      return;
    }
    for (const m of node.members) {
      const op = memberKey(m);
      const opPath = joinPath(path, op);
      if (!parseOperator(op)) {
        const base = op.replace(/^(ForAnyValue|ForAllValues):/i, '').replace(/IfExists$/, '');
        const near = closest(base, [...KNOWN_OPERATORS]);
        const close = near !== undefined && distance(base.toLowerCase(), near.toLowerCase()) <= 3;
        this.add(
          'error',
          'unknown-condition-operator',
          t('policy.lint.unknownOperator', { op }),
          m.name.loc.start,
          opPath,
          close
            ? t('policy.lint.didYouMean', { guess: op.replace(base, near) })
            : t('policy.lint.unknownOperatorFix'),
        );
      }
      if (m.value.type !== 'Object') {
        this.add(
          'error',
          'invalid-condition',
          t('policy.lint.operatorNotObject', { op, found: show(m.value) }),
          m.value.loc.start,
          opPath,
        );
        continue;
      }
      for (const k of m.value.members) {
        const v = k.value;
        const vals = v.type === 'Array' ? v.elements.map((e) => e.value) : [v];
        for (const x of vals) {
          if (x.type !== 'String' && x.type !== 'Number' && x.type !== 'Boolean') {
            const key = k.name.type === 'String' ? k.name.value : k.name.name;
            this.add(
              'error',
              'invalid-condition',
              t('policy.lint.conditionValue', { key, found: show(x) }),
              x.loc.start,
              joinPath(opPath, key),
            );
          }
        }
      }
    }
  }
}

const expansions = new Map<string, string[]>();

/**
 * The catalogue's actions a wildcard action names, remembered per pattern (a policy often
 * repeats one pattern) and matched without RegExp, so no pattern can make lint backtrack.
 */
function actionsMatching(service: string, pattern: string): string[] {
  // keyed as written: the match ignores case, so a differently cased pattern only costs an entry
  const key = `${service}\u0000${pattern}`;
  let found = expansions.get(key);
  if (!found) {
    if (expansions.size > 5000) expansions.clear();
    found = actionsOfService(service).filter((a) => globMatch(pattern, a, true));
    expansions.set(key, found);
  }
  return found;
}

/** Maps each string value's start (line * 100000 + column) to its JSON path. */
function collectStringPaths(node: ValueNode, path: string, out: Map<number, string>): void {
  if (node.type === 'String') out.set(node.loc.start.line * 100_000 + node.loc.start.column, path);
  else if (node.type === 'Array')
    node.elements.forEach((e, i) => collectStringPaths(e.value, `${path}[${i}]`, out));
  else if (node.type === 'Object') {
    for (const m of node.members) {
      collectStringPaths(m.value, joinPath(path, memberKey(m)), out);
    }
  }
}

function member(node: ObjectNode, key: string): ValueNode | undefined {
  for (const m of node.members) {
    if (memberKey(m) === key) return m.value;
  }
  return undefined;
}

function show(node: ValueNode): string {
  switch (node.type) {
    case 'String':
      return JSON.stringify(node.value);
    case 'Number':
    case 'Boolean':
      return String(node.value);
    case 'Null':
      return 'null';
    case 'Array':
      return t('policy.lint.show.list');
    case 'Object':
      return t('policy.lint.show.object');
    default:
      return node.type;
  }
}

/** Lints policy text. Never throws, whatever the input. */
export function lintPolicy(text: string, opts: LintOptions = {}): LintResult {
  try {
    if (typeof text !== 'string') {
      return {
        findings: [
          {
            severity: 'error',
            code: 'not-text',
            message: t('policy.lint.notText'),
            line: 1,
            column: 1,
            path: '',
          },
        ],
      };
    }
    return new Linter(text, opts).run();
  } catch (err) {
    return {
      findings: [
        {
          severity: 'error',
          code: 'internal-error',
          message: t('policy.lint.internalError', {
            why: err instanceof Error ? err.message : String(err),
          }),
          line: 1,
          column: 1,
          path: '',
          suggestion: t('policy.lint.internalErrorFix'),
        },
      ],
    };
  }
}

/**
 * A Sid IAM accepts, made from one it does not: accents taken off letters rather than the
 * letters dropped ("Cho phép CI đẩy" -> "ChophepCIday", not "ChophpCIy").
 */
function sidSuggestion(sid: string): string {
  return sid
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]/g, '');
}

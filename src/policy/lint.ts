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
/** ECR user guide, "Pushing a Docker image": its required permissions include BatchGetImage. */
const PUSH_ALSO_LISTS =
  "AWS's push page also lists ecr:BatchGetImage among the permissions a push needs.";
const PUSH_STEP: Record<string, string> = {
  'ecr:BatchCheckLayerAvailability': 'the first call, checking which layers already exist',
  'ecr:InitiateLayerUpload': 'starting each layer upload',
  'ecr:UploadLayerPart': 'uploading the layer data',
  'ecr:CompleteLayerUpload': 'finishing each layer upload',
  'ecr:PutImage': 'the last step, writing the image manifest and tag',
};
const PULL_STEP: Record<string, string> = {
  'ecr:BatchGetImage': 'the first call, reading the image manifest',
  'ecr:GetDownloadUrlForLayer': 'downloading each layer',
};

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
        `The policy is ${this.text.length.toLocaleString('en-US')} characters; a repository policy may have at most ${MAX_POLICY_CHARS.toLocaleString('en-US')}. The other checks run once it fits.`,
        { line: 1, column: 1 },
        '',
        'Merge statements that share a principal, use fewer wildcard actions, or drop whitespace.',
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
        `"${m[0]}" is a placeholder from the workshop text, not a real value.`,
        { line: i + 1, column: m.index + 1 },
        pathAt(i + 1, m.index + 1),
        /ACCOUNT/i.test(m[0])
          ? account
            ? `Replace ${m[0]} with your account id ${account}.`
            : `Replace ${m[0]} with your 12-digit AWS account id (aws sts get-caller-identity shows it).`
          : `Replace ${m[0]} with the real value.`,
      );
    });
  }

  document(body: ValueNode): void {
    if (body.type !== 'Object') {
      this.add(
        'error',
        'not-an-object',
        'A policy must be a JSON object { ... }.',
        body.loc.start,
        '',
      );
      return;
    }
    this.unknownKeys(body, '', TOP_LEVEL_KEYS, 'at the top level of a policy');
    const version = member(body, 'Version');
    if (!version) {
      this.add(
        'warning',
        'missing-version',
        'The policy has no Version; AWS then assumes "2008-10-17", where policy variables do not work.',
        body.loc.start,
        '',
        'Add "Version": "2012-10-17" as the first line.',
      );
    } else if (version.type !== 'String' || !['2012-10-17', '2008-10-17'].includes(version.value)) {
      this.add(
        'error',
        'invalid-version',
        `Version must be "2012-10-17" or "2008-10-17", the only two policy language versions; found ${show(version)}.`,
        version.loc.start,
        'Version',
        'Use "Version": "2012-10-17".',
      );
    }
    const versionText = version?.type === 'String' ? version.value : '2008-10-17';
    if (versionText === '2008-10-17') this.literalVariables(body, version === undefined);
    const id = member(body, 'Id');
    if (id && id.type !== 'String')
      this.add('error', 'invalid-type', 'Id must be a string.', id.loc.start, 'Id');
    const statement = member(body, 'Statement');
    if (!statement) {
      this.add(
        'error',
        'missing-statement',
        'The policy has no Statement, so it grants nothing.',
        body.loc.start,
        '',
        'Add "Statement": [ { "Effect": ..., "Principal": ..., "Action": ... } ].',
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
        'Statement is an empty list, so the policy grants nothing.',
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
          `Each statement must be an object { ... }; found ${show(node)}.`,
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
        `${name} is literal text here: policy variables work only under "Version": "2012-10-17", and this policy ${noVersion ? 'has no Version (AWS assumes "2008-10-17")' : 'says "2008-10-17"'}.`,
        node.loc.start,
        path,
        'Set "Version": "2012-10-17" if you meant the variable.',
      );
    }
  }

  statement(
    node: ObjectNode,
    path: string,
    sids: Map<string, number>,
    grants: Array<{ principalKey: string; actions: Set<string>; node: ValueNode; path: string }>,
  ): void {
    this.unknownKeys(node, path, STATEMENT_KEYS, 'in a statement');
    const sid = member(node, 'Sid');
    if (sid) {
      if (sid.type === 'String' && SID_WITH_SPACES.test(sid.value) && !SID.test(sid.value)) {
        // IAM documents letters and digits only, yet ECR's own example policy uses
        // "Sid": "ECR Repository Policy" and is accepted: a warning, not an error.
        this.add(
          'warning',
          'sid-with-spaces',
          `Sid ${show(sid)} has spaces: IAM documents only letters and digits, though ECR accepts spaces (its own example uses "ECR Repository Policy").`,
          sid.loc.start,
          joinPath(path, 'Sid'),
          `Use "${sid.value.replace(/ /g, '')}" to be safe everywhere.`,
        );
      }
      if (sid.type !== 'String' || !SID_WITH_SPACES.test(sid.value)) {
        this.add(
          'error',
          'invalid-sid',
          `Sid may contain only letters and digits; found ${show(sid)}.`,
          sid.loc.start,
          joinPath(path, 'Sid'),
          sid.type === 'String' ? `Use "${sidSuggestion(sid.value)}".` : undefined,
        );
      } else if (sid.value !== '') {
        const first = sids.get(sid.value);
        if (first !== undefined) {
          this.add(
            'error',
            'duplicate-sid',
            `Sid "${sid.value}" is already used by the statement on line ${first}; each Sid must be unique.`,
            sid.loc.start,
            joinPath(path, 'Sid'),
            `Rename it, e.g. "${sid.value}2".`,
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
        'The statement has no Effect.',
        node.loc.start,
        path,
        'Add "Effect": "Allow" (or "Deny").',
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
        `Effect must be exactly "Allow" or "Deny" (capital first letter); found ${show(effect)}.`,
        effect.loc.start,
        joinPath(path, 'Effect'),
        `Use "${guess}".`,
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
          'The statement has no Principal: a repository policy must say who it applies to.',
          node.loc.start,
          path,
          'Add "Principal": {"AWS": "arn:aws:iam::ACCOUNT_ID:user/NAME"}.',
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
            `An identity policy cannot have ${name}: it applies to whoever it is attached to.`,
            el.loc.start,
            joinPath(path, name),
            `Remove ${name}.`,
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
        'The statement has no Action, so it applies to nothing.',
        node.loc.start,
        path,
        'Add "Action": [ ... ].',
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
          `${name} in a repository policy: the policy already applies to its repository, and ECR has rejected this element ("Invalid repository policy provided").`,
          el.loc.start,
          joinPath(path, name),
          `Remove the ${name} line.`,
        );
      }
    }
    if (!this.repository && !member(node, 'Resource') && !member(node, 'NotResource')) {
      this.add(
        'error',
        'missing-resource',
        'An identity policy statement needs a Resource.',
        node.loc.start,
        path,
        'Add "Resource": "*" or the repository ARN.',
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
        `A statement cannot have both ${a} and ${b}.`,
        nb.loc.start,
        joinPath(path, b),
        `Keep only ${a}.`,
      );
    }
  }

  unknownKeys(node: ObjectNode, path: string, known: readonly string[], where: string): void {
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
        `Unknown key "${key}" ${where}; AWS rejects a policy with it.`,
        m.name.loc.start,
        joinPath(path, key),
        close ? `Did you mean "${near}"?` : `Allowed here: ${known.join(', ')}.`,
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
      this.add('error', 'empty-element', `${what} is an empty list.`, node.loc.start, path);
    }
    const out: Array<{ value: string; node: ValueNode; path: string }> = [];
    for (const it of items) {
      if (it.node.type !== 'String') {
        this.add(
          'error',
          'invalid-type',
          `${what} must be a string or a list of strings; found ${show(it.node)}.`,
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
          'Principal "*" with no Condition lets anyone in any AWS account use this repository.',
          at.loc.start,
          p,
          'Name the IAM user or role instead, e.g. {"AWS": "arn:aws:iam::ACCOUNT_ID:user/fcj-ecr-ci-cd-user"}, or add a Condition such as aws:PrincipalAccount.',
        );
      }
    };
    if (node.type === 'String') {
      if (node.value === '*') publicWarning(node, path);
      else {
        this.add(
          'error',
          'invalid-principal',
          `Principal must be "*" or an object such as {"AWS": "..."}; found ${show(node)}.`,
          node.loc.start,
          path,
          `Write {"AWS": ${JSON.stringify(node.value)}}.`,
        );
      }
      return;
    }
    if (node.type !== 'Object') {
      this.add(
        'error',
        'invalid-principal',
        `Principal must be "*" or an object such as {"AWS": "..."}; found ${show(node)}.`,
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
          `Unknown principal type "${type}".`,
          m.name.loc.start,
          typePath,
          type.toLowerCase() === 'aws'
            ? 'Write "AWS" in capitals.'
            : 'Use "AWS" for IAM users, roles and accounts.',
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
        'NotPrincipal with "Effect": "Allow" is not supported by AWS: it would allow everyone except the principals listed, anonymous callers included.',
        node.loc.start,
        path,
        'Use "Principal" with the users or roles to allow instead.',
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
        `NotPrincipal exempts ${v.value} but not its account arn:aws:iam::${account}:root. AWS may check the account first and then deny the whole account, this principal included.`,
        v.node.loc.start,
        v.path,
        `Add "arn:aws:iam::${account}:root" to NotPrincipal, or better: use "Principal": "*" with a Condition {"ArnNotEquals": {"aws:PrincipalArn": ["${v.value}"]}}.`,
      );
    }
    this.add(
      'info',
      'not-principal',
      'AWS recommends aws:PrincipalArn conditions instead of NotPrincipal: listing an account ARN here does not exempt its other users (all principals but those named are denied).',
      node.loc.start,
      path,
      'Write "Principal": "*" with {"ArnNotEquals": {"aws:PrincipalArn": [...]}} in the Condition.',
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
        `${JSON.stringify(value)} has spaces at its start or end, so it names nobody.`,
        node.loc.start,
        path,
        `Write ${JSON.stringify(value.trim())}.`,
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
          `"${value}" is not an AWS account id: an account id has exactly 12 digits.`,
          node.loc.start,
          path,
          'Copy the 12-digit id from aws sts get-caller-identity.',
        );
        return;
      }
    } else if (value.startsWith('arn:') && (value.includes('*') || value.includes('?'))) {
      this.add(
        'error',
        'principal-wildcard',
        `"${value}": a principal ARN cannot contain wildcards; AWS accepts only "*" on its own.`,
        node.loc.start,
        path,
        'Name each user or role exactly, or use the account with a Condition on aws:PrincipalArn (ArnLike).',
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
            `The account id "${accountPart}" in ${value} is not 12 digits.`,
            node.loc.start,
            path,
            'Copy the 12-digit id from aws sts get-caller-identity.',
          );
        } else {
          this.add(
            'error',
            'invalid-principal-arn',
            `"${value}" is not a principal ARN.`,
            node.loc.start,
            path,
            'Use arn:aws:iam::ACCOUNT_ID:user/NAME, arn:aws:iam::ACCOUNT_ID:role/NAME or a 12-digit account id.',
          );
        }
        return;
      }
      const account = m[3] ?? m[5] ?? '';
      if (!ACCOUNT_ID.test(account)) {
        this.add(
          'error',
          'invalid-account-id',
          `The account id "${account}" in ${value} is not 12 digits.`,
          node.loc.start,
          path,
          'Copy the 12-digit id from aws sts get-caller-identity.',
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
        `This principal is in account ${account}, but your account is ${expected}.`,
        node.loc.start,
        path,
        `If it should be yours, write ${value.replace(account, expected)}.`,
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
          `${JSON.stringify(value)} has spaces at its start or end, so it is not an action name.`,
          n.loc.start,
          p,
          `Write ${JSON.stringify(value.trim())}.`,
        );
        continue;
      }
      const colon = value.indexOf(':');
      if (colon <= 0 || colon === value.length - 1) {
        this.add(
          'error',
          'invalid-action',
          `"${value}" is not an action: actions look like service:Name, e.g. ecr:PutImage.`,
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
              `"${value}" matches no ${service} action.`,
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
              `"${value}" is not an action of ${service} (AWS rejects a policy with it).`,
              n.loc.start,
              p,
              guess
                ? `Did you mean ${guess}?`
                : `See the ${service} actions in the AWS Service Authorization Reference.`,
            );
          } else granted.add(found.name);
        }
      }
      if (this.repository && service !== 'ecr') {
        this.add(
          'error',
          'non-ecr-action',
          `"${value}" is not an ECR action; a repository policy can only grant ecr: actions on its repository.`,
          n.loc.start,
          p,
          `Grant ${value} in an IAM policy of the user or role instead.`,
        );
      }
      if (this.repository && value.toLowerCase() === 'ecr:getauthorizationtoken') {
        this.add(
          'error',
          'auth-token-in-repository-policy',
          'ecr:GetAuthorizationToken cannot be granted by a repository policy (AWS rejects it: "Invalid repository policy provided"). It is account-wide, so it must come from an IAM policy.',
          n.loc.start,
          p,
          'Remove it here and attach an IAM policy allowing ecr:GetAuthorizationToken on "*" to the user (docker login needs it).',
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
            `The push permissions are incomplete: docker push would fail at ${first} (${PUSH_STEP[first]}).` +
              (missing.length > 1 ? ` Also missing: ${missing.slice(1).join(', ')}.` : '') +
              (alsoRead.length ? ` ${PUSH_ALSO_LISTS}` : ''),
            node.loc.start,
            path,
            `Add ${[...missing, ...alsoRead].join(', ')}.`,
          );
        } else if (!actions.has('ecr:BatchGetImage')) {
          this.add(
            'info',
            'push-without-batch-get-image',
            `The five push actions are there. ${PUSH_ALSO_LISTS}`,
            node.loc.start,
            path,
            'Add ecr:BatchGetImage.',
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
            `The pull permissions are incomplete: docker pull would fail at ${first} (${PULL_STEP[first]}).`,
            node.loc.start,
            path,
            `Add ${missing.join(', ')}.`,
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
        `Condition must be an object; found ${show(node)}.`,
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
          `"${op}" is not a condition operator.`,
          m.name.loc.start,
          opPath,
          close
            ? `Did you mean ${op.replace(base, near)}?`
            : 'Use one of StringEquals, StringLike, ArnLike, Bool, IpAddress, NumericLessThan, DateGreaterThan, Null, ...',
        );
      }
      if (m.value.type !== 'Object') {
        this.add(
          'error',
          'invalid-condition',
          `Condition operator ${op} must map condition keys to values; found ${show(m.value)}.`,
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
              `Condition value for ${key} must be a string, number or boolean; found ${show(x)}.`,
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
  const key = `${service}\u0000${pattern.toLowerCase()}`;
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
      return 'a list';
    case 'Object':
      return 'an object';
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
            message: 'The policy is not text.',
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
          message: `The linter failed on this input (${err instanceof Error ? err.message : String(err)}); this is a bug in ecr-tutor.`,
          line: 1,
          column: 1,
          path: '',
          suggestion: 'Please report it with the policy text.',
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

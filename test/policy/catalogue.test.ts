import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { canonicalAction, didYouMean, findAction } from '../../src/policy/index.js';
import { SEED_ACTIONS } from './fixtures.js';

describe('action catalogue', () => {
  it('is what the generator makes from the installed data package', () => {
    const out = execFileSync(process.execPath, ['scripts/gen-action-catalogue.mjs', '--check'], {
      encoding: 'utf8',
    });
    expect(out).toMatch(/is up to date \(ecr \d+, iam \d+, sts \d+\)/);
  });

  it('has the seven actions of the seed policy, repository-scoped', () => {
    for (const a of SEED_ACTIONS)
      expect(findAction(a), a).toMatchObject({ name: a, scope: 'repository' });
  });

  it('has ecr:GetAuthorizationToken as account-scoped, and the iam/sts actions lessons use', () => {
    expect(findAction('ecr:GetAuthorizationToken')).toMatchObject({ scope: '*' });
    for (const a of [
      'sts:GetCallerIdentity',
      'iam:PutUserPolicy',
      'iam:CreateUser',
      'iam:GetUser',
    ]) {
      expect(findAction(a), a).toBeDefined();
    }
    expect(findAction('ecr:PutImages')).toBeUndefined();
  });

  it('suggests close names and canonical case', () => {
    expect(didYouMean('ecr:PutImages')).toBe('ecr:PutImage');
    expect(didYouMean('ecr:BatchGetImages')).toBe('ecr:BatchGetImage');
    expect(didYouMean('ecr:Completely')).toBeUndefined();
    expect(canonicalAction('ECR:getdownloadurlforlayer')).toBe('ecr:GetDownloadUrlForLayer');
    expect(canonicalAction('S3:GetObject')).toBe('s3:GetObject');
  });
});

/** Every file under dir (recursively) whose name ends with one of exts. */
function files(dir: string, exts: string[]): string[] {
  let out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p, exts));
    else if (exts.some((x) => e.endsWith(x))) out.push(p);
  }
  return out;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]@cloud-copilot\//;

describe('licence boundary', () => {
  it('nothing under src/ or dist/ imports @cloud-copilot/* (AGPL iam-simulate; iam-data is for the generator)', () => {
    const shipped = [
      ...files('src', ['.ts', '.tsx', '.js', '.mjs']),
      ...files('dist', ['.js', '.mjs', '.cjs', '.js.map']),
    ];
    expect(shipped.length).toBeGreaterThan(10);
    // An import in the source, or code a bundler inlined from the package (esbuild keeps
    // `node_modules/...` path comments and source-map entries). A mere mention (the bundled
    // package.json lists the devDependency) is not an import.
    const importOf = (text: string): boolean =>
      IMPORT.test(text) || text.includes('node_modules/@cloud-copilot/');
    expect(importOf("import { runSimulation } from '@cloud-copilot/iam-simulate';")).toBe(true);
    expect(importOf('await import("@cloud-copilot/iam-simulate")')).toBe(true);
    expect(importOf('"@cloud-copilot/iam-simulate": "0.1.173",')).toBe(false);
    const offenders = shipped.filter((f) => importOf(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

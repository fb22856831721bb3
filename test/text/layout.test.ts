/**
 * The text layout both front-ends use (src/text/): what a learner reads and what they paste.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLesson } from '../../src/engine/lesson-loader.js';
import { layoutHint, layoutMarkdown } from '../../src/text/markdown.js';
import { cliFlag, layoutCommand, shellWords } from '../../src/text/shell.js';
import { expandTabs, textWidth } from '../../src/text/width.js';
import { lineText, wrapSpans } from '../../src/text/wrap.js';

const root = join(import.meta.dirname, '../..');

const vars: Record<string, string> = {
  repository: 'fcj-workshop-app',
  ciUser: 'fcj-ecr-ci-cd-user',
  partnerUser: 'partner-developer',
  policyFile: 'fcj-workshop-app-policy.json',
  regionFlag: ' --region ap-southeast-1',
  endpointFlag: ' --endpoint-url http://127.0.0.1:45107',
  // a profile name a shell would split or unquote: the commands must quote it
  profileFlag: cliFlag('profile', "o'brien lab"),
  tutor: 'node bin/ecr-tutor.js',
  accountId: '123456789012',
  region: 'ap-southeast-1',
  cwd: '/home/learner/lab',
};
const fillVars = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);

/** Every step text of every lesson pack, with its variables filled as a session would. */
function lessonTexts(): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md') && name !== 'README.md')
        out.push({
          file: p.slice(root.length + 1),
          text: fillVars(readFileSync(p, 'utf8')),
        });
    }
  };
  walk(join(root, 'lessons'));
  return out;
}

/** What bash makes of a script: the function body as bash prints it back (nothing is run). */
function bashParse(script: string): string {
  return execFileSync('bash', ['-c', `f() {\n${script}\n}\ndeclare -f f`], { encoding: 'utf8' });
}

describe('commands a lesson shows', () => {
  const texts = lessonTexts();
  const commands = texts.flatMap((t) =>
    layoutMarkdown(t.text, { width: 80 }).commands.map((c) => ({ file: t.file, c })),
  );

  it('lessons show their commands in command blocks (at least the apply, account and clean-up ones)', () => {
    const all = commands.map((x) => x.c).join('\n');
    expect(all).toContain('aws ecr set-repository-policy --repository-name fcj-workshop-app');
    expect(all).toContain('aws sts get-caller-identity --region ap-southeast-1');
    expect(all).toContain('aws ecr delete-repository-policy');
    expect(all).toContain('eval "$(node bin/ecr-tutor.js sandbox env)"');
  });

  for (const width of [80, 60, 40]) {
    it(`pasted as rendered at ${width} columns, bash reads exactly the command, never a word split`, () => {
      for (const { file, c } of commands) {
        const rendered = layoutMarkdown(lessonTexts().find((t) => t.file === file)!.text, { width })
          .lines.filter((l) => l.command === c)
          .map((l) => lineText(l).replace(/^ {2}/, ''));
        expect(rendered.length, `${file}: ${c}`).toBeGreaterThan(0);
        execFileSync('bash', ['-n', '-c', rendered.join('\n')]);
        expect(bashParse(rendered.join('\n')), `${file} at ${width}`).toBe(bashParse(c));
        // every word of the command is whole on one line
        for (const w of shellWords(c))
          expect(
            rendered.some((l) => shellWords(l).includes(w)),
            `${w} in ${file}`,
          ).toBe(true);
        for (const l of rendered.slice(0, -1)) expect(l.endsWith(' \\')).toBe(true);
        for (const l of rendered)
          if (shellWords(l).length > 2) expect(textWidth(l) + 2).toBeLessThanOrEqual(width);
      }
    });
  }

  it('the apply command at 80 columns: three lines joined by \\, option and value together', () => {
    const c =
      'aws ecr set-repository-policy --repository-name fcj-workshop-app --policy-text file://fcj-workshop-app-policy.json --region us-east-1 --endpoint-url http://127.0.0.1:4510';
    expect(layoutCommand(c, 78)).toEqual([
      'aws ecr set-repository-policy --repository-name fcj-workshop-app \\',
      '  --policy-text file://fcj-workshop-app-policy.json --region us-east-1 \\',
      '  --endpoint-url http://127.0.0.1:4510',
    ]);
  });
});

describe('text at a width', () => {
  const sample = [
    'Chính sách kho lưu trữ cho phép người dùng CI đẩy và kéo ảnh 🚀 — việc này được kiểm tra trực tiếp.',
    'Vie\u0323\u0302t (combining marks) 中文字符宽度 👍🏽 flags 🇻🇳 and **bold** `code` words.',
  ].join(' ');
  for (const width of [80, 60, 33, 20]) {
    it(`no line is wider than ${width} cells or starts with the space it broke at`, () => {
      const { lines } = layoutMarkdown(`${sample}\n\n- ${sample}\n\n> ${sample}`, { width });
      for (const l of lines) {
        const t = lineText(l);
        expect(textWidth(t), t).toBeLessThanOrEqual(width);
        if (t && !t.startsWith('• ') && !t.startsWith('│') && !t.startsWith('  '))
          expect(t.startsWith(' '), JSON.stringify(t)).toBe(false);
      }
      // nothing lost: every word is there, in order
      const words = (s: string) =>
        s
          .replace(/[*`>•│-]/g, ' ')
          .split(/\s+/)
          .filter(Boolean);
      const text = lines.map(lineText).join(' ');
      expect(words(text).join(' ')).toContain(words(sample).join(' '));
    });
  }

  it('a bullet hangs its continuation lines under its text, all of them alike; the quote bar is on every line', () => {
    const { lines } = layoutMarkdown(`- ${'word '.repeat(40)}\n\n> ${'quoted '.repeat(30)}`, {
      width: 30,
    });
    const text = lines.map(lineText);
    const bullet = text.slice(0, text.indexOf(''));
    expect(bullet[0]!.startsWith('• word')).toBe(true);
    for (const l of bullet.slice(1)) expect(l).toMatch(/^ {2}word/);
    const quote = text.slice(text.indexOf('') + 1);
    expect(quote.length).toBeGreaterThan(3);
    for (const l of quote) expect(l.startsWith('│ quoted')).toBe(true);
  });

  it('a table shows its cells without backticks, the last column wrapped under itself', () => {
    const md =
      '| What | Name | Why |\n| --- | --- | --- |\n| repo | `fcj-workshop-app` | the resource the policy is attached to |';
    expect(layoutMarkdown(md, { width: 50 }).lines.map(lineText)).toEqual([
      'What  Name              Why',
      '──────────────────────────────────────────────────',
      'repo  fcj-workshop-app  the resource the policy is',
      '                        attached to',
    ]);
  });

  it('ASCII only when asked: bullets, quote bar and rules', () => {
    const t = layoutMarkdown('- a\n\n> b\n\n---', { width: 40, ascii: true })
      .lines.map(lineText)
      .join('\n');
    expect(t).toBe('- a\n\n| b\n\n----------------------------------------');
    expect(/[^\x20-\x7e\n]/.test(t)).toBe(false);
  });

  it('tabs expand to the next 4-column stop, counted in display cells', () => {
    expect(expandTabs('\t"a"')).toBe('    "a"');
    expect(expandTabs('ab\tc')).toBe('ab  c');
    expect(expandTabs('中\tx')).toBe('中  x');
  });

  it('a word wider than the line is split between graphemes, never inside one', () => {
    const lines = wrapSpans([{ text: 'đẩy🚀'.repeat(6) }], 7).map((l) =>
      l.map((s) => s.text).join(''),
    );
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(7);
    expect(lines.join('')).toBe('đẩy🚀'.repeat(6));
  });

  it('outside text is sanitised: escape sequences, BEL and bidi overrides never reach the screen', () => {
    const t = layoutMarkdown('Hi \u001b[31mred\u001b[0m\u0007 \u202eevil', { width: 80 })
      .lines.map(lineText)
      .join('\n');
    expect(t).toBe('Hi red <U+202E>evil');
  });
});

describe('commands inside sentences: the step texts and the hints of every lesson', () => {
  const COMMAND = /^(aws|ecr-tutor|npx|npm|node|eval|export|docker|skopeo|curl|git) /;
  /** every lesson's step texts and hints, in English and in Vietnamese, variables filled */
  async function texts(): Promise<Array<{ where: string; text: string; hint: boolean }>> {
    const out: Array<{ where: string; text: string; hint: boolean }> = [];
    const dirs = [
      ...readdirSync(join(root, 'lessons'))
        .filter((d) => d !== 'examples')
        .map((d) => join(root, 'lessons', d)),
      ...readdirSync(join(root, 'lessons/examples')).map((d) => join(root, 'lessons/examples', d)),
    ].filter((d) => statSync(d).isDirectory());
    for (const dir of dirs)
      for (const lang of ['en', 'vi'] as const) {
        const { lesson } = await loadLesson(dir, { lang });
        for (const s of lesson?.steps ?? []) {
          const where = `${dir.slice(root.length + 1)} ${s.id} (${lang})`;
          out.push({ where, text: fillVars(s.body), hint: false });
          for (const [i, h] of s.hints.entries())
            out.push({ where: `${where} hint ${i + 1}`, text: fillVars(h), hint: true });
        }
      }
    return out;
  }

  for (const width of [80, 60, 40])
    it(`at ${width} columns each is whole on one line, or laid out as a command that bash reads back exactly`, async () => {
      const all = await texts();
      expect(all.filter((x) => x.hint).length).toBeGreaterThan(40);
      let inline = 0;
      for (const { where, text, hint } of all) {
        const lines = hint
          ? layoutHint({ text: 'Hint 1/3:', style: 'warn' }, text, { width })
          : layoutMarkdown(text, { width }).lines;
        const shown = lines.map(lineText);
        // no Markdown marks reach the screen
        if (hint) expect(shown.join('\n'), where).not.toMatch(/`|\*\*/);
        // (a single word wider than the line is left whole for the terminal to wrap)
        for (const l of lines)
          if (!l.command || shellWords(lineText(l)).length > 2)
            expect(textWidth(lineText(l)), `${where}: ${lineText(l)}`).toBeLessThanOrEqual(width);
        const wanted = [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!.trim());
        if (hint && !text.includes('`') && COMMAND.test(text.trim())) wanted.push(text.trim());
        for (const c of wanted.filter((w) => COMMAND.test(w))) {
          inline++;
          const command = shellWords(c).join(' ');
          const own = lines.filter((l) => l.command === command);
          if (own.length) {
            const pasted = own.map((l) => lineText(l).replace(/^ {2}/, '')).join('\n');
            expect(bashParse(pasted), `${where} at ${width}`).toBe(bashParse(command));
          } else
            expect(
              shown.some((l) => l.includes(command)),
              `${where} at ${width}: "${command}" is split across lines:\n${shown.join('\n')}`,
            ).toBe(true);
        }
      }
      expect(inline).toBeGreaterThan(30);
    });
});

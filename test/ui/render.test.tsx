import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import chalk from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.js';
import { CodeBlock } from '../../src/ui/components/CodeBlock.js';
import { Markdown } from '../../src/ui/components/Markdown.js';
import { jsonLineTokens } from '../../src/ui/json-tokens.js';
import { ThemeContext } from '../../src/ui/theme-context.js';
import { makeTheme, wantsColor } from '../../src/ui/theme.js';
import { markdownToText } from '../../src/plain/markdown-text.js';
import { memoryEngine } from './fixtures/memory-engine.js';
import { renderReady, waitForText } from './helpers.js';

const ESC = '\u001b';

afterEach(() => cleanup());

describe('colour choice', () => {
  it('FORCE_COLOR wins, then NO_COLOR, then TERM=dumb, then whether stdout is a terminal', () => {
    expect(wantsColor({}, true)).toBe(true);
    expect(wantsColor({}, false)).toBe(false);
    expect(wantsColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(wantsColor({ TERM: 'dumb' }, true)).toBe(false);
    expect(wantsColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(wantsColor({ FORCE_COLOR: '0' }, true)).toBe(false);
  });
  it('TERM=dumb gets ASCII marks and spinner', () => {
    const t = makeTheme({ TERM: 'dumb' }, true);
    expect([t.mark('passed'), t.mark('skipped'), t.mark('failed'), t.mark('not-started')]).toEqual([
      '[x]',
      '[s]',
      '[!]',
      '[ ]',
    ]);
    expect(t.spinnerFrames.join('')).toMatch(/^[-\\|/]+$/);
    expect(t.style('ok')).toEqual({});
  });
});

describe('Markdown to Ink elements', () => {
  const plain = makeTheme({ FORCE_COLOR: '0' }, false);
  const md = (source: string, width = 60) =>
    render(
      <ThemeContext.Provider value={plain}>
        <Box width={width}>
          <Markdown source={source} />
        </Box>
      </ThemeContext.Provider>,
    ).lastFrame();

  it('renders headings, emphasis, inline code, nested lists and soft breaks without markup', () => {
    const f = md(
      '# Title\n\nSome **bold** and *soft*\nwrapped `code` text.\n\n1. first\n2. second\n   - inner **x**\n\n> quoted',
    );
    expect(f).toBe(
      [
        'Title',
        '',
        'Some bold and soft wrapped code text.',
        '',
        '1. first',
        '2. second',
        '   ◦ inner x',
        '',
        '│ quoted',
      ].join('\n'),
    );
  });

  it('drops a leading heading equal to the step title', () => {
    const f = render(
      <ThemeContext.Provider value={plain}>
        <Markdown source={'# Connect\n\nHello.'} skipHeading="Connect" />
      </ThemeContext.Provider>,
    ).lastFrame();
    expect(f).toBe('Hello.');
  });

  it('colours JSON code blocks token by token (keys, strings, numbers, literals)', () => {
    expect(jsonLineTokens('  "Effect": "Allow", "n": 12, "x": true')).toEqual([
      { kind: 'plain', text: '  ' },
      { kind: 'key', text: '"Effect"' },
      { kind: 'punct', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'string', text: '"Allow"' },
      { kind: 'punct', text: ',' },
      { kind: 'plain', text: ' ' },
      { kind: 'key', text: '"n"' },
      { kind: 'punct', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'number', text: '12' },
      { kind: 'punct', text: ',' },
      { kind: 'plain', text: ' ' },
      { kind: 'key', text: '"x"' },
      { kind: 'punct', text: ':' },
      { kind: 'plain', text: ' ' },
      { kind: 'literal', text: 'true' },
    ]);
    const level = chalk.level;
    chalk.level = 1;
    try {
      const f = render(
        <ThemeContext.Provider value={makeTheme({ FORCE_COLOR: '1' }, true)}>
          <CodeBlock text={'{ "Effect": "Allow" }'} lang="json" />
        </ThemeContext.Provider>,
      ).lastFrame()!;
      expect(f).toContain(`${ESC}[36m"Effect"${ESC}[39m`);
      expect(f).toContain(`${ESC}[32m"Allow"${ESC}[39m`);
    } finally {
      chalk.level = level;
    }
  });

  it('writes no escape codes at all when colour is off', () => {
    const f = md('# H\n\n**b** `c`\n\n```json\n{"a": 1}\n```');
    expect(f).not.toContain(`${ESC}[`);
    expect(f).toContain('{"a": 1}');
  });

  it('plain text for the line front-end prints text, not Markdown marks; commands on their own lines', () => {
    const md = '## Apply\n\nRun **this**:\n\n```\naws ecr x\n```\n\n- a `b`';
    expect(markdownToText(md)).toBe('Apply\n\nRun this:\n\n  aws ecr x\n\n• a b');
    expect(markdownToText(md, { ascii: true, skipHeading: 'Apply' })).toBe(
      'Run this:\n\n  aws ecr x\n\n- a b',
    );
  });
});

describe('terminal size', () => {
  it('follows a resize of the terminal', async () => {
    const engine = memoryEngine();
    const r = await renderReady(
      <App engine={engine} theme={makeTheme({ FORCE_COLOR: '0' }, false)} />,
    );
    // ink-testing-library reports 100 columns: the list is a strip below 100, a column from 100
    await waitForText(r, '▶○ 1. Find your account ID');
    Object.defineProperty(r.stdout, 'columns', { value: 80, configurable: true });
    r.stdout.emit('resize');
    await waitForText(r, 'Steps [○]');
    expect(
      r
        .lastFrame()!
        .split('\n')
        .every((l) => l.length <= 80),
    ).toBe(true);
  });
});

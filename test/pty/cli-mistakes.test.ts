/**
 * A mistyped command in a real terminal (the built bundle in a pty): it exits at once with
 * code 2 and a did-you-mean. Before, `ecr-tutor chek` printed "There is no lesson" and hung
 * until Ctrl-C: the TUI had resumed stdin and nothing paused it again.
 */
import { describe, expect, it } from 'vitest';
import { spawnTutor } from '../helpers/pty.js';

async function run(args: string[]): Promise<{ code: number; screen: string }> {
  const t = await spawnTutor(args, { cols: 100, rows: 24 });
  try {
    const exit = await t.waitForExit(15_000);
    return { code: exit.exitCode, screen: t.screen().trimEnd() };
  } finally {
    await t.kill();
  }
}

describe('a mistyped command in a terminal', () => {
  it('`chek` exits 2 at once: did you mean check?', async () => {
    const { code, screen } = await run(['chek']);
    expect(code).toBe(2);
    expect(screen).toMatchInlineSnapshot(`
      "error: unknown command "chek": did you mean check?
        try: ecr-tutor check (see \`ecr-tutor --help\` for every command)"
    `);
  });

  it('`frobnicate` names the commands and the lessons, exit 2', async () => {
    const { code, screen } = await run(['frobnicate']);
    expect(code).toBe(2);
    expect(screen).toContain('"frobnicate" is neither a command nor a lesson.');
    expect(screen).toContain('repository-policy');
    expect(screen).toContain('Commands: start, check, status');
  });

  it('`start no-such-lesson` lists the lessons, exit 2, and no screen was drawn', async () => {
    const { code, screen } = await run(['start', 'no-such-lesson']);
    expect(code).toBe(2);
    expect(screen).not.toContain('Connecting');
    expect(screen).toMatch(
      /there is no lesson "no-such-lesson"\.\n {2}The lessons in .*:\n {4}repository-policy +5\.1 Repository access policy/,
    );
  });

  it('an unknown flag exits 2 with a did-you-mean', async () => {
    const { code, screen } = await run(['--plian']);
    expect(code).toBe(2);
    expect(screen).toContain("unknown option '--plian'");
    expect(screen).toContain('Did you mean --plain?');
  });

  it('a lesson pack that cannot open exits (no hang) after the TUI started', async () => {
    const { code, screen } = await run(['--lessons', '/nonexistent-pack']);
    expect(screen).toContain('No usable lesson in /nonexistent-pack');
    expect(code).toBe(1);
  });
});

/** The layer rule in eslint.config.js fails the lint when the engine or a front-end reaches past its layer. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

async function problems(filePath: string, code: string): Promise<string[]> {
  const [r] = await new ESLint().lintText(code, { filePath });
  return (r?.messages ?? []).map((m) => `${m.ruleId}: ${m.message.split('.')[0]}`);
}

describe('layers', () => {
  it('src/engine may not import the AWS side, the checks, a front-end or an SDK', async () => {
    const code = [
      "import type { AwsSession } from '../aws/session.js';",
      "import { builtinRegistry } from '../checks/index.js';",
      "import { render } from 'ink';",
      "import { ECRClient } from '@aws-sdk/client-ecr';",
      'export const x: unknown = [builtinRegistry, render, ECRClient] as unknown as AwsSession;',
      '',
    ].join('\n');
    const found = await problems('src/engine/probe.ts', code);
    expect(found).toHaveLength(4);
    expect(found.every((m) => m.startsWith('@typescript-eslint/no-restricted-imports'))).toBe(true);
  });

  it('a front-end may not import the AWS SDK or the sandbox; the engine itself is fine', async () => {
    const code = [
      "import { ECRClient } from '@aws-sdk/client-ecr';",
      "import { startSandbox } from '../sandbox/index.js';",
      "import { isDone } from '../engine/rules.js';",
      'export const x = [ECRClient, startSandbox, isDone];',
      '',
    ].join('\n');
    expect(await problems('src/plain/probe.ts', code)).toHaveLength(2);
  });
});

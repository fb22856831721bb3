/**
 * Vitest hooks that give a test file its sandbox (kept apart from sandbox.ts, which scripts
 * outside vitest import too). The sandbox is handed to `use` once it is listening.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startTestSandbox, type TestSandbox } from './sandbox.js';

/** A fresh sandbox for every test of the file, cleaned up after each. */
export function sandboxForEachTest(use: (sb: TestSandbox) => void): void {
  let sb: TestSandbox | undefined;
  beforeEach(async () => {
    sb = await startTestSandbox();
    use(sb);
  });
  afterEach(async () => {
    await sb?.cleanup();
    sb = undefined;
  });
}

/** One sandbox shared by all tests of the file, cleaned up after the last. */
export function sandboxForFile(use: (sb: TestSandbox) => void): void {
  let sb: TestSandbox | undefined;
  beforeAll(async () => {
    sb = await startTestSandbox();
    use(sb);
  });
  afterAll(async () => {
    await sb?.cleanup();
  });
}

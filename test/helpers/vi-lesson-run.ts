/**
 * Test helper for the Vietnamese lesson runs: a learner's tutor home with a sandbox on port 0
 * already running in it (the built tutor attaches to it instead of taking the default port
 * 4510), and the masks that make a frame or transcript the same from run to run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestSandbox, type TestSandbox } from './sandbox.js';

export interface SandboxHome {
  /** HOME, ECR_TUTOR_HOME and working folder of the tutor under test */
  home: string;
  tsb: TestSandbox;
  cleanup(): Promise<void>;
}

/** A fresh tutor home whose sandbox (the one `ecr-tutor` attaches to) listens on port 0. */
export async function sandboxHome(label: string): Promise<SandboxHome> {
  const home = await mkdtemp(join(tmpdir(), `ecr-tutor-${label}-`));
  // the tutor's sandbox state lives in ECR_TUTOR_HOME/data/sandbox (src/paths.ts)
  const tsb = await startTestSandbox({ stateDir: join(home, 'data', 'sandbox') });
  return {
    home,
    tsb,
    cleanup: async () => {
      await tsb.cleanup();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** The account ids, port, upload ids and digests of one sandbox replaced by stable words. */
export function maskRun(text: string, tsb: TestSandbox): string {
  return (
    text
      .replaceAll(tsb.sandbox.accountId, 'ACCOUNT')
      .replaceAll(tsb.sandbox.secondAccountId, 'PARTNER')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UPLOAD-ID')
      .replace(/sha256:[0-9a-f]+/g, 'sha256:DIGEST')
      // the TUI pane's line range settles a frame late (1-9 or 1-10 of the same lines shown, in
      // repeated runs): the lines themselves are compared, not this count
      .replace(/\(dòng \d+-\d+ trên \d+\)/g, '(dòng …)')
      .replace(/[ \t]+$/gm, '')
  );
}

/** What a --plain run printed, as a reader sees it: escape sequences and carriage returns gone. */
export function plainText(raw: string): string {
  return (
    raw
      // eslint-disable-next-line no-control-regex -- escape sequences are what is removed
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      .replace(/\r/g, '')
  );
}

/**
 * Test helper: the real Repository Policy lesson opened by the real engine against a sandbox on
 * port 0, with a throw-away tutor home (ECR_TUTOR_HOME) and working folder.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sessionForSandbox, type AwsSession } from '../../src/aws/session.js';
import { openLesson, type TutorEngine } from '../../src/app/index.js';
import { startTestSandbox, type TestSandbox } from './sandbox.js';

export interface SandboxLesson {
  tsb: TestSandbox;
  session: AwsSession;
  engine: TutorEngine;
  /** the tutor's home (progress, data) for this test file */
  home: string;
  /** the learner's working folder, where the policy file is written */
  cwd: string;
  /** closes the engine and the session, stops the sandbox and deletes both folders */
  cleanup(): Promise<void>;
}

/** Opens a built-in lesson (default: the first) against a fresh sandbox; `label` names the temp folders. */
export async function openSandboxLesson(label: string, lessonId?: string): Promise<SandboxLesson> {
  let tsb: TestSandbox | undefined;
  let session: AwsSession | undefined;
  let engine: TutorEngine | undefined;
  let home: string | undefined;
  let cwd: string | undefined;
  const cleanup = async (): Promise<void> => {
    await engine?.close();
    await session?.close();
    await tsb?.cleanup();
    if (home) await rm(home, { recursive: true, force: true });
    if (cwd) await rm(cwd, { recursive: true, force: true });
  };
  try {
    tsb = await startTestSandbox();
    home = await mkdtemp(join(tmpdir(), `ecr-tutor-${label}-home-`));
    cwd = await mkdtemp(join(tmpdir(), `ecr-tutor-${label}-cwd-`));
    session = sessionForSandbox(tsb.sandbox);
    engine = await openLesson({
      ...(lessonId ? { lessonId } : {}),
      target: {},
      session,
      cwd,
      env: { ...process.env, ECR_TUTOR_HOME: home },
    });
  } catch (err) {
    // A half-opened lesson must not leave a sandbox listening or folders behind.
    await cleanup();
    throw err;
  }
  return { tsb, session, engine, home, cwd, cleanup };
}

/** What the lesson checks and actions receive: the engine's step context over the lab's environment. */
import type { AwsSession } from '../aws/session.js';
import type { ActionFn, CheckFn, StepContext } from '../engine/check-api.js';

export interface LabEnv {
  session: AwsSession;
  /** the learner's working directory (the policy file lives here) */
  cwd: string;
  /** tutorPaths().data: policy backups go under it */
  dataDir: string;
}

export type LabContext = StepContext<LabEnv>;
export type LabCheck = CheckFn<LabEnv>;
export type LabAction = ActionFn<LabEnv>;

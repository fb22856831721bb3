/** Builds a learner's report by re-running every check of an open lesson against live state. */
import type { TutorEngine } from '../engine/engine.js';
import type { RedactOptions } from './redact.js';
import { buildReport, type LearnerReport } from './report.js';

/** Re-checks every step (no setups, no prompts) and returns the report of what live state shows. */
export async function liveReport(
  engine: TutorEngine,
  o: { redact: RedactOptions; now?: () => Date; signal?: AbortSignal },
): Promise<LearnerReport> {
  const before = engine.snapshot();
  const rows = await engine.checkAll({ signal: o.signal, record: false });
  return buildReport({
    before,
    rows,
    generatedAt: (o.now ?? (() => new Date()))(),
    redact: o.redact,
  });
}

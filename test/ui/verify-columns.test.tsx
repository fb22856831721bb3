/** The seven actions of the verify step: two columns where every row fits, else one, never cut. */
import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { VerifyView } from '../../src/ui/views/VerifyView.js';
import type { ActionRow } from '../../src/engine/types.js';
import { PUSH_PULL_ACTIONS } from '../helpers/workshop.js';

afterEach(() => cleanup());

const rows: ActionRow[] = PUSH_PULL_ACTIONS.map((action) => ({ action, status: 'allowed' }));

function frame(width: number): string {
  const { lastFrame } = render(
    <Box width={width} flexDirection="column">
      <VerifyView rows={rows} progress={[]} running={false} width={width} />
    </Box>,
  );
  return lastFrame()!;
}

it('at 80 columns: two columns, four rows', () => {
  expect(frame(80)).toMatchInlineSnapshot(`
    "✔  BatchCheckLayerAvailability allowed  ✔  InitiateLayerUpload allowed
    ✔  UploadLayerPart allowed              ✔  CompleteLayerUpload allowed
    ✔  PutImage allowed                     ✔  BatchGetImage allowed
    ✔  GetDownloadUrlForLayer allowed"
  `);
});

it('at 60 columns: one column, every action and its answer whole', () => {
  const f = frame(60);
  expect(f).not.toContain('…');
  expect(f).toMatchInlineSnapshot(`
    "✔  BatchCheckLayerAvailability allowed
    ✔  InitiateLayerUpload allowed
    ✔  UploadLayerPart allowed
    ✔  CompleteLayerUpload allowed
    ✔  PutImage allowed
    ✔  BatchGetImage allowed
    ✔  GetDownloadUrlForLayer allowed"
  `);
});

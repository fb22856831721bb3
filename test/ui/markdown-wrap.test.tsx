import { Box } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, it } from 'vitest';
import { Markdown } from '../../src/ui/components/Markdown.js';

afterEach(() => cleanup());

it('wraps list items inside their column without losing a character', async () => {
  const sentence =
    'It lists what that identity may do, on which resources. Example: "fcj-ecr-ci-cd-user may call `ecr:PutImage` on every repository of the account".';
  const { lastFrame } = render(
    // The same nesting as the step pane: a clipped row holding a shrinkable column.
    <Box width={80} flexDirection="column">
      <Box flexDirection="row" overflow="hidden">
        <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
          <Markdown source={`- An identity-based policy is attached to a user. ${sentence}`} />
        </Box>
      </Box>
    </Box>,
  );
  await new Promise((r) => setTimeout(r, 20));
  const frame = lastFrame() ?? '';
  const words = (text: string) => text.replace(/[•│`]/g, ' ').split(/\s+/).filter(Boolean);
  // Every word of the source appears whole, in order, in the wrapped frame.
  expect(words(frame).join(' ')).toContain(words(sentence).join(' '));
  for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
});

import { Box, Text } from 'ink';
import type { EngineSnapshot } from '../../engine/types.js';
import { useTheme } from '../theme-context.js';

const TARGET_NAMES = { sandbox: 'sandbox (local AWS)', aws: 'AWS', endpoint: 'endpoint' } as const;

/** Lesson title, step count, and where the checks run: target, account, region, identity. */
export function Header({ snap, width }: { snap: EngineSnapshot; width: number }) {
  const theme = useTheme();
  const t = snap.target;
  const where = [
    TARGET_NAMES[t.kind] + (t.profile ? ` (profile ${t.profile})` : ''),
    t.accountId ? `account ${t.accountId}` : 'account ?',
    t.region,
  ].join(' · ');
  // The end of an ARN (user/NAME) says the most: shorten from the front when space is short.
  const room = width - where.length - 2;
  let who = t.identityArn ? `as ${t.identityArn}` : '';
  if (who.length > room) who = room > 12 ? `as …${t.identityArn!.slice(-(room - 4))}` : '';
  const count = [
    snap.learner ? `learner ${snap.learner}` : '',
    snap.facilitator ? 'facilitator' : '',
    `step ${snap.currentIndex + 1}/${snap.steps.length}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Box flexGrow={1}>
          <Text wrap="truncate-end" {...theme.style('accent')}>
            ECR tutor · {snap.lesson.title}
          </Text>
        </Box>
        <Text {...theme.style('muted')}> {count}</Text>
      </Box>
      <Text wrap="truncate-end" {...theme.style('muted')}>
        {where}
        {who ? `  ${who}` : ''}
      </Text>
      {snap.targetWarning ? (
        <Text wrap="truncate-end" {...theme.style('warn')}>
          ! {snap.targetWarning}
        </Text>
      ) : null}
      {(snap.notices ?? []).map((n, i) => (
        <Text key={i} wrap="truncate-end" {...theme.style('warn')}>
          ! {n}
        </Text>
      ))}
    </Box>
  );
}

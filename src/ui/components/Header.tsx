import { Box, Text } from 'ink';
import type { EngineSnapshot } from '../../engine/types.js';
import { useTheme } from '../theme-context.js';
import { textWidth } from '../../text/width.js';
import { t as msg } from '../../i18n/index.js';

/** Lesson title, step count, and where the checks run: target, account, region, identity. */
export function Header({ snap, width }: { snap: EngineSnapshot; width: number }) {
  const theme = useTheme();
  const t = snap.target;
  const where = [
    t.profile
      ? msg('tui.header.targetProfile', { target: t.kind, profile: t.profile })
      : msg('tui.header.target', { target: t.kind }),
    msg('tui.header.account', { account: t.accountId ?? '?' }),
    t.region,
  ].join(' · ');
  // The end of an ARN (user/NAME) says the most: shorten from the front when space is short.
  const room = width - textWidth(where) - 2;
  let who = t.identityArn ? msg('tui.header.as', { arn: t.identityArn }) : '';
  if (textWidth(who) > room) {
    const short = (n: number) => msg('tui.header.as', { arn: `…${t.identityArn!.slice(-n)}` });
    const fixed = textWidth(msg('tui.header.as', { arn: '…' }));
    who = room > 12 ? short(room - fixed) : '';
  }
  const count = [
    snap.learner ? msg('tui.header.learner', { learner: snap.learner }) : '',
    snap.facilitator ? msg('tui.header.facilitator') : '',
    msg('tui.header.step', { n: snap.currentIndex + 1, total: snap.steps.length }),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Box flexDirection="column" width={width}>
      <Box>
        <Box flexGrow={1} flexShrink={1}>
          <Text wrap="truncate-end" {...theme.style('accent')}>
            ECR tutor · {snap.lesson.title}
          </Text>
        </Box>
        {/* "step 4/9" stays whole: the title gives up its end first */}
        <Box flexShrink={0}>
          <Text {...theme.style('muted')}> {count}</Text>
        </Box>
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

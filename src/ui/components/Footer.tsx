import { Text } from 'ink';
import { useTheme } from '../theme-context.js';

/** One line of keys for what is on screen. */
export function Footer({ keys }: { keys: Array<[string, string]> }) {
  const theme = useTheme();
  return (
    <Text wrap="truncate-end">
      {keys.map(([k, what], i) => (
        <Text key={k}>
          {i ? '  ' : ''}
          <Text {...theme.style('key')}>{k}</Text> {what}
        </Text>
      ))}
    </Text>
  );
}

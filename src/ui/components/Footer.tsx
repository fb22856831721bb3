import { Text } from 'ink';
import { textWidth } from '../../text/width.js';
import { useTheme } from '../theme-context.js';

/** Keys given up first when the footer is too wide for the terminal (quit never is). */
const DROP_FIRST = ['g', 'b', 'w', 'y', 'i', 't', 'h', 's', 'a'];

/** The keys that fit in `width` cells, dropping the least needed first. */
export function fitKeys(keys: Array<[string, string]>, width: number): Array<[string, string]> {
  const size = (ks: Array<[string, string]>) =>
    ks.reduce((n, [k, what], i) => n + (i ? 2 : 0) + textWidth(k) + 1 + textWidth(what), 0);
  let out = keys;
  for (const k of DROP_FIRST) {
    if (size(out) <= width) break;
    out = out.filter(([key]) => key !== k);
  }
  return out;
}

/** One line of keys for what is on screen, as many as fit the width. */
export function Footer({ keys, width }: { keys: Array<[string, string]>; width?: number }) {
  const theme = useTheme();
  const shown = width ? fitKeys(keys, width) : keys;
  return (
    <Text wrap="truncate-end">
      {shown.map(([k, what], i) => (
        <Text key={k}>
          {i ? '  ' : ''}
          <Text {...theme.style('key')}>{k}</Text> {what}
        </Text>
      ))}
    </Text>
  );
}

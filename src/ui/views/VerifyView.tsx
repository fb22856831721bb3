import { Box, Text } from 'ink';
import { textWidth } from '../../text/width.js';
import type { ActionRow, CheckProgress } from '../../engine/types.js';
import { useTheme } from '../theme-context.js';
import { t as msg } from '../../i18n/index.js';

/** Merges the rows of a finished check with live progress events, keeping first-seen order. */
export function verifyRows(base: ActionRow[], progress: CheckProgress[]): ActionRow[] {
  const rows = new Map<string, ActionRow>();
  for (const r of base) rows.set(r.action, r);
  for (const p of progress) if (p.kind === 'action') rows.set(p.row.action, p.row);
  return [...rows.values()];
}

/** A text progress bar, `width` cells wide. */
export function progressBar(done: number, total: number, width: number, ascii: boolean): string {
  const frac = total > 0 ? Math.min(1, done / total) : 0;
  const full = Math.round(frac * width);
  return ascii
    ? `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`
    : `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

const GLYPH = {
  waiting: '·',
  running: '…',
  allowed: '✔',
  denied: '✘',
  error: '!',
  'not-run': '-',
} as const;
const ASCII = {
  waiting: '.',
  running: '~',
  allowed: 'ok',
  denied: 'NO',
  error: '!',
  'not-run': '-',
} as const;

/** The push/pull actions filling in one by one, with the layer upload's progress bar. */
export function VerifyView({
  rows,
  progress,
  note,
  running,
  width = 80,
}: {
  rows: ActionRow[];
  progress: CheckProgress[];
  note?: string;
  running: boolean;
  /** cells available: two columns when every row fits in half of them, else one */
  width?: number;
}) {
  const theme = useTheme();
  const all = verifyRows(rows, running ? progress : []);
  const uploads = running ? progress.filter((p) => p.kind === 'upload') : [];
  const upload = uploads[uploads.length - 1];
  const messages = running ? progress.filter((p) => p.kind === 'message') : [];
  const message = messages[messages.length - 1];
  const label = (r: { action: string; status: ActionRow['status'] }) =>
    `${(theme.ascii ? ASCII : GLYPH)[r.status].padEnd(2)} ${r.action.replace(/^ecr:/, '')} ${msg('tui.verify.status', { status: r.status.replace(/-/g, '_') })}`;
  // a row cut at the column's edge would hide the action or its answer: one column instead
  const widest = Math.max(0, ...all.map((r) => textWidth(label(r))));
  const half = widest + 1 <= Math.floor(width / 2);
  return (
    <Box flexDirection="column">
      {/* Two columns where they fit: the seven actions in four lines of an 80-column terminal. */}
      <Box flexDirection="row" flexWrap="wrap">
        {all.map((r) => (
          <Box key={r.action} width={half ? '50%' : '100%'} paddingRight={1}>
            <Text wrap="truncate-end">
              <Text
                {...theme.style(
                  r.status === 'allowed'
                    ? 'ok'
                    : r.status === 'denied' || r.status === 'error'
                      ? 'bad'
                      : 'muted',
                )}
              >
                {(theme.ascii ? ASCII : GLYPH)[r.status].padEnd(2)}
              </Text>{' '}
              {r.action.replace(/^ecr:/, '')}{' '}
              <Text {...theme.style('muted')}>
                {msg('tui.verify.status', { status: r.status.replace(/-/g, '_') })}
              </Text>
            </Text>
          </Box>
        ))}
      </Box>
      {all
        .filter((r) => r.message && (r.status === 'denied' || r.status === 'error'))
        .map((r) => (
          <Text key={`m-${r.action}`} {...theme.style('bad')}>
            {r.action}: {r.message}
          </Text>
        ))}
      {upload && upload.kind === 'upload' ? (
        <Text>
          {msg('tui.verify.upload')}{' '}
          {progressBar(upload.doneBytes, upload.totalBytes, 20, theme.ascii)}{' '}
          {Math.round((100 * upload.doneBytes) / Math.max(1, upload.totalBytes))}%
        </Text>
      ) : null}
      {message && message.kind === 'message' ? (
        <Text {...theme.style('muted')}>{message.text}</Text>
      ) : null}
      {note ? <Text {...theme.style('muted')}>{note}</Text> : null}
    </Box>
  );
}

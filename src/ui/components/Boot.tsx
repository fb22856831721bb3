import { Box, Text, useApp } from 'ink';
import { useEffect, useState } from 'react';
import type { Engine } from '../../engine/types.js';
import { App, type AppProps } from '../App.js';
import { useTheme } from '../theme-context.js';

/**
 * Paints a first frame at once, then opens the lesson (AWS SDK, sandbox, one STS call) and
 * swaps in the tutor. A failure to open ends the app with the error; the caller prints it.
 */
export function Boot({
  open,
  what,
  onEngine,
  ...rest
}: Omit<AppProps, 'engine'> & {
  open: () => Promise<Engine>;
  /** what is being started, e.g. "the sandbox (local AWS)" */
  what: string;
  onEngine?: (e: Engine) => void;
}) {
  const { exit } = useApp();
  const theme = useTheme();
  const [engine, setEngine] = useState<Engine>();
  useEffect(() => {
    let live = true;
    open().then(
      (e) => {
        onEngine?.(e);
        if (live) setEngine(e);
      },
      (err: unknown) => exit(err instanceof Error ? err : new Error(String(err))),
    );
    return () => {
      live = false;
    };
    // Opened once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (engine) return <App engine={engine} {...rest} />;
  return (
    <Box flexDirection="column">
      <Text {...theme.style('accent')}>ECR tutor</Text>
      <Text {...theme.style('muted')}>
        {theme.spinnerFrames[0]} Connecting to {what}…
      </Text>
    </Box>
  );
}

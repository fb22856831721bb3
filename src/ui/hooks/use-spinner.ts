import { useEffect, useState } from 'react';

/** The current spinner frame while `active`; a still frame otherwise (no timer, no redraws). */
export function useSpinner(frames: string[], active: boolean, intervalMs = 100): string {
  const [i, setI] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setI((n) => (n + 1) % frames.length), intervalMs);
    return () => clearInterval(t);
  }, [active, frames.length, intervalMs]);
  return frames[i % frames.length] ?? '';
}

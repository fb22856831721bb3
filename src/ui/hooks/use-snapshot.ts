import { useEffect, useState } from 'react';
import type { Engine, EngineSnapshot } from '../../engine/types.js';

/** The engine's latest snapshot; re-renders on every engine change. */
export function useSnapshot(engine: Engine): EngineSnapshot {
  const [snap, setSnap] = useState(() => engine.snapshot());
  useEffect(() => {
    // Catch a change that happened between the first render and the subscription.
    setSnap(engine.snapshot());
    return engine.subscribe(setSnap);
  }, [engine]);
  return snap;
}

/**
 * Loads and saves the sandbox metadata (state.json). Saves are atomic (write-file-atomic: temp
 * file, fsync, rename) and serialised; callers await the save that includes their change, so a
 * request is answered only once its change is on disk.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { TutorError } from '../../errors.js';
import { STATE_VERSION, type SandboxState } from './model.js';

export function stateFile(stateDir: string): string {
  return join(stateDir, 'state.json');
}

/** Reads state.json; undefined when there is none yet. Throws a TutorError when it is unusable. */
export async function loadState(stateDir: string): Promise<SandboxState | undefined> {
  let text: string;
  try {
    text = await readFile(stateFile(stateDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let state: SandboxState;
  try {
    state = JSON.parse(text) as SandboxState;
  } catch {
    throw new TutorError(
      `the sandbox state file ${stateFile(stateDir)} is not valid JSON`,
      'run `ecr-tutor sandbox reset` to start again from the workshop state',
    );
  }
  if (!state || state.version !== STATE_VERSION || !state.accounts || !state.accessKeys) {
    throw new TutorError(
      `the sandbox state file ${stateFile(stateDir)} was written by another version of ecr-tutor`,
      'run `ecr-tutor sandbox reset` to start again from the workshop state',
    );
  }
  return state;
}

export class MetadataStore {
  private writing: Promise<void> | undefined;
  private pending: Promise<void> | undefined;

  constructor(
    readonly stateDir: string,
    public state: SandboxState,
  ) {}

  /** Writes the current state; resolves once a write that started after this call is done. */
  save(): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.writing) {
      this.writing = this.write().finally(() => (this.writing = undefined));
      return this.writing;
    }
    // A write is in flight with an older snapshot: queue exactly one more after it.
    this.pending = this.writing
      .catch(() => undefined)
      .then(() => {
        this.pending = undefined;
        this.writing = this.write().finally(() => (this.writing = undefined));
        return this.writing;
      });
    return this.pending;
  }

  private async write(): Promise<void> {
    // Owner-only: the file holds every sandbox user's secret access key.
    await writeFileAtomic(stateFile(this.stateDir), JSON.stringify(this.state), {
      fsync: true,
      mode: 0o600,
    });
  }

  /** Replaces the in-memory state with the last state written to disk (after a failed write). */
  async revert(): Promise<void> {
    const onDisk = await loadState(this.stateDir);
    if (onDisk) this.state = onDisk;
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    while (this.writing || this.pending)
      await (this.pending ?? this.writing)!.catch(() => undefined);
  }
}

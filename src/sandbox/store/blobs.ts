/**
 * Content-addressed blob files (`blobs/sha256/<hex>`) and in-progress layer uploads. Uploads are
 * appended part by part to a temporary file while a running sha256 is kept, so a layer of any
 * size passes through memory one part at a time. A blob becomes visible only by an atomic
 * rename after fsync, so a kill at any moment leaves either no blob or a complete one.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { open, readdir, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../../private-files.js';

export interface Upload {
  uploadId: string;
  accountId: string;
  repositoryName: string;
  file: string;
  /** bytes received so far (the next part must start here) */
  received: number;
  hash: Hash;
  /** true while a part is being written (parts are applied one at a time) */
  busy: boolean;
  /** size of each accepted part (ECR's minimum part size is checked at completion) */
  parts: number[];
  /** Date.now() when it was initiated (abandoned uploads expire, as on ECR) */
  startedAt: number;
}

/** How long an upload may stay unfinished before it is dropped. */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;

/** A streamed part whose length is not the one its Content-Range announced (nothing was kept). */
export class UploadLengthMismatch extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`the part announced ${expected} bytes but carried ${received}`);
  }
}

const DIGEST_RE = /^sha256:([0-9a-f]{64})$/;

/** Splits `sha256:<hex>` into its hex part; undefined when the digest is not sha256. */
export function digestHex(digest: string): string | undefined {
  return DIGEST_RE.exec(digest)?.[1];
}

export class BlobStore {
  private readonly blobDir: string;
  private readonly uploadDir: string;
  private readonly uploads = new Map<string, Upload>();

  constructor(readonly root: string) {
    this.blobDir = join(root, 'blobs', 'sha256');
    this.uploadDir = join(root, 'uploads');
  }

  /** Creates the folders and drops uploads a previous process left unfinished. */
  async init(): Promise<void> {
    await ensurePrivateDir(this.blobDir);
    await rm(this.uploadDir, { recursive: true, force: true });
    await ensurePrivateDir(this.uploadDir);
    // Temporary files of an interrupted blob write are invisible to readers but take space.
    for (const f of await readdir(this.blobDir)) {
      if (f.includes('.tmp')) await rm(join(this.blobDir, f), { force: true });
    }
  }

  /**
   * Deletes every blob but `keep`, and every upload. A reset calls it only after the new
   * state.json is on disk, so a kill at any moment leaves no image without its blobs.
   */
  async retainOnly(keep: Iterable<string>): Promise<void> {
    const hexes = new Set([...keep].map((d) => digestHex(d)));
    this.uploads.clear();
    await rm(this.uploadDir, { recursive: true, force: true });
    await ensurePrivateDir(this.uploadDir);
    for (const f of await readdir(this.blobDir)) {
      if (!hexes.has(f)) await rm(join(this.blobDir, f), { force: true });
    }
  }

  /** Deletes every blob and upload (sandbox reset). */
  async clear(): Promise<void> {
    this.uploads.clear();
    await rm(join(this.root, 'blobs'), { recursive: true, force: true });
    await this.init();
  }

  pathOf(digest: string): string | undefined {
    const hex = digestHex(digest);
    return hex ? join(this.blobDir, hex) : undefined;
  }

  /** Size of a stored blob, or undefined when it is not stored. */
  async size(digest: string): Promise<number | undefined> {
    const p = this.pathOf(digest);
    if (!p) return undefined;
    try {
      return (await stat(p)).size;
    } catch {
      return undefined;
    }
  }

  /** Stores small bytes under their digest (the seed image). */
  async put(digest: string, bytes: Buffer): Promise<void> {
    const p = this.pathOf(digest);
    if (!p) throw new Error(`not a sha256 digest: ${digest}`);
    const tmp = `${p}.tmp${process.pid}`;
    await writeFile(tmp, bytes, { flush: true, mode: PRIVATE_FILE_MODE });
    await rename(tmp, p);
  }

  read(digest: string): ReadStream | undefined {
    const p = this.pathOf(digest);
    return p ? createReadStream(p) : undefined;
  }

  async startUpload(uploadId: string, accountId: string, repositoryName: string): Promise<Upload> {
    // Abandoned uploads (a client that never completed) would otherwise hold disk forever.
    for (const old of this.uploads.values()) {
      if (!old.busy && Date.now() - old.startedAt > UPLOAD_TTL_MS) await this.abortUpload(old);
    }
    const file = join(this.uploadDir, uploadId);
    await writeFile(file, '', { mode: PRIVATE_FILE_MODE });
    const u: Upload = {
      uploadId,
      accountId,
      repositoryName,
      file,
      received: 0,
      hash: createHash('sha256'),
      busy: false,
      parts: [],
      startedAt: Date.now(),
    };
    this.uploads.set(uploadId, u);
    return u;
  }

  getUpload(uploadId: string): Upload | undefined {
    return this.uploads.get(uploadId);
  }

  /**
   * Writes one part at the upload's end, slice by slice. The part counts (size and hash) only
   * once every slice is written: a failed part leaves the upload as it was, ready for a retry.
   */
  async appendPart(u: Upload, slices: Iterable<Buffer>): Promise<number> {
    u.busy = true;
    try {
      const hash = u.hash.copy();
      let at = u.received;
      const fh = await open(u.file, 'r+');
      try {
        for (const s of slices) {
          await fh.write(s, 0, s.length, at);
          hash.update(s);
          at += s.length;
        }
      } finally {
        await fh.close();
      }
      const written = at - u.received;
      u.hash = hash;
      u.received = at;
      u.parts.push(written);
      return written;
    } finally {
      u.busy = false;
    }
  }

  /**
   * Appends a stream (a registry PATCH or PUT body) at the upload's end, written in slices of
   * up to 1 MiB so a layer of any size passes through memory one slice at a time. Like
   * appendPart, the bytes count only once the whole stream is written.
   */
  async appendStream(
    u: Upload,
    body: AsyncIterable<Buffer>,
    expectedLength?: number,
  ): Promise<number> {
    const SLICE = 1024 * 1024;
    u.busy = true;
    try {
      const hash = u.hash.copy();
      let at = u.received;
      const fh = await open(u.file, 'r+');
      try {
        let pending: Buffer[] = [];
        let pendingSize = 0;
        const flush = async (): Promise<void> => {
          if (pendingSize === 0) return;
          const buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingSize);
          pending = [];
          pendingSize = 0;
          await fh.write(buf, 0, buf.length, at);
          hash.update(buf);
          at += buf.length;
        };
        for await (const chunk of body) {
          pending.push(chunk);
          pendingSize += chunk.length;
          if (pendingSize >= SLICE) await flush();
        }
        await flush();
      } finally {
        await fh.close();
      }
      const written = at - u.received;
      if (expectedLength !== undefined && written !== expectedLength) {
        throw new UploadLengthMismatch(expectedLength, written);
      }
      u.hash = hash;
      u.received = at;
      if (written > 0) u.parts.push(written);
      return written;
    } finally {
      u.busy = false;
    }
  }

  /**
   * Ends an upload: verifies the digest and moves the file into the store. Returns the actual
   * digest when it differs from the expected one (the upload is then discarded).
   */
  async completeUpload(
    u: Upload,
    expected: string,
  ): Promise<{ ok: true; size: number } | { ok: false; actual: string }> {
    this.uploads.delete(u.uploadId);
    // A failed part may have left bytes past the accepted end: cut them off.
    await truncate(u.file, u.received);
    const actual = 'sha256:' + u.hash.digest('hex');
    if (actual !== expected) {
      await rm(u.file, { force: true });
      return { ok: false, actual };
    }
    const fh = await open(u.file, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(u.file, this.pathOf(actual)!);
    return { ok: true, size: u.received };
  }

  async abortUpload(u: Upload): Promise<void> {
    this.uploads.delete(u.uploadId);
    await rm(u.file, { force: true });
  }
}

/** The blob store on its own: parts land at the right offset, failed parts leave no trace. */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BlobStore, UPLOAD_TTL_MS } from '../../src/sandbox/store/blobs.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function store(): Promise<BlobStore> {
  const d = await mkdtemp(join(tmpdir(), 'ecr-tutor-blobs-'));
  dirs.push(d);
  const s = new BlobStore(d);
  await s.init();
  return s;
}

const digestOf = (b: Buffer): string => 'sha256:' + createHash('sha256').update(b).digest('hex');

describe('BlobStore', () => {
  it('keeps a part that failed half-way out of the layer and its digest', async () => {
    const s = await store();
    const u = await s.startUpload('u1', '123456789012', 'repo');
    await s.appendPart(u, [Buffer.from('good ')]);
    function* failing(): Generator<Buffer> {
      yield Buffer.from('JUNK JUNK JUNK');
      throw new Error('bad base64');
    }
    await expect(s.appendPart(u, failing())).rejects.toThrow('bad base64');
    expect(u.received).toBe(5);
    await s.appendPart(u, [Buffer.from('data')]);
    const expected = Buffer.from('good data');
    const done = await s.completeUpload(u, digestOf(expected));
    expect(done).toEqual({ ok: true, size: expected.length });
    expect(await readFile(s.pathOf(digestOf(expected))!)).toEqual(expected);
  });

  it('drops uploads abandoned for longer than a day when a new one starts', async () => {
    const s = await store();
    const old = await s.startUpload('old', '123456789012', 'repo');
    old.startedAt = Date.now() - UPLOAD_TTL_MS - 1;
    await s.startUpload('new', '123456789012', 'repo');
    expect(s.getUpload('old')).toBeUndefined();
    expect(await readdir(join(s.root, 'uploads'))).toEqual(['new']);
  });
});

/** The seed image is real and deterministic: manifest digests match, the layer is a gzip tar. */
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { manifestRefs, sha256Digest, workshopImage } from '../../src/sandbox/image.js';

describe('workshop image', () => {
  it('is byte-for-byte the same every time', () => {
    const a = workshopImage();
    const b = workshopImage();
    expect(a.manifestDigest).toBe(b.manifestDigest);
    expect(a.blobs.map((x) => x.digest)).toEqual(b.blobs.map((x) => x.digest));
  });

  it('has a manifest whose sizes and digests match its blobs, and a config naming the layer', () => {
    const img = workshopImage();
    const m = JSON.parse(img.manifest) as {
      config: { digest: string; size: number };
      layers: Array<{ digest: string; size: number }>;
    };
    const [config, layer] = img.blobs;
    expect(m.config).toMatchObject({
      digest: sha256Digest(config!.bytes),
      size: config!.bytes.length,
    });
    expect(m.layers[0]).toMatchObject({
      digest: sha256Digest(layer!.bytes),
      size: layer!.bytes.length,
    });
    const tar = gunzipSync(layer!.bytes);
    const cfg = JSON.parse(config!.bytes.toString()) as { rootfs: { diff_ids: string[] } };
    expect(cfg.rootfs.diff_ids).toEqual([sha256Digest(tar)]);
    // ustar header: name, size and a checksum that adds up
    expect(tar.subarray(0, 9).toString()).toBe('hello.txt');
    expect(tar.subarray(257, 262).toString()).toBe('ustar');
    const header = Buffer.from(tar.subarray(0, 512));
    const stored = parseInt(header.subarray(148, 154).toString(), 8);
    header.fill(0x20, 148, 156);
    expect(header.reduce((s, x) => s + x, 0)).toBe(stored);
    const size = parseInt(tar.subarray(124, 135).toString(), 8);
    expect(tar.subarray(512, 512 + size).toString()).toBe(
      'Hello from the FCJ ECR workshop sample application.\n',
    );
    expect(manifestRefs(img.manifest)?.digests).toEqual(img.blobs.map((x) => x.digest));
  });

  it('rejects text that is not a manifest', () => {
    expect(manifestRefs('{')).toBeUndefined();
    expect(manifestRefs('{"schemaVersion":2,"layers":[{"digest":"md5:x"}]}')).toBeUndefined();
    expect(manifestRefs('[]')).toBeUndefined();
    expect(manifestRefs('{"schemaVersion":2}')).toBeUndefined();
    expect(
      manifestRefs('{"schemaVersion":2,"config":{"digest":"sha256:' + 'a'.repeat(64) + '"}}'),
    ).toBeUndefined();
  });
});

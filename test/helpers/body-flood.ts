/**
 * The body flood of issue 14: many connections each declare a large ECR body (an UploadLayerPart
 * of 28 MiB), send the first part of it and stall. While they hang, other clients keep calling
 * and the sandbox's RSS is sampled from /proc. Shared by the reliability test and the bench.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { signedHeaders, type Credentials } from '../reliability/wire.js';

const MIB = 1024 * 1024;

export interface FloodOptions {
  endpoint: string;
  /** the sandbox's process (a child), whose RSS is sampled */
  pid: number;
  credentials: Credentials;
  region: string;
  /** sign the headers (a known key; the signature itself can only be checked with the body) */
  signed: boolean;
  connections?: number;
  declaredBytes?: number;
  sentBytes?: number;
  /** called again and again while the flood hangs: another client's request */
  other?: () => Promise<unknown>;
  /** give up waiting for every flood connection to be answered after this long */
  timeoutMs?: number;
}

export interface FloodAnswer {
  status: number;
  /** AWS error code (`__type`) of the answer, '' when none */
  code: string;
  /** the socket error, when the connection failed before an answer */
  error?: string;
}

export interface FloodResult {
  baselineRssMiB: number;
  peakRssMiB: number;
  /** peak RSS during the flood minus the RSS before it */
  peakGrowthMiB: number;
  answers: FloodAnswer[];
  /** how long each of the other client's calls took (ms); every one succeeded */
  otherMs: number[];
  /** other-client calls that failed, with their error */
  otherFailures: string[];
}

/** Current RSS of a process in MiB (Linux /proc). */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function parseAnswer(raw: string): FloodAnswer {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
  const code = /"__type":"([^"]+)"/.exec(raw)?.[1] ?? /<Code>([^<]+)<\/Code>/.exec(raw)?.[1] ?? '';
  return { status, code };
}

/** Runs the flood and resolves once every flood connection was answered (or closed). */
export async function bodyFlood(o: FloodOptions): Promise<FloodResult> {
  const n = o.connections ?? 40;
  const declared = o.declaredBytes ?? 28 * MIB;
  // All but the last MiB: the body is nearly whole, and never finished.
  const sent = Buffer.alloc(o.sentBytes ?? declared - MIB, 0x41);
  const url = new URL(o.endpoint);
  let head: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'AmazonEC2ContainerRegistry_V20150921.UploadLayerPart',
  };
  if (o.signed) {
    head = await signedHeaders(o.endpoint, o.credentials, 'ecr', '{}', head, {
      region: o.region,
    });
  }
  delete head['content-length'];
  const lines = [
    'POST / HTTP/1.1',
    `Host: ${url.host}`,
    ...Object.entries(head).map(([k, v]) => `${k}: ${v}`),
    `content-length: ${declared}`,
    '',
    '',
  ].join('\r\n');

  const baseline = rssMiB(o.pid);
  let peak = baseline;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(o.pid));
    } catch {
      // the process is gone: the answers will say so
    }
  }, 20);
  const sockets: Socket[] = [];
  const answers = Array.from(
    { length: n },
    () =>
      new Promise<FloodAnswer>((resolve) => {
        const chunks: Buffer[] = [];
        const s = connect(Number(url.port), url.hostname, () => {
          s.write(lines);
          s.write(sent);
        });
        sockets.push(s);
        let done = false;
        let error: string | undefined;
        const finish = (): void => {
          if (done) return;
          done = true;
          const a = parseAnswer(Buffer.concat(chunks).toString('utf8'));
          resolve(error && !a.status ? { ...a, error } : a);
          s.destroy();
        };
        s.on('data', (c: Buffer) => {
          chunks.push(c);
          // One answer is all we wait for; the body is never finished.
          const text = Buffer.concat(chunks).toString('utf8');
          const end = text.indexOf('\r\n\r\n');
          const len = /content-length: (\d+)/i.exec(text)?.[1];
          if (end >= 0 && len !== undefined && text.length >= end + 4 + Number(len)) finish();
        });
        s.on('error', (e) => (error = e.message));
        s.on('close', finish);
      }),
  );
  const otherMs: number[] = [];
  const otherFailures: string[] = [];
  let flooding = true;
  const all = Promise.all(answers).finally(() => (flooding = false));
  const others = (async () => {
    if (!o.other) return;
    while (flooding) {
      const t0 = performance.now();
      try {
        await o.other();
        otherMs.push(performance.now() - t0);
      } catch (err) {
        otherFailures.push(String(err));
      }
    }
  })();
  const timer = setTimeout(() => {
    for (const s of sockets) s.destroy();
  }, o.timeoutMs ?? 60_000);
  try {
    const got = await all;
    await others;
    return {
      baselineRssMiB: baseline,
      peakRssMiB: peak,
      peakGrowthMiB: peak - baseline,
      answers: got,
      otherMs,
      otherFailures,
    };
  } finally {
    clearTimeout(timer);
    clearInterval(sampler);
    for (const s of sockets) s.destroy();
  }
}

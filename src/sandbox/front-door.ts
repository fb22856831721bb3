/**
 * The sandbox's front door for the AWS API routes: what is decided from a request's headers
 * before a byte of its body is read (loopback Host, signing region, payload signing, body size),
 * and a shared budget of body bytes in flight so that many slow or large bodies cannot pin the
 * sandbox's memory. Registry (`/v2/…`) uploads stream to disk and are not counted here.
 */
import type { IncomingMessage } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';

const MIB = 1024 * 1024;

/** ECR layer parts are up to 20 MB of binary, i.e. ~27 MB of base64 inside JSON. */
export const MAX_LAYER_PART_BODY = 30 * MIB;
/** PutImage carries a manifest of at most 4 MiB as a JSON string (escaping adds a little). */
export const MAX_PUT_IMAGE_BODY = 10 * MIB;
/** Every other ECR, STS or IAM request carries at most a few policies of a few KiB. */
export const MAX_SMALL_BODY = 1 * MIB;

/** The largest body each operation may send (bytes). */
export function bodyLimitFor(protocol: 'json' | 'query', operation: string): number {
  if (protocol === 'json') {
    if (operation === 'UploadLayerPart') return MAX_LAYER_PART_BODY;
    if (operation === 'PutImage') return MAX_PUT_IMAGE_BODY;
  }
  return MAX_SMALL_BODY;
}

/** Limits of the front door; tests shorten the times. */
export interface FrontDoorLimits {
  /** bytes of request bodies held in memory at once, over all connections */
  bodyBytesInFlight: number;
  /** how long a request may wait for room in that budget before it is refused (throttled) */
  budgetWaitMs: number;
  /** a body that sends nothing for this long is cut off */
  bodyIdleMs: number;
  /** a body must be complete this long after its headers */
  bodyDeadlineMs: number;
  /** open connections at once (further ones are closed at once) */
  maxConnections: number;
}

export const DEFAULT_LIMITS: FrontDoorLimits = {
  bodyBytesInFlight: 96 * MIB,
  budgetWaitMs: 15_000,
  bodyIdleMs: 10_000,
  bodyDeadlineMs: 60_000,
  maxConnections: 256,
};

/**
 * Whether a Host header names this machine's loopback: `localhost` (and `*.localhost`, which
 * resolvers keep on loopback), 127.0.0.0/8 or [::1], with any port. Anything else (a DNS name
 * pointed at 127.0.0.1 by a web page, a LAN address) is refused, so a browser page cannot reach
 * the sandbox through DNS rebinding. `extra` is the bind host when one was allowed explicitly.
 */
export function isLoopbackHost(hostHeader: string | undefined, extra?: string): boolean {
  if (!hostHeader) return false;
  // A client names the sandbox the same way on every request: decide each Host once.
  if (extra === undefined) {
    const known = hostVerdicts.get(hostHeader);
    if (known !== undefined) return known;
    if (hostVerdicts.size >= 64) hostVerdicts.clear();
    const verdict = loopbackName(hostHeader);
    hostVerdicts.set(hostHeader, verdict);
    return verdict;
  }
  return loopbackName(hostHeader, extra);
}

const hostVerdicts = new Map<string, boolean>();

function loopbackName(hostHeader: string, extra?: string): boolean {
  let name = hostHeader.trim().toLowerCase();
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(name);
  if (bracket) name = bracket[1]!;
  else name = name.replace(/:\d+$/, '');
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (extra && name === extra.toLowerCase().replace(/^\[|\]$/g, '')) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return v4 !== null && v4.slice(1).every((o) => Number(o) <= 255);
}

/**
 * What a region name looks like: AWS's partitions name regions `<area>-<direction…>-<n>`
 * (us-east-1, ap-southeast-1, us-gov-west-1, cn-north-1, us-isob-east-1, eusc-de-east-1).
 */
const REGION_SHAPE = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * Whether the signing region is acceptable; undefined when it is, else AWS's message with the
 * fix. Any well-formed region name is accepted for ECR, STS and IAM alike: with an endpoint
 * override the SDKs and the AWS CLI sign with the client's configured region (IAM included, not
 * its global us-east-1), so a learner whose shell says AWS_REGION=ap-southeast-1 reaches the
 * sandbox signed for ap-southeast-1 and must not be turned away. The signature is still verified
 * for the region it names (sigv4.ts); only which region the request then acts in is the
 * endpoint's decision (requestedRegion below). A string that is no region name at all is refused.
 */
export function regionProblem(signedRegion: string, sandboxRegion: string): string | undefined {
  if (REGION_SHAPE.test(signedRegion)) return undefined;
  const shown = signedRegion.slice(0, 40).replace(/[^\x20-\x7e]/g, '?');
  return (
    `Credential should be scoped to a valid region, not '${shown}'. ` +
    `(A region is named like us-east-1 or ap-southeast-1; this sandbox acts in '${sandboxRegion}': ` +
    `set a region name, e.g. export AWS_REGION=${sandboxRegion}.)`
  );
}

/**
 * The region a request acts in: its ARNs (repositories are created and named in it), its
 * aws:RequestedRegion and the region the answer describes. On AWS the endpoint a request reaches
 * decides it (the hostname names the region; the signature must then agree); here the endpoint
 * is the sandbox, which is one regional ECR and STS, so they act in the sandbox's region whatever
 * region the client signed for, and IAM, a global service, acts in us-east-1 as on AWS. Never the
 * client's word: otherwise a policy that denies outside one region (`StringNotEquals
 * aws:RequestedRegion`) could be slipped past by signing for another, and a repository ARN would
 * change with the learner's AWS_REGION while the lesson's policies and checks name the
 * sandbox's.
 */
export function requestedRegion(service: 'ecr' | 'sts' | 'iam', sandboxRegion: string): string {
  return service === 'iam' ? 'us-east-1' : sandboxRegion;
}

/**
 * Why a payload-hash header is not acceptable for these services, or undefined. The SDKs sign
 * ECR, IAM and STS payloads; `UNSIGNED-PAYLOAD` (or a streaming mode) would let a captured request
 * be replayed with another body.
 */
export function payloadHashProblem(declared: string | undefined): string | undefined {
  if (declared === undefined || /^[0-9a-f]{64}$/.test(declared)) return undefined;
  return (
    `The request signature we calculated does not match the signature you provided. ` +
    `X-Amz-Content-Sha256 "${declared.slice(0, 64)}" is not accepted here: ECR, IAM and STS requests ` +
    `sign their payload (its SHA-256 in hex).`
  );
}

export class BudgetTimeout extends Error {}

/** A budget of bytes shared by the bodies being read (a counting semaphore, first fit). */
export class BodyBudget {
  private used = 0;
  private readonly waiters: { bytes: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /**
   * Room for `bytes` now, or undefined when there is none (then wait with `reserve`). Most
   * requests find room at once: this spares them a promise and a closure.
   */
  tryReserve(bytes: number): Reservation | undefined {
    const want = Math.min(Math.max(bytes, 0), this.capacity);
    // First fit: a small request (a DescribeRepositories) is not queued behind big layer parts.
    if (this.used + want > this.capacity) return undefined;
    this.used += want;
    return new Reservation(this, want);
  }

  /** @internal gives back what a Reservation held */
  giveBack(bytes: number): void {
    this.used -= bytes;
    this.wake();
  }

  /** Waits for room for `bytes` (at most `waitMs`); resolves with the function that gives it back. */
  reserve(bytes: number, waitMs: number): Promise<() => void> {
    const want = Math.min(Math.max(bytes, 0), this.capacity);
    const release = (): void => {
      this.used -= want;
      this.wake();
    };
    if (this.used + want <= this.capacity) {
      this.used += want;
      return Promise.resolve(once(release));
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        bytes: want,
        grant: () => {
          clearTimeout(timer);
          this.used += want;
          resolve(once(release));
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new BudgetTimeout());
        this.wake();
      }, waitMs);
      this.waiters.push(waiter);
    });
  }

  /** Grants waiting requests that now fit, oldest first; a small one may pass a big one. */
  private wake(): void {
    for (let i = 0; i < this.waiters.length;) {
      const w = this.waiters[i]!;
      if (this.used + w.bytes <= this.capacity) {
        this.waiters.splice(i, 1);
        w.grant();
      } else i++;
    }
  }
}

/** Bytes held in a BodyBudget until `release()` (which gives them back once, however often called). */
export class Reservation {
  private held: boolean = true;

  constructor(
    private readonly budget: BodyBudget,
    private readonly bytes: number,
  ) {}

  release(): void {
    if (!this.held) return;
    this.held = false;
    this.budget.giveBack(this.bytes);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

export class BodyTooLarge extends Error {}
export class BodyTimeout extends Error {
  constructor(readonly idle: boolean) {
    super(idle ? 'body idle' : 'body deadline');
  }
}

function declaredLength(req: IncomingMessage): number | undefined {
  const v = req.headers['content-length'];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** The bytes a body will take, known from its headers: its Content-Length, else the limit. */
export function expectedBodySize(req: IncomingMessage, limit: number): number {
  return Math.min(declaredLength(req) ?? limit, limit);
}

/** Whether a declared Content-Length is already over the limit (answer before reading). */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const n = declaredLength(req);
  return n !== undefined && n > limit;
}

/** The body of a request already received whole, from the stream's buffer; throws BodyTooLarge. */
function bufferedBody(req: IncomingMessage, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let size = 0;
  for (let c = req.read() as Buffer | null; c !== null; c = req.read() as Buffer | null) {
    size += c.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(c);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
}

/**
 * Reads a body under a size limit, cut off when it stalls for `idleMs` or is not whole after
 * `deadlineMs`. With a declared length the chunks are copied into one buffer as they arrive (a
 * big layer part is held once, not twice).
 */
export async function readBody(
  req: IncomingMessage,
  limit: number,
  times: { idleMs: number; deadlineMs: number },
): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) throw new BodyTooLarge();
  // A small request's body comes in the packet of its headers, which the HTTP parser finishes
  // after this handler has started (promise jobs run in between): after this turn of I/O it
  // waits whole in the stream's buffer, and no timer or listener is needed to take it.
  if (!req.complete) await nextTurn();
  if (req.complete && !req.readableFlowing) return bufferedBody(req, limit);
  return readStreamedBody(req, limit, declared, times);
}

function readStreamedBody(
  req: IncomingMessage,
  limit: number,
  declared: number | undefined,
  times: { idleMs: number; deadlineMs: number },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sized = declared !== undefined && declared > 0 ? Buffer.allocUnsafe(declared) : undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let idle: NodeJS.Timeout | undefined;
    const stop = (err: Error): void => {
      cleanup();
      req.pause();
      reject(err);
    };
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => stop(new BodyTimeout(true)), times.idleMs);
    };
    const deadline = setTimeout(() => stop(new BodyTimeout(false)), times.deadlineMs);
    const onData = (c: Buffer): void => {
      if (size + c.length > (sized ? declared! : limit)) {
        stop(new BodyTooLarge());
        return;
      }
      if (sized) c.copy(sized, size);
      else chunks.push(c);
      size += c.length;
      armIdle();
    };
    const onEnd = (): void => {
      cleanup();
      resolve(sized ? sized.subarray(0, size) : Buffer.concat(chunks, size));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    // A client that hangs up mid-body: nothing more will come.
    const onClose = (): void => {
      if (req.complete) return;
      cleanup();
      reject(new Error('the client closed the connection before sending the whole request'));
    };
    function cleanup(): void {
      clearTimeout(idle);
      clearTimeout(deadline);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    }
    armIdle();
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * The body flood (issue 14): 40 connections each declare a 28 MiB layer part, send 1 MiB of it
 * and stall. Before the front door, the sandbox allocated every declared body (1.2 GB pinned).
 * Now unauthenticated bodies are answered from their headers alone, signed ones share a budget
 * of bytes in flight, stalled ones are cut off with an AWS-shaped error, and other clients are
 * served all the while. The sandbox runs as a child process so its RSS is its own.
 */
import { DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyFlood } from '../helpers/body-flood.js';
import { killHard, startChildSandbox, type ChildSandbox } from './child.js';

let dir: string;
let sb: ChildSandbox & { pid: number };
let ecr: ECRClient;
const saved = process.env.SANDBOX_CHILD_LIMITS;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecr-tutor-flood-'));
  // Shorter waits than the defaults (10 s idle, 15 s for room in the budget) keep the test quick.
  process.env.SANDBOX_CHILD_LIMITS = JSON.stringify({ bodyIdleMs: 1500, budgetWaitMs: 2500 });
  sb = (await startChildSandbox(join(dir, 'state'))) as ChildSandbox & { pid: number };
  if (saved === undefined) delete process.env.SANDBOX_CHILD_LIMITS;
  else process.env.SANDBOX_CHILD_LIMITS = saved;
  ecr = new ECRClient({
    endpoint: sb.endpoint,
    region: 'us-east-1',
    credentials: sb.credentials,
    maxAttempts: 1,
  });
  await ecr.send(new DescribeRepositoriesCommand({}));
}, 60_000);

afterAll(async () => {
  ecr?.destroy();
  if (sb) await killHard(sb.child);
  await rm(dir, { recursive: true, force: true });
});

const other = () => ecr.send(new DescribeRepositoriesCommand({}));

describe('the body flood', () => {
  it('answers 40 unauthenticated 28 MiB bodies from their headers, keeping none of them', async () => {
    const r = await bodyFlood({
      endpoint: sb.endpoint,
      pid: sb.pid,
      credentials: sb.credentials,
      region: 'us-east-1',
      signed: false,
      other,
    });
    console.log(JSON.stringify(r.answers.filter((a) => !a.status)));
    expect(r.answers).toHaveLength(40);
    expect(new Set(r.answers.map((a) => `${a.status} ${a.code}`))).toEqual(
      new Set(['403 MissingAuthenticationTokenException']),
    );
    expect(r.peakGrowthMiB).toBeLessThan(48);
    expect(r.otherFailures).toEqual([]);
  }, 60_000);

  it('holds 40 signed, stalled 28 MiB bodies to its budget, cuts them off AWS-shaped and serves others meanwhile', async () => {
    const r = await bodyFlood({
      endpoint: sb.endpoint,
      pid: sb.pid,
      credentials: sb.credentials,
      region: 'us-east-1',
      signed: true,
      other,
    });
    expect(r.answers).toHaveLength(40);
    const codes = new Set(r.answers.map((a) => `${a.status} ${a.code}`));
    // Three at a time fit the 96 MiB budget and are cut off when they stall (their room then
    // goes to the next waiting ones); the rest wait for room, then are throttled.
    expect(codes).toEqual(new Set(['408 RequestTimeoutException', '400 ThrottlingException']));
    expect(r.answers.filter((a) => a.status === 408).length).toBeGreaterThanOrEqual(3);
    // 40 x 28 MiB would be 1,120 MiB; the budget holds 3 x 28 = 84 MiB.
    expect(r.peakGrowthMiB).toBeLessThan(200);
    console.log(
      `signed flood: RSS ${r.baselineRssMiB.toFixed(0)} -> peak ${r.peakRssMiB.toFixed(0)} MiB; other client ${r.otherMs.length} calls, max ${Math.max(...r.otherMs).toFixed(0)} ms`,
    );
    expect(r.otherFailures).toEqual([]);
    expect(r.otherMs.length).toBeGreaterThan(3);
    expect(Math.max(...r.otherMs)).toBeLessThan(1000);
  }, 60_000);
});

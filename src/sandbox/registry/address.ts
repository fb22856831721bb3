/**
 * Where each account's registry lives. On AWS the registry of account A is the host
 * `A.dkr.ecr.REGION.amazonaws.com`; here it is a loopback address on the sandbox's port: the
 * learner's account on the sandbox's own address (127.0.0.1:PORT, beside the ECR API) and the
 * second account on 127.0.0.2:PORT. Docker talks plain HTTP to all of 127.0.0.0/8 without any
 * configuration and skopeo needs only --tls-verify=false, the repository path stays exactly the
 * ECR repository name, and each account gets its own `docker login` entry, as on AWS.
 * Linux routes all of 127.0.0.0/8 to the loopback interface; where 127.0.0.2 cannot be bound
 * (macOS without `ifconfig lo0 alias 127.0.0.2`) the second registry is not served and the
 * sandbox says so when it starts.
 */
import type { SandboxCore } from '../context.js';

/** The second account's registry address (the learner's account uses the sandbox's own). */
export const SECOND_REGISTRY_IP = '127.0.0.2';

interface Hosts {
  /** host part of the sandbox endpoint, e.g. 127.0.0.1 */
  main: string;
  port: number;
  /** the second account's registry host when its listener is up */
  second?: string;
}

const hostsOf = new WeakMap<SandboxCore, Hosts>();

/** Records the addresses the sandbox listens on (called once its listeners are up). */
export function setRegistryHosts(core: SandboxCore, hosts: Hosts): void {
  hostsOf.set(core, hosts);
}

/** Whether a second loopback listener is worth trying for this main host. */
export function wantsSecondRegistry(host: string): boolean {
  return host === '127.0.0.1';
}

function hosts(core: SandboxCore): Hosts {
  const known = hostsOf.get(core);
  if (known) return known;
  const u = new URL(core.endpoint || 'http://127.0.0.1:0');
  return { main: u.hostname, port: Number(u.port) };
}

/** `HOST:PORT` of an account's registry, what docker and skopeo put before the repository name. */
export function registryAddress(core: SandboxCore, accountId: string): string {
  const h = hosts(core);
  const second = accountId === core.metadata.state.secondAccountId;
  // Without its own listener (not started yet, or 127.0.0.2 not bindable) the second
  // account's addresses fall back to the main one, which at least serves downloads.
  const host = second && h.second ? h.second : h.main;
  return `${host}:${h.port}`;
}

/** The account whose registry a request reached, from the local address it arrived on. */
export function accountOfLocalAddress(core: SandboxCore, localAddress: string | undefined): string {
  const state = core.metadata.state;
  const addr = (localAddress ?? '').replace(/^::ffff:/, '');
  const h = hosts(core);
  if (h.second && addr === h.second) return state.secondAccountId;
  return state.primaryAccountId;
}

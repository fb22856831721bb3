import type { Io } from '../io.js';

export async function runPolicyLint(
  io: Io,
  _opts: { file: string; account?: string; json: boolean },
): Promise<number> {
  io.err('policy lint: not built yet\n');
  return 2;
}

export async function runPolicyExplain(
  io: Io,
  _opts: {
    policy: string;
    principal: string;
    action: string;
    identityPolicies: string[];
    resource?: string;
    json: boolean;
  },
): Promise<number> {
  io.err('policy explain: not built yet\n');
  return 2;
}

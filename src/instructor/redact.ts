/**
 * What a report may show: account ids hidden unless asked for, and never a secret. Reports are
 * handed to instructors and CI systems, so this runs over every string a report holds.
 */

const ACCOUNT_ID = /(?<![0-9])[0-9]{12}(?![0-9])/g;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
// A secret access key: 40 characters of base64 with nothing of the same alphabet around it.
const SECRET_LIKE = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const SECRET_KEYS = /secret|token|password|credential/i;

export const REDACTED_ACCOUNT = '************';

export interface RedactOptions {
  /** keep 12-digit account ids as they are (--show-account) */
  showAccount?: boolean;
  /** exact strings that must never appear (the session's secret key, ...) */
  secrets?: string[];
}

/** One string with account ids (unless shown), access key ids and secret-like runs masked. */
export function redactText(text: string, o: RedactOptions): string {
  let t = text;
  for (const s of o.secrets ?? []) if (s.length >= 8) t = t.split(s).join('[secret]');
  t = t.replace(SECRET_LIKE, (m) => (/[A-Z]/.test(m) && /[a-z]/.test(m) ? '[secret]' : m));
  t = t.replace(ACCESS_KEY_ID, (m) => `${m.slice(0, 4)}…`);
  if (!o.showAccount) t = t.replace(ACCOUNT_ID, REDACTED_ACCOUNT);
  return t;
}

/** A deep copy of `value` with every string redacted and secret-named fields dropped. */
export function redactValue<T>(value: T, o: RedactOptions): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, o);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (SECRET_KEYS.test(k)) continue;
        out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

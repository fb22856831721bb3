/**
 * IAM wildcard matching (`*` any run of characters, `?` one character), compiled to RegExp
 * once per distinct pattern. Evaluation sits on the sandbox's hot path, so compiled patterns
 * are cached here (by text) and compiled statements per document (see evaluate.ts).
 */

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 20_000;

const escapeRe = (s: string): string => s.replace(/[.+^${}()|[\]\\*?]/g, '\\$&');

function remember(key: string, make: () => RegExp): RegExp {
  let re = cache.get(key);
  if (!re) {
    // A crude bound: policies are few, so clearing is rare and only costs recompiles.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    re = make();
    cache.set(key, re);
  }
  return re;
}

/**
 * The RegExp source of a glob. A naive `a.*a.*a.*b` backtracks exponentially on a long
 * near-miss (one request could hang the sandbox), so every segment between two stars is
 * matched atomically at its leftmost place: `(?=(.*?SEG))\N` (a lookahead never backtracks).
 * Segments have a fixed length, so the leftmost place is always the best one: same matches,
 * linear time. `groups` numbers the captures across one whole RegExp.
 */
function globBody(pattern: string, star: string, one: string, groups = { n: 0 }): string {
  const lit = (seg: string): string =>
    [...seg].map((ch) => (ch === '?' ? one : escapeRe(ch))).join('');
  const segs = pattern.split('*');
  if (segs.length === 1) return lit(pattern);
  let out = lit(segs[0]!);
  for (let i = 1; i < segs.length - 1; i++) {
    if (segs[i] === '') continue;
    groups.n += 1;
    out += `(?=(${star}?${lit(segs[i]!)}))(?:\\${groups.n})`;
  }
  return out + star + lit(segs[segs.length - 1]!);
}

/** True when the text has an IAM wildcard (`*` or `?`). */
export const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

/** A whole-string glob (StringLike, Action); `ignoreCase` for actions. */
export function globRegExp(pattern: string, ignoreCase = false): RegExp {
  return remember(
    `g${ignoreCase ? 'i' : 's'}:${pattern}`,
    () => new RegExp(`^${globBody(pattern, '.*', '.')}$`, ignoreCase ? 'is' : 's'),
  );
}

/**
 * An ARN glob: wildcards in the first five colon-separated fields (partition, service,
 * region, account) stay inside their field, as AWS matches ARNs field by field; in the
 * resource part they match anything, `/` and `:` included.
 */
export function arnRegExp(pattern: string): RegExp {
  return remember(`a:${pattern}`, () => {
    const parts = splitArn(pattern);
    // A malformed ARN pattern (too few fields) matches nothing, as in AWS.
    if (!parts)
      return pattern.startsWith('arn:')
        ? /(?!)/
        : new RegExp(`^${globBody(pattern, '.*', '.')}$`, 's');
    const groups = { n: 0 };
    const head = parts.slice(0, 5).map((p) => globBody(p, '[^:]*', '[^:]', groups));
    return new RegExp(`^${head.join(':')}:${globBody(parts[5]!, '.*', '.', groups)}$`, 's');
  });
}

/** Splits an ARN into its six fields (the resource part keeps its own colons); undefined if not an ARN. */
export function splitArn(arn: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const j = arn.indexOf(':', start);
    if (j < 0) return undefined;
    out.push(arn.slice(start, j));
    start = j + 1;
  }
  out.push(arn.slice(start));
  return out[0] === 'arn' ? out : undefined;
}

/** Does the fixed-length segment (`?` = any one character) match `text` at `at`? */
function segmentAt(seg: string, text: string, at: number): boolean {
  for (let i = 0; i < seg.length; i++) {
    const c = seg.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/**
 * Whole-string IAM glob match without RegExp and without backtracking: the part before the
 * first `*` is anchored at the start, the part after the last at the end, and each segment in
 * between is taken at its leftmost place (segments have a fixed length, so the leftmost place
 * never loses a match). Time O(pattern x text) at worst, whatever the pattern.
 */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  const segs = p.split('*');
  const first = segs[0]!;
  if (segs.length === 1) return first.length === t.length && segmentAt(first, t, 0);
  const last = segs[segs.length - 1]!;
  let minLength = 0;
  for (const seg of segs) minLength += seg.length;
  if (t.length < minLength) return false;
  if (!segmentAt(first, t, 0) || !segmentAt(last, t, t.length - last.length)) return false;
  let pos = first.length;
  const end = t.length - last.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    if (seg === '') continue;
    let at = pos;
    while (at + seg.length <= end && !segmentAt(seg, t, at)) at++;
    if (at + seg.length > end) return false;
    pos = at + seg.length;
  }
  return true;
}

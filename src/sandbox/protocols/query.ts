/** awsQuery (STS, IAM): form-encoded requests, XML answers and XML errors. */
import type { ServerResponse } from 'node:http';
import type { AwsError } from './errors.js';

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** Escapes text content (AWS leaves quotes and apostrophes as they are in element text). */
export function escapeXml(s: string): string {
  return s.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

/** An XML value: text, a nested element list, a list of members, or nothing (omitted). */
export type XmlValue = string | number | boolean | Date | undefined | XmlFields | XmlValue[];
export interface XmlFields {
  [name: string]: XmlValue;
}

function renderValue(v: XmlValue): string {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map((m) => `<member>${renderValue(m)}</member>`).join('');
  if (v && typeof v === 'object') return renderFields(v);
  return escapeXml(String(v));
}

/** Renders `{A: 'x', B: {C: 1}}` as `<A>x</A><B><C>1</C></B>`; lists become `<member>`s. */
export function renderFields(fields: XmlFields): string {
  let out = '';
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    out += `<${k}>${renderValue(v)}</${k}>`;
  }
  return out;
}

export function sendQueryResult(
  res: ServerResponse,
  requestId: string,
  namespace: string,
  action: string,
  result: XmlFields | undefined,
): void {
  const inner =
    result === undefined ? '' : `<${action}Result>${renderFields(result)}</${action}Result>`;
  const text =
    `<${action}Response xmlns="${namespace}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  res.writeHead(200, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

export function sendQueryError(
  res: ServerResponse,
  requestId: string,
  namespace: string,
  err: AwsError,
): void {
  // The query services name model-validation failures ValidationError (JSON ones: ...Exception).
  const code = err.code === 'ValidationException' ? 'ValidationError' : err.code;
  const text =
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${err.senderFault ? 'Sender' : 'Receiver'}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(err.message)}</Message></Error>` +
    `<RequestId>${requestId}</RequestId></ErrorResponse>`;
  res.writeHead(err.status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

/** Read access to a form-encoded awsQuery request. */
export class QueryParams {
  constructor(readonly params: URLSearchParams) {}

  get action(): string | undefined {
    return this.params.get('Action') ?? undefined;
  }

  get(name: string): string | undefined {
    return this.params.get(name) ?? undefined;
  }

  /** `Name.member.1`, `Name.member.2`, ... (stops at the first gap, as AWS does). */
  list(name: string): string[] {
    const out: string[] = [];
    for (let i = 1; ; i++) {
      const v = this.params.get(`${name}.member.${i}`);
      if (v === null) break;
      out.push(v);
    }
    return out;
  }

  /** Lists of structures: `Name.member.N.Field`. */
  structList(name: string): Array<(field: string) => string | undefined> {
    const out: Array<(field: string) => string | undefined> = [];
    for (let i = 1; ; i++) {
      const prefix = `${name}.member.${i}.`;
      let found = false;
      for (const k of this.params.keys()) {
        if (k.startsWith(prefix)) {
          found = true;
          break;
        }
      }
      if (!found) break;
      out.push((field) => this.params.get(prefix + field) ?? undefined);
    }
    return out;
  }

  /** `Name.member.N.Field.member.M` (a list inside a list of structures). */
  nestedList(name: string, index: number, field: string): string[] {
    return this.list(`${name}.member.${index}.${field}`);
  }
}

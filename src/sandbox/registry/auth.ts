/**
 * ECR's registry authentication: HTTP Basic `AWS:<password>` where the password is the one
 * GetAuthorizationToken handed out. No credentials: 401 with a Basic challenge (docker and
 * skopeo then send the stored login). An expired password: ECR's own sentence, 403.
 */
import type { IncomingMessage } from 'node:http';
import type { Caller, SandboxCore } from '../context.js';
import { RegistryError } from './errors.js';
import { checkRegistryPassword } from './token.js';

function challenge(host: string): Record<string, string> {
  return { 'www-authenticate': `Basic realm="http://${host}/",service="ecr.amazonaws.com"` };
}

/** The caller a registry request's Basic credentials name; throws a 401/403 RegistryError. */
export function registryCaller(core: SandboxCore, req: IncomingMessage, host: string): Caller {
  const header = req.headers.authorization;
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!header) {
    throw new RegistryError(
      'UNAUTHORIZED',
      'authentication required: log in first, e.g. aws ecr get-login-password | docker login --username AWS --password-stdin ' +
        host,
      401,
      challenge(host),
    );
  }
  const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const user = colon >= 0 ? decoded.slice(0, colon) : '';
  const password = colon >= 0 ? decoded.slice(colon + 1) : '';
  if (!m || user !== 'AWS' || !password) {
    throw new RegistryError(
      'UNAUTHORIZED',
      'The registry accepts only Basic credentials with the user name AWS and the password from aws ecr get-login-password.',
      401,
      challenge(host),
    );
  }
  const check = checkRegistryPassword(core, password);
  if (check.ok) return check.caller;
  if (check.reason === 'expired') {
    throw new RegistryError(
      'DENIED',
      'Your authorization token has expired. Reauthenticate and try again.',
      403,
    );
  }
  throw new RegistryError(
    'UNAUTHORIZED',
    check.reason === 'unknown-principal'
      ? 'The authorization token names a principal that no longer exists. Get a new password with aws ecr get-login-password and log in again.'
      : 'The authorization token is not valid for this sandbox (it may come from another sandbox, before a reset). Get a new one with aws ecr get-login-password and log in again.',
    401,
    challenge(host),
  );
}

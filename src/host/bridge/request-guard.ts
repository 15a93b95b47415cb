import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Whether a connection may go on, and if not, the HTTP status and the reason (for the log). */
export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

/** Equal strings in time independent of where they differ (digests make the lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The checks every bridge connection passes before anything else: no browser origin (browsers
 * always send one, agents never do), a loopback `Host` naming our port (no DNS rebinding), and the
 * right token. `credential` is the token the request carries, already taken from its header.
 */
export function guardRequest(
  headers: IncomingHttpHeaders,
  expected: { port: number; token: string; credential: string | undefined },
): GuardVerdict {
  if (header(headers, 'origin') !== undefined) {
    return { ok: false, status: 403, reason: 'cross-origin request (it carries an Origin header)' };
  }
  const host = header(headers, 'host');
  const allowedHosts = ['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${expected.port}`);
  if (!host || !allowedHosts.includes(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `unexpected Host header ${JSON.stringify(host ?? '')}` };
  }
  if (expected.credential === undefined || !sameSecret(expected.credential, expected.token)) {
    return { ok: false, status: 401, reason: expected.credential === undefined ? 'no token' : 'wrong token' };
  }
  return { ok: true };
}

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = header(headers, 'authorization');
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1];
}

/** The raw token of the IDE protocol's `X-Claude-Code-Ide-Authorization` header. */
export function ideToken(headers: IncomingHttpHeaders): string | undefined {
  return header(headers, 'x-claude-code-ide-authorization');
}

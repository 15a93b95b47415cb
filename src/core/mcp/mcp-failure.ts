import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stderrHint(stderr: readonly string[]): string {
  const tail = stderr.slice(-3).join(' | ').trim();
  return tail === '' ? '' : ` (stderr: ${tail.length > 300 ? `${tail.slice(0, 299)}…` : tail})`;
}

function duration(ms: number): string {
  return ms >= 1_000 ? `${Math.round(ms / 1_000)} s` : `${ms} ms`;
}

/** Why connecting failed, in words a person can act on; the server's last stderr lines help most. */
export function connectFailure(error: unknown, stderr: readonly string[]): string {
  const code = errnoCode(error);
  if (code === 'ENOENT') return `the command was not found${stderrHint(stderr)}`;
  if (code === 'EACCES') return `the command is not executable${stderrHint(stderr)}`;
  if (code === 'ECONNREFUSED') return 'nothing is listening at its URL';
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout)
    return `it did not answer the MCP handshake in time${stderrHint(stderr)}`;
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)
    return `it closed the connection during the handshake${stderrHint(stderr)}`;
  const text = messageOf(error);
  if (/\b401\b|unauthori[sz]ed/i.test(text))
    return 'it asks for authentication (OAuth sign-in is not supported; put a token in "headers")';
  return `${text}${stderrHint(stderr)}`;
}

/** Why one call produced no result: a crash, a timeout, an interruption or the server's refusal. */
export function callFailure(
  error: unknown,
  context: { server: string; timeoutMs: number; signal: AbortSignal; stderr: readonly string[] },
): string {
  const server = `The MCP server "${context.server}"`;
  if (context.signal.aborted) return 'The call was interrupted.';
  if (error instanceof McpError && error.code === ErrorCode.ConnectionClosed)
    return `${server} closed the connection during the call${stderrHint(context.stderr)}. Tandem reconnects to it; the call may work if you try again.`;
  if (error instanceof McpError && error.code === ErrorCode.RequestTimeout)
    return `${server} did not answer within ${duration(context.timeoutMs)}; the call was cancelled.`;
  if (error instanceof McpError) return `${server} refused the call: ${error.message}`;
  return `${server} failed: ${messageOf(error)}`;
}

import type { Message } from '../../core/messages/message';
import type { ModelRequest } from '../../core/model/model-client';

/** The API accepts at most four `cache_control` breakpoints per request. */
export const maxCacheBreakpoints = 4;

/** Where one request's cache breakpoints go: a tool, system blocks and messages, by index. */
export interface CacheBreakpoints {
  /** The tool whose definition ends the cached tools, when no system block covers them. */
  tool: number | undefined;
  system: ReadonlySet<number>;
  /** Each marked message carries the breakpoint on its last block that can hold one. */
  messages: ReadonlySet<number>;
}

/**
 * Places a request's cache breakpoints so a long session pays mostly cache reads. The prompt is
 * cached in layers that change at different rates — tools with the static system prompt (per
 * model), the session's dynamic system blocks, the conversation — and each layer ends at a
 * breakpoint, so a change in one leaves those before it cached. In order of priority:
 *
 * 1. the newest message: everything up to it is written once and read by the next request;
 * 2. the end of the previous request (the message before the newest assistant message): the next
 *    request finds it exactly even when a wide turn (many parallel tool calls) adds more blocks than
 *    the API's 20-block lookback;
 * 3. the system blocks flagged `cacheBreakpoint`: the first (the static prompt, shared by every
 *    session on the model), the last (the session's dynamic blocks, which survive a compaction),
 *    then the others, latest first;
 * 4. the last tool, only when no system block is flagged (tools come before the system prompt, so
 *    a system breakpoint covers them).
 *
 * At most {@link maxCacheBreakpoints}. Pure.
 */
export function placeCacheBreakpoints(request: ModelRequest): CacheBreakpoints {
  const candidates: ({ kind: 'message' | 'system'; index: number } | { kind: 'tool'; index: number })[] = [];
  const newest = request.messages.length - 1;
  if (newest >= 0) candidates.push({ kind: 'message', index: newest });
  const previous = previousRequestEnd(request.messages);
  if (previous !== undefined && previous !== newest) candidates.push({ kind: 'message', index: previous });
  const flagged = request.system.flatMap((block, index) =>
    block.cacheBreakpoint === true && block.text.length > 0 ? [index] : [],
  );
  const [first, ...rest] = flagged;
  const last = rest.pop();
  for (const index of [first, last, ...rest.reverse()]) {
    if (index !== undefined) candidates.push({ kind: 'system', index });
  }
  if (flagged.length === 0 && request.tools.length > 0)
    candidates.push({ kind: 'tool', index: request.tools.length - 1 });

  const chosen = candidates.slice(0, maxCacheBreakpoints);
  return {
    tool: chosen.find((candidate) => candidate.kind === 'tool')?.index,
    system: new Set(chosen.flatMap((candidate) => (candidate.kind === 'system' ? [candidate.index] : []))),
    messages: new Set(chosen.flatMap((candidate) => (candidate.kind === 'message' ? [candidate.index] : []))),
  };
}

/**
 * The last message the previous request of this conversation carried: the one before the newest
 * assistant message (that message is the previous request's answer). Undefined before any answer.
 */
function previousRequestEnd(messages: readonly Message[]): number | undefined {
  for (let index = messages.length - 1; index > 0; index -= 1) {
    if (messages[index]!.role === 'assistant') return index - 1;
  }
  return undefined;
}

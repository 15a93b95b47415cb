import type { Message, ToolResultBlock, ToolUseBlock, UserMessage } from '../../messages/message';
import { estimateMessageTokens } from '../estimate-tokens';
import type { ContextView } from './context-view';

/**
 * Layer 3 of the context pipeline: old tool results (not the newest few) are replaced by a
 * one-line stub, results the agent can simply run again (Read, Grep, Glob) first. It edits only
 * the uncached tail — the messages after the prefix the previous request already had cached —
 * and a result once cleared stays cleared, so the cached prefix of later requests holds.
 */

/** What microcompact decides from. */
export interface MicrocompactInput {
  view: ContextView;
  /** The measured context of `view`, in tokens. */
  tokens: number;
  /** Clear until the context is at most this. */
  target: number;
  /** Messages before this view index are in the cached prefix and stay as they are. */
  editableFrom: number;
  /** The newest tool results are never cleared: the model is working with them. */
  keepRecent: number;
  /** Results already cleared (they stay cleared). */
  cleared: ReadonlySet<string>;
  calls: ReadonlyMap<string, ToolUseBlock>;
  /** Whether the tool's result can be had again by calling it again (it reads, it changes nothing). */
  isReReadable(toolName: string): boolean;
}

/** Results smaller than this are not worth a stub. */
const minClearedChars = 600;
/** The key arguments a stub names, in order of preference. */
const labelKeys = ['file_path', 'path', 'pattern', 'command', 'url', 'bash_id'] as const;

/** The one line that stands in for a cleared result. */
export function clearedResultStub(call: ToolUseBlock | undefined): string {
  const name = call?.name ?? 'tool';
  const input = (call?.input ?? {}) as Record<string, unknown>;
  const key = labelKeys.find((candidate) => typeof input[candidate] === 'string');
  const label = key === undefined ? '' : ` (${String(input[key]).slice(0, 160)})`;
  return `[Old ${name} result${label} cleared to save context. Call ${name} again if you need it.]`;
}

/**
 * Chooses more results to clear: oldest first, re-readable ones before the rest, only in messages
 * at or after `editableFrom`, never the newest `keepRecent`, until the context is under `target`.
 * Returns the whole set of cleared ids, or undefined when there was nothing to clear. Pure.
 */
export function microcompact(input: MicrocompactInput): Set<string> | undefined {
  const results = input.view.messages.flatMap((message, index) =>
    message.role === 'user'
      ? message.content.flatMap((block) => (block.type === 'tool_result' ? [{ block, index }] : []))
      : [],
  );
  const candidates = results
    .slice(0, Math.max(0, results.length - input.keepRecent))
    .filter(({ block, index }) => index >= input.editableFrom && !input.cleared.has(block.toolUseId))
    .map(({ block }) => ({ block, freed: freedBy(block, input.calls.get(block.toolUseId)) }))
    .filter(({ block, freed }) => freed > 0 && resultChars(block) >= minClearedChars);
  const reReadable = (block: ToolResultBlock) =>
    input.isReReadable(input.calls.get(block.toolUseId)?.name ?? '');
  const ordered = [
    ...candidates.filter(({ block }) => reReadable(block)),
    ...candidates.filter(({ block }) => !reReadable(block)),
  ];
  const cleared = new Set(input.cleared);
  let tokens = input.tokens;
  for (const { block, freed } of ordered) {
    if (tokens <= input.target) break;
    cleared.add(block.toolUseId);
    tokens -= freed;
  }
  return cleared.size > input.cleared.size ? cleared : undefined;
}

/**
 * Applies cleared results to messages, one stubbed copy per message and set of cleared ids, so the
 * same message looks the same — is the same object — in every request that carries it.
 */
export class ClearedResults {
  readonly #copies = new WeakMap<Message, { key: string; message: UserMessage }>();

  /** `message` with its cleared results stubbed; the message itself when none of them is cleared. */
  apply(message: Message, cleared: ReadonlySet<string>, calls: ReadonlyMap<string, ToolUseBlock>): Message {
    if (message.role !== 'user' || cleared.size === 0) return message;
    const ids = message.content.flatMap((block) =>
      block.type === 'tool_result' && cleared.has(block.toolUseId) ? [block.toolUseId] : [],
    );
    if (ids.length === 0) return message;
    const key = ids.join('\n');
    const copy = this.#copies.get(message);
    if (copy?.key === key) return copy.message;
    const stubbed: UserMessage = {
      ...message,
      content: message.content.map((block) =>
        block.type === 'tool_result' && cleared.has(block.toolUseId)
          ? { ...block, content: clearedResultStub(calls.get(block.toolUseId)) }
          : block,
      ),
    };
    this.#copies.set(message, { key, message: stubbed });
    return stubbed;
  }
}

function freedBy(block: ToolResultBlock, call: ToolUseBlock | undefined): number {
  const before = estimateMessageTokens({ role: 'user', content: [block] });
  const after = estimateMessageTokens({
    role: 'user',
    content: [{ ...block, content: clearedResultStub(call) }],
  });
  return before - after;
}

function resultChars(block: ToolResultBlock): number {
  if (typeof block.content === 'string') return block.content.length;
  // An image is worth clearing whatever its text says.
  return block.content.reduce(
    (sum, part) => sum + (part.type === 'text' ? part.text.length : minClearedChars),
    0,
  );
}

import type { PromptCacheReport } from './prompt-cache-emulator';

/**
 * The script language of the scripted model server: what one model turn sends back. Shared by
 * the Anthropic and the OpenAI wire writers, so one script drives either provider.
 */

/** How a block is cut into deltas. A token is 4 characters here, close enough for timing. */
export interface Chunking {
  /** Tokens per delta; default 4. */
  tokens?: number;
  /** Milliseconds between two deltas of one block; default 0. */
  delayMs?: number;
}

interface BlockTiming {
  /** Milliseconds to wait before this block starts (after the previous block ended). */
  delayMs?: number;
  /** Overrides the turn's chunking for this block. */
  chunk?: Chunking;
}

export type ScriptBlock =
  | ({ text: string } & BlockTiming)
  | ({ thinking: string; signature: string } & BlockTiming)
  | ({ toolUse: { id?: string; name: string; input: unknown } } & BlockTiming);

export type ScriptStopReason = 'end_turn' | 'tool_use' | 'max_tokens';

/** Token counts, in the Anthropic names; the OpenAI writer maps them to `prompt_tokens` etc. */
export interface ScriptUsage {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
}

/** A normal answer. `stopReason` defaults to `tool_use` when a block calls a tool, else `end_turn`. */
export interface ScriptedReply {
  blocks: ScriptBlock[];
  /** Milliseconds before the response starts (time to first byte). */
  delayMs?: number;
  stopReason?: ScriptStopReason;
  usage?: ScriptUsage;
  /** Default chunking for every block of the turn. */
  chunk?: Chunking;
}

/** An HTTP error with the provider's real error body. */
export interface HttpFault {
  fault: 'http';
  status: 400 | 401 | 403 | 404 | 413 | 429 | 500 | 503 | 529;
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number;
  /** Milliseconds, sent as `retry-after-ms` (read before `retry-after` when both are sent). */
  retryAfterMs?: number;
  /** Replaces the provider-shaped body entirely. */
  body?: unknown;
  /** Replaces the default message; a 400's default is the provider's "prompt too long" text. */
  message?: string;
}

/** Where and when a mid-stream fault strikes; shared by {@link ResetFault} and {@link StreamErrorFault}. */
export interface FaultPoint {
  /** Whole blocks streamed before the fault. */
  afterBlocks: number;
  /** Deltas of the next block streamed before the fault, so that block never completes; default 0. */
  partialDeltas?: number;
  /**
   * The stream idles until this settles, then the fault strikes: a test cuts the stream at a
   * point it chose (after a prompt was answered, say) instead of after a delay.
   */
  holdUntil?: Promise<unknown>;
}

/** Streams `afterBlocks` whole blocks (of `blocks`, or filler text), then destroys the socket. */
export interface ResetFault extends FaultPoint {
  fault: 'reset-mid-stream';
  blocks?: ScriptBlock[];
}

/**
 * Streams `afterBlocks` whole blocks, then an error in the stream itself (Anthropic `event: error`,
 * OpenAI `data: {"error": …}`), as a server that overloads mid-answer does. HTTP status stays 200.
 */
export interface StreamErrorFault extends FaultPoint {
  fault: 'error-mid-stream';
  /** Picks the provider's error type, as for {@link HttpFault}; default 529 (overloaded). */
  status?: HttpFault['status'];
  message?: string;
  blocks?: ScriptBlock[];
}

/** A tool call whose streamed JSON pieces do not add up to valid JSON. */
export interface MalformedToolJsonFault {
  fault: 'malformed-tool-json';
  name?: string;
  id?: string;
}

export type ScriptedFault = HttpFault | ResetFault | StreamErrorFault | MalformedToolJsonFault;

/** The request as the server received it; `body` is the parsed JSON, or the raw text if it was not JSON. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** The raw request target, query included (`/v1/messages?beta=true`). */
  url: string;
  /** Lower-cased names. */
  headers: Record<string, string>;
  body: unknown;
  /** `performance.now()` when the request arrived. */
  receivedAt: number;
  /** The usage the server reported for a model request it answered (input split by the cache, if emulated). */
  usage?: Required<ScriptUsage>;
  /** What the prompt-cache emulation decided for this request, when it is on. */
  cache?: PromptCacheReport;
}

export type ScriptedOutcome = ScriptedReply | ScriptedFault | ScriptBlock[];

/** One queued turn: fixed, or computed from the request that consumes it. */
export type ScriptedTurn =
  ScriptedOutcome | ((request: RecordedRequest) => ScriptedOutcome | Promise<ScriptedOutcome>);

/** When a block started and ended on the wire; `performance.now()` clock. */
export interface SentBlock {
  requestIndex: number;
  blockIndex: number;
  kind: 'text' | 'thinking' | 'tool_use';
  startedAt: number;
  stoppedAt: number;
}

/** One delta as it was written to the socket; `performance.now()` clock. */
export interface SentDelta {
  requestIndex: number;
  blockIndex: number;
  kind: 'text' | 'thinking' | 'tool_use';
  piece: string;
  sentAt: number;
}

/** A block as the wire writers see it: its kind, its full payload, and how to cut it. */
export type ResolvedBlock =
  | { kind: 'text'; text: string; delayMs: number; chunk: Required<Chunking> }
  | { kind: 'thinking'; thinking: string; signature: string; delayMs: number; chunk: Required<Chunking> }
  | { kind: 'tool_use'; id: string; name: string; json: string; delayMs: number; chunk: Required<Chunking> };

/** Splits text into deltas of `tokens × 4` characters (at least one delta, even for ''). */
export function splitIntoDeltas(text: string, tokens: number): string[] {
  const size = Math.max(1, Math.floor(tokens * 4));
  if (text.length === 0) return [];
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) pieces.push(text.slice(offset, offset + size));
  return pieces;
}

/** The token count the server reports for some characters: 4 a token unless the server says otherwise. */
export function estimateTokens(characters: number, charsPerToken = 4): number {
  return Math.max(1, Math.ceil(characters / charsPerToken));
}

/** Normalises a scripted outcome: a bare block list is a reply. */
export function asOutcome(outcome: ScriptedOutcome): ScriptedReply | ScriptedFault {
  return Array.isArray(outcome) ? { blocks: outcome } : outcome;
}

/** Resolves a reply's blocks: ids filled in (`prefix` + counter), chunking defaulted, JSON encoded. */
export function resolveBlocks(reply: ScriptedReply, nextId: () => string): ResolvedBlock[] {
  const turnChunk = reply.chunk ?? {};
  return reply.blocks.map((block): ResolvedBlock => {
    const chunk = {
      tokens: block.chunk?.tokens ?? turnChunk.tokens ?? 4,
      delayMs: block.chunk?.delayMs ?? turnChunk.delayMs ?? 0,
    };
    const delayMs = block.delayMs ?? 0;
    if ('text' in block) return { kind: 'text', text: block.text, delayMs, chunk };
    if ('thinking' in block)
      return { kind: 'thinking', thinking: block.thinking, signature: block.signature, delayMs, chunk };
    const { id, name, input } = block.toolUse;
    return { kind: 'tool_use', id: id ?? nextId(), name, json: JSON.stringify(input ?? {}), delayMs, chunk };
  });
}

/** The stop reason a reply implies when the script does not set one. */
export function impliedStopReason(reply: ScriptedReply): ScriptStopReason {
  return reply.stopReason ?? (reply.blocks.some((block) => 'toolUse' in block) ? 'tool_use' : 'end_turn');
}

/** The stand-in when the queue is empty. */
export const doneReply: ScriptedReply = { blocks: [{ text: 'done' }], stopReason: 'end_turn' };

/** The JSON pieces a malformed tool call streams: they never close the string nor the object. */
export const malformedToolJsonPieces = ['{"path": "src/app.ts", ', '"content": "unterminated'];

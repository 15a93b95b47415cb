import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ResolvedBlock, ScriptStopReason, ScriptUsage, SentBlock, SentDelta } from './scripted-turn';
import { estimateTokens, splitIntoDeltas } from './scripted-turn';

/**
 * One open SSE response. Writes stop quietly once the client has gone, and every wait ends early
 * then, so an aborted request never leaves timers behind.
 */
export class SseChannel {
  private isClosed = false;
  private readonly wakers = new Set<() => void>();

  constructor(private readonly response: ServerResponse) {
    response.on('close', () => {
      this.isClosed = true;
      for (const wake of this.wakers) wake();
      this.wakers.clear();
    });
  }

  get closed(): boolean {
    return this.isClosed || this.response.destroyed;
  }

  open(): void {
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    this.response.socket?.setNoDelay(true);
    this.response.flushHeaders();
  }

  /** `event: name` + `data: json` (the Anthropic framing). */
  event(name: string, data: unknown): void {
    this.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** `data: json` alone (the OpenAI framing); a string is sent as is, for `[DONE]`. */
  data(data: unknown): void {
    this.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }

  end(): void {
    if (!this.closed) this.response.end();
  }

  /** Kills the socket without a proper end: the client sees a reset mid-body. */
  destroy(): void {
    this.response.socket?.destroy();
    this.response.destroy();
  }

  wait(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /** Resolves when `event` settles (either way) or the client has gone, whichever comes first. */
  until(event: Promise<unknown>): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        this.wakers.delete(wake);
        resolve();
      };
      this.wakers.add(wake);
      event.then(wake, wake);
    });
  }

  private write(text: string): void {
    if (!this.closed) this.response.write(text);
  }
}

/** How one provider frames a block on the wire. */
export interface BlockWire {
  start(block: ResolvedBlock, index: number): void;
  delta(block: ResolvedBlock, index: number, piece: string): void;
  stop(block: ResolvedBlock, index: number): void;
}

/** Where a scripted stream stops, and how. */
export type StreamInterrupt = {
  afterBlocks: number;
  partialDeltas: number;
  holdUntil?: Promise<unknown>;
} & ({ action: 'reset' } | { action: 'error'; body: unknown });

/** What a wire writer needs to stream a reply. */
export interface StreamPlan {
  model: string;
  blocks: ResolvedBlock[];
  stopReason: ScriptStopReason;
  usage: Required<ScriptUsage>;
  /**
   * Stop after `afterBlocks` whole blocks and `partialDeltas` deltas of the next, once `holdUntil`
   * settled: kill the socket, or let the writer send an in-stream error.
   */
  interrupt?: StreamInterrupt;
  /** Explicit JSON pieces for a tool block (malformed-tool-json), by block index. */
  pieces?: ReadonlyMap<number, string[]>;
  requestIndex: number;
  onSent: (block: SentBlock) => void;
  /** Told of each delta once it is written. */
  onDelta?: (delta: SentDelta) => void;
}

/** How {@link streamBlocks} ended: all sent, the client or the socket gone, or the plan's error point. */
export type StreamOutcome = 'complete' | 'gone' | 'error';

/**
 * Streams the blocks in order with their delays and chunking. Anything but `complete` means the
 * caller writes no closing events; on `error` it writes its in-stream error and ends.
 */
export async function streamBlocks(
  channel: SseChannel,
  plan: StreamPlan,
  wire: BlockWire,
): Promise<StreamOutcome> {
  const interrupt = plan.interrupt;
  for (const [index, block] of plan.blocks.entries()) {
    // The fault strikes before block `afterBlocks`, or inside it after `partialDeltas` deltas.
    const partial =
      interrupt && index === interrupt.afterBlocks && interrupt.partialDeltas > 0
        ? interrupt.partialDeltas
        : undefined;
    if (interrupt && index >= interrupt.afterBlocks && partial === undefined)
      return stopAt(channel, interrupt);
    await channel.wait(block.delayMs);
    if (channel.closed) return 'gone';
    const startedAt = performance.now();
    wire.start(block, index);
    const pieces = plan.pieces?.get(index) ?? splitIntoDeltas(payloadOf(block), block.chunk.tokens);
    for (const [pieceIndex, piece] of pieces.slice(0, partial).entries()) {
      if (pieceIndex > 0) await channel.wait(block.chunk.delayMs);
      if (channel.closed) return 'gone';
      wire.delta(block, index, piece);
      plan.onDelta?.({
        requestIndex: plan.requestIndex,
        blockIndex: index,
        kind: block.kind,
        piece,
        sentAt: performance.now(),
      });
    }
    if (interrupt && partial !== undefined) return stopAt(channel, interrupt);
    wire.stop(block, index);
    plan.onSent({
      requestIndex: plan.requestIndex,
      blockIndex: index,
      kind: block.kind,
      startedAt,
      stoppedAt: performance.now(),
    });
  }
  if (interrupt) return stopAt(channel, interrupt);
  return channel.closed ? 'gone' : 'complete';
}

// A fetch body that errors drops the chunks it had queued, so the client is given time to read
// what was sent before the socket dies: the reset then lands between blocks, as intended.
const resetGraceMs = 40;

async function stopAt(channel: SseChannel, interrupt: StreamInterrupt): Promise<StreamOutcome> {
  if (interrupt.holdUntil) await channel.until(interrupt.holdUntil);
  if (interrupt.action === 'error') return channel.closed ? 'gone' : 'error';
  await channel.wait(resetGraceMs);
  channel.destroy();
  return 'gone';
}

/** The streamed payload of a block: its text, its thinking, or its input JSON. */
export function payloadOf(block: ResolvedBlock): string {
  switch (block.kind) {
    case 'text':
      return block.text;
    case 'thinking':
      return block.thinking;
    case 'tool_use':
      return block.json;
  }
}

/** Fills the counts a script left out: input from the request's size, output from what is sent. */
export function resolveUsage(
  usage: ScriptUsage | undefined,
  request: { chars: number; charsPerToken: number },
  blocks: ResolvedBlock[],
): Required<ScriptUsage> {
  const outputChars = blocks.reduce((sum, block) => sum + payloadOf(block).length, 0);
  return {
    input_tokens: usage?.input_tokens ?? estimateTokens(request.chars, request.charsPerToken),
    output_tokens: usage?.output_tokens ?? estimateTokens(outputChars, request.charsPerToken),
    cache_read_input_tokens: usage?.cache_read_input_tokens ?? 0,
    cache_creation_input_tokens: usage?.cache_creation_input_tokens ?? 0,
  };
}

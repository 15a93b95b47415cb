import type { TerminalReason } from '../../core/loop/loop-event';
import type { Usage, UserBlock } from '../../core/messages/message';
import type { ChatMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { ChatAgent } from '../agent/chat-agent';
import { mapLoopEvent } from './loop-event-mapper';

/** Options of {@link runTurn}. */
export interface RunTurnOptions {
  chatId: string;
  /** The row of the person's message this turn answers; it gets the turn's checkpoint. */
  entryId: string;
  agent: ChatAgent;
  prompt: string | UserBlock[];
  signal: AbortSignal;
  emit(message: ChatMessage): void;
  /** The context window of a model id, in tokens, for the meter. */
  contextWindow(model: string): number;
}

/** Tokens the conversation fills after a model call: everything it read plus what it wrote. */
function contextTokens(usage: Usage): number {
  return usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens + usage.outputTokens;
}

/**
 * Runs one turn of the agent and turns its events into panel messages: the stream, tool cards,
 * retries, the context meter, and `DidEndTurn` with the turn's usage and cost — what the agent's
 * ledger counted during the turn, sub-agents' calls included, priced per model (no cost for a
 * model without a price). Resolves with why the turn ended; rejects only if the agent itself
 * throws (the caller reports it).
 */
export async function runTurn(options: RunTurnOptions): Promise<TerminalReason> {
  const { chatId, emit } = options;
  const before = options.agent.usage.totals();
  let windowTokens = 0;
  const turn = options.agent.submit(options.prompt, options.signal);
  for (;;) {
    const step = await turn.next();
    if (step.done) {
      const { usage, costUsd } = options.agent.usage.since(before);
      emit({
        type: HostMessageType.DidEndTurn,
        chatId,
        usage,
        ...(costUsd === undefined ? {} : { costUsd }),
        terminalReason: step.value,
      });
      return step.value;
    }
    const event = step.value;
    if (event.type === 'turn-start') windowTokens = options.contextWindow(event.model);
    if (event.type === 'checkpoint-create') {
      const { checkpointId } = event;
      emit({ type: HostMessageType.DidTakeCheckpoint, chatId, entryId: options.entryId, checkpointId });
    }
    if (event.type === 'message-end') {
      const usedTokens = contextTokens(event.usage);
      emit({ type: HostMessageType.DidChangeContext, chatId, usedTokens, windowTokens });
    }
    for (const message of mapLoopEvent(chatId, event)) emit(message);
  }
}

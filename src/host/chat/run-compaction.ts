import type { TerminalReason } from '../../core/loop/loop-event';
import type { ChatMessage } from '../../protocol/host-to-webview-message';
import { HostMessageType } from '../../protocol/message-type';
import type { ChatAgent } from '../agent/chat-agent';
import { mapLoopEvent } from './loop-event-mapper';

/** Options of {@link runCompaction}. */
export interface RunCompactionOptions {
  chatId: string;
  agent: ChatAgent;
  /** What the person asked the summary to keep (`/compact <instructions>`). */
  instructions: string | undefined;
  signal: AbortSignal;
  emit(message: ChatMessage): void;
}

/**
 * Runs a `/compact` the person sent, as a turn of its own: the divider with the summary when it
 * compacted, an error row saying why when it did not, then `DidEndTurn` with what the summary
 * call cost (what the agent's ledger counted meanwhile). Resolves with how it ended (a refusal is
 * a `model_error`, so a queue behind it waits).
 */
export async function runCompaction(options: RunCompactionOptions): Promise<TerminalReason> {
  const { chatId, emit, signal } = options;
  const before = options.agent.usage.totals();
  const result = await options.agent.compact({
    signal,
    ...(options.instructions === undefined ? {} : { instructions: options.instructions }),
  });
  const terminalReason: TerminalReason = signal.aborted ? 'aborted' : result.ok ? 'completed' : 'model_error';
  if (result.ok) for (const message of mapLoopEvent(chatId, result.event)) emit(message);
  else if (!signal.aborted)
    emit({
      type: HostMessageType.DidFail,
      chatId,
      code: 'compact-failed',
      message: `Not compacted: ${result.reason}`,
    });
  const { usage, costUsd } = options.agent.usage.since(before);
  emit({
    type: HostMessageType.DidEndTurn,
    chatId,
    usage,
    ...(costUsd === undefined ? {} : { costUsd }),
    terminalReason,
  });
  return terminalReason;
}

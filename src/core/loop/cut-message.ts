import type { AssistantBlock, AssistantMessage } from '../messages/message';

/** Options of {@link cutMessage}. */
export interface CutMessageOptions {
  /**
   * The blocks that were complete when the stream failed, in stream order. A block still open
   * (half a sentence, a tool call whose JSON was still arriving) is never among them: a block
   * counts once the provider closed it, and a thinking block closes after its signature.
   */
  blocks: readonly AssistantBlock[];
  /** The model that wrote them. */
  model: string;
  /** Why the stream failed, as the provider said it; kept on the message for the panel. */
  reason: string;
}

/**
 * What the loop keeps of an assistant message whose stream failed: its complete blocks up to and
 * including the last complete tool_use, marked `cutOff`. Undefined when no tool_use was complete:
 * nothing has run that the model must hear about, so the message is discarded and asked again.
 *
 * The kept message is one both providers accept before the tool results that follow it:
 * - every kept tool_use already runs in the executor and gets its result in the next user turn,
 *   and every call the executor holds is kept (all complete tool_use blocks are in the prefix);
 * - nothing follows the last tool_use: Anthropic wants tool_use blocks to end the message, so a
 *   complete text after it goes too, and so does a partial block, which can only come after it
 *   (blocks stream one at a time);
 * - thinking blocks stay verbatim and first, as a tool turn with thinking on requires; text and
 *   calls between them stay in the model's order, as after a whole message. OpenAI folds the text
 *   into `content` beside `tool_calls`, where order does not matter.
 */
export function cutMessage(options: CutMessageOptions): AssistantMessage | undefined {
  const last = options.blocks.findLastIndex((block) => block.type === 'tool_use');
  if (last === -1) return undefined;
  return {
    role: 'assistant',
    content: options.blocks.slice(0, last + 1),
    model: options.model,
    cutOff: { reason: options.reason },
  };
}

import { estimateMessageTokens } from '../../src/core/context/estimate-tokens';
import type { ContextView } from '../../src/core/context/pipeline/context-view';
import type { AssistantMessage, Message, ToolUseBlock, UserMessage } from '../../src/core/messages/message';
import { userText } from '../../src/core/messages/message';

/** One tool round: the assistant's call and the turn carrying its result. */
export function toolRound(
  id: string,
  call: { name: string; input: unknown; result: string; isError?: boolean },
): [AssistantMessage, UserMessage] {
  return [
    { role: 'assistant', content: [{ type: 'tool_use', id, name: call.name, input: call.input }] },
    {
      role: 'user',
      synthetic: true,
      content: [{ type: 'tool_result', toolUseId: id, content: call.result, isError: call.isError ?? false }],
    },
  ];
}

/** A Read round of `chars` characters of file text. */
export function readRound(id: string, path: string, chars: number): [AssistantMessage, UserMessage] {
  return toolRound(id, { name: 'Read', input: { file_path: path }, result: 'r'.repeat(chars) });
}

/** A prompt, then `rounds` Read rounds of `chars` characters each, then the answer. */
export function readingSession(rounds: number, chars: number): Message[] {
  const messages: Message[] = [userText('read the files')];
  for (let index = 0; index < rounds; index += 1)
    messages.push(...readRound(`t${index}`, `/w/file-${index}.ts`, chars));
  messages.push({ role: 'assistant', content: [{ type: 'text', text: 'done reading' }] });
  return messages;
}

/** A view of the history as it is, each message its own origin. */
export function viewOf(messages: readonly Message[]): ContextView {
  return { messages, origins: messages.map((_, index) => index) };
}

/** The estimate the pipeline uses, without a meter's cache. */
export const estimate = (message: Message): number => estimateMessageTokens(message);

/** The summed estimate of messages. */
export const tokensOfAll = (messages: readonly Message[]): number =>
  messages.reduce((sum, message) => sum + estimate(message), 0);

/** The tool calls of the assistant messages in `messages`, by id. */
export function toolCallsById(messages: readonly Message[]): Map<string, ToolUseBlock> {
  const calls = new Map<string, ToolUseBlock>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const block of message.content) if (block.type === 'tool_use') calls.set(block.id, block);
  }
  return calls;
}

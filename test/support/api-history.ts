import type { Message } from '../../src/core/messages/message';
import { mergeConsecutiveTurns } from '../../src/core/messages/merge-turns';
import { toAnthropicParams } from '../../src/node/providers/anthropic-request';

interface WireBlock {
  type: string;
  id?: string;
  tool_use_id?: string;
  text?: string;
}

interface WireMessage {
  role: string;
  content: string | WireBlock[];
}

/**
 * The problems the Messages API would reject a request's `messages` for, as sentences (empty when
 * it is valid): the first turn is the person's, roles alternate, no turn is empty, no text block is
 * empty, every tool_use is answered by a tool_result in the very next turn (results first) and no
 * tool_result answers a call that was not made.
 */
export function wireHistoryProblems(messages: readonly WireMessage[]): string[] {
  const problems: string[] = [];
  if (messages[0]?.role !== 'user') problems.push('the first message is not the person’s');
  messages.forEach((message, index) => {
    const blocks =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (blocks.length === 0) problems.push(`message ${index} is empty`);
    if (index > 0 && messages[index - 1]?.role === message.role)
      problems.push(`messages ${index - 1} and ${index} are both ${message.role}`);
    if (blocks.some((block) => block.type === 'text' && block.text === ''))
      problems.push(`message ${index} has an empty text block`);
    const calls = blocks.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
    const next = messages[index + 1];
    const nextBlocks = next === undefined || typeof next.content === 'string' ? [] : next.content;
    const answers = nextBlocks.flatMap((block) => (block.type === 'tool_result' ? [block.tool_use_id] : []));
    if (calls.length > 0 && calls.join() !== answers.join())
      problems.push(
        `the tool calls of message ${index} (${calls.join()}) are answered by (${answers.join()})`,
      );
    if (calls.length > 0 && nextBlocks.slice(0, answers.length).some((block) => block.type !== 'tool_result'))
      problems.push(`the results for message ${index} do not come first`);
    const previous = messages[index - 1];
    const previousCalls =
      previous === undefined || typeof previous.content === 'string'
        ? []
        : previous.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
    for (const block of blocks) {
      if (block.type === 'tool_result' && !previousCalls.includes(block.tool_use_id))
        problems.push(`message ${index} answers ${block.tool_use_id}, which the message before did not call`);
    }
  });
  return problems;
}

/** {@link wireHistoryProblems} of a core history, sent the way the Anthropic client sends it. */
export function historyProblems(history: readonly Message[]): string[] {
  const params = toAnthropicParams({
    model: 'claude-sonnet-4-6',
    system: [],
    messages: mergeConsecutiveTurns(history),
    tools: [],
    maxTokens: 100,
    signal: new AbortController().signal,
  });
  return wireHistoryProblems(params.messages as WireMessage[]);
}

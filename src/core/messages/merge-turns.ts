import type { AssistantMessage, Message, UserMessage } from './message';

/**
 * The history as a request sends it: roles alternate. A history may hold two user messages in a
 * row — the tool results of an interrupted turn, or a prompt whose answer failed, followed by the
 * person's next message — and the Messages API wants one user turn there. Runs of one role are
 * merged in order, so tool results stay first in their turn, as the API requires. Pure: returns
 * the input itself when nothing needs merging, else a new array; messages are never mutated.
 */
export function mergeConsecutiveTurns(messages: readonly Message[]): Message[] {
  let merged: Message[] | undefined;
  for (let index = 1; index < messages.length; index += 1) {
    if (messages[index]?.role !== messages[index - 1]?.role) continue;
    merged = [];
    break;
  }
  if (!merged) return messages as Message[];
  for (const message of messages) {
    const last = merged.at(-1);
    if (last === undefined || last.role !== message.role) merged.push(message);
    else merged[merged.length - 1] = join(last, message);
  }
  return merged;
}

function join(first: Message, second: Message): Message {
  if (first.role === 'user' && second.role === 'user') {
    const message: UserMessage = { role: 'user', content: [...first.content, ...second.content] };
    return message;
  }
  const assistant: AssistantMessage = {
    role: 'assistant',
    content: [...(first as AssistantMessage).content, ...(second as AssistantMessage).content],
  };
  const model = (second as AssistantMessage).model ?? (first as AssistantMessage).model;
  if (model !== undefined) assistant.model = model;
  return assistant;
}

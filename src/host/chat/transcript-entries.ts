import type { Message } from '../../core/messages/message';
import type { CompactionMark, TurnCheckpoint } from '../../core/session/restore-session';
import type { ConversationEntry } from '../../protocol/conversation-entry';
import { toolCallSummary } from '../../core/session/tool-call-summary';
import { cutNotice } from '../../protocol/reduce-chat';
import { previewOf } from './loop-event-mapper';

/** Shown under an answer that was cut off (Stop, or the editor or process ended mid-answer). */
export const interruptedNotice = 'Interrupted: this answer was cut off here. Send a message to continue.';

/** The person's first message, as a chat title. */
export function titleFromMessages(messages: readonly Message[]): string | undefined {
  const first = messages.find((message) => message.role === 'user' && !message.synthetic);
  const block = first?.content.find((part) => part.type === 'text');
  return block?.type === 'text' ? block.text.slice(0, 80) : undefined;
}

/**
 * Rebuilds the panel rows of a restored session from its messages: the person's own text, the
 * assistant's prose, one finished card per tool call, the note where a stream error cut an answer
 * off or a notice under an interrupted one, a divider where each compaction happened, and on each
 * prompt the checkpoint taken before it. Reminders and synthetic turns are not shown as typed
 * text; prompts and previews that were answered are not replayed.
 */
export function entriesFromMessages(
  messages: readonly Message[],
  marks: { checkpoints?: readonly TurnCheckpoint[]; compactions?: readonly CompactionMark[] } = {},
): ConversationEntry[] {
  const { checkpoints = [], compactions = [] } = marks;
  const entries: ConversationEntry[] = [];
  // The first marker before a prompt names its checkpoint (a later one follows a blocked prompt).
  const checkpointAt = new Map<number, number>();
  for (const marker of checkpoints)
    if (!checkpointAt.has(marker.messageIndex)) checkpointAt.set(marker.messageIndex, marker.checkpointId);
  const tools = new Map<string, ConversationEntry & { kind: 'tool' }>();
  const dividersAt = (index: number): void => {
    compactions.forEach((mark, order) => {
      if (mark.messageIndex !== index) return;
      const { trigger, summary, contextTokens } = mark;
      entries.push({
        kind: 'compaction',
        id: `restored-compaction-${order}`,
        trigger,
        summary,
        tokensBefore: contextTokens,
      });
    });
  };
  messages.forEach((message, index) => {
    dividersAt(index);
    if (message.role === 'assistant') {
      for (const block of message.content) {
        if (block.type === 'text' && block.text.trim() !== '') {
          entries.push({ kind: 'assistant', id: `restored-${index}-${entries.length}`, text: block.text });
        } else if (block.type === 'tool_use') {
          const entry = {
            kind: 'tool' as const,
            id: block.id,
            name: block.name,
            summary: toolCallSummary(block.input),
            status: 'cancelled' as const,
            isError: false,
          };
          tools.set(block.id, entry);
          entries.push(entry);
        }
      }
      if (message.cutOff) {
        const keptToolCalls = message.content.filter((block) => block.type === 'tool_use').length;
        const notice = cutNotice({ keptToolCalls, reason: message.cutOff.reason });
        entries.push({ kind: 'notice', id: `restored-${index}-cut`, level: 'warning', message: notice });
      }
      if (message.interrupted === true)
        entries.push({
          kind: 'notice',
          id: `restored-${index}-interrupted`,
          level: 'info',
          message: interruptedNotice,
        });
      return;
    }
    for (const block of message.content) {
      if (block.type === 'tool_result') {
        const tool = tools.get(block.toolUseId);
        if (!tool) continue;
        const done: ConversationEntry = {
          ...tool,
          status: block.isError ? 'error' : 'done',
          isError: block.isError,
          resultPreview: previewOf(block.content),
        };
        entries[entries.indexOf(tool)] = done;
      }
    }
    if (message.synthetic) return;
    const text = message.content
      .filter((block) => block.type === 'text' && !block.text.startsWith('<system-reminder>'))
      .map((block) => (block.type === 'text' ? block.text : ''))
      .join('\n');
    if (text.trim() === '') return;
    const checkpointId = checkpointAt.get(index);
    entries.push({
      kind: 'user',
      id: `restored-${index}`,
      text,
      attachments: [],
      ...(checkpointId === undefined ? {} : { checkpointId }),
    });
  });
  dividersAt(messages.length);
  return entries;
}

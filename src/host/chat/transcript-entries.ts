import type { Message } from '../../core/messages/message';
import type { ConversationEntry } from '../../protocol/conversation-entry';
import { previewOf } from './loop-event-mapper';

/**
 * Rebuilds the panel rows of a restored session from its messages: the person's own text, the
 * assistant's prose and one finished card per tool call. Reminders and synthetic turns are not
 * shown as typed text; prompts and previews that were answered are not replayed.
 */
export function entriesFromMessages(messages: readonly Message[]): ConversationEntry[] {
  const entries: ConversationEntry[] = [];
  const tools = new Map<string, ConversationEntry & { kind: 'tool' }>();
  messages.forEach((message, index) => {
    if (message.role === 'assistant') {
      for (const block of message.content) {
        if (block.type === 'text' && block.text.trim() !== '') {
          entries.push({ kind: 'assistant', id: `restored-${index}-${entries.length}`, text: block.text });
        } else if (block.type === 'tool_use') {
          const entry = { kind: 'tool' as const, id: block.id, name: block.name, summary: '', status: 'cancelled' as const, isError: false };
          tools.set(block.id, entry);
          entries.push(entry);
        }
      }
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
    if (text.trim() !== '') entries.push({ kind: 'user', id: `restored-${index}`, text, attachments: [] });
  });
  return entries;
}

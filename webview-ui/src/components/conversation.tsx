/** @jsxRuntime automatic */
import { type ReactNode, useCallback } from 'react';
import type { ConversationEntry } from '../../../src/protocol/conversation-entry';
import { usePanelState } from '../panel-context';
import type { ChatState } from '../state/panel-state';
import { VirtualList } from '../virtual/virtual-list';
import { EntryRow } from './entry-row';

const noEntries: ConversationEntry[] = [];
const entryKey = (entry: ConversationEntry): string => `${entry.kind}:${entry.id}`;

/** The active chat's rows in a windowed list that follows the stream. */
export function Conversation({ chatId }: { chatId: string }): ReactNode {
  const entries = usePanelState(
    (state) => (state.chats[chatId] as ChatState | undefined)?.entries ?? noEntries,
  );
  const renderEntry = useCallback(
    (entry: ConversationEntry) => <EntryRow chatId={chatId} entry={entry} />,
    [chatId],
  );
  if (entries.length === 0) {
    return (
      <div className="conversation-empty">
        <span className="codicon codicon-sparkle" aria-hidden="true" />
        <p>Ask Tandem to explain, change or fix code. Type @ to attach a file or the selection.</p>
      </div>
    );
  }
  return (
    <VirtualList
      items={entries}
      itemKey={entryKey}
      renderItem={renderEntry}
      label="Conversation"
      resetKey={chatId}
    />
  );
}

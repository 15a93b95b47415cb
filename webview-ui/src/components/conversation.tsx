/** @jsxRuntime automatic */
import { type ReactNode, useCallback, useMemo } from 'react';
import type { ConversationEntry } from '../../../src/protocol/conversation-entry';
import { MarkdownView } from '../markdown/markdown-view';
import { usePanelState } from '../panel-context';
import { VirtualList } from '../virtual/virtual-list';
import { type ConversationRow, createRowCache, toConversationRows } from './conversation-rows';
import { EntryRow } from './entry-row';

const noEntries: ConversationEntry[] = [];
const rowKey = (row: ConversationRow): string => row.key;

function segmentClass(segment: NonNullable<ConversationRow['segment']>): string {
  return `message message-assistant${segment.first ? '' : ' message-continued'}${segment.last ? '' : ' message-segment'}`;
}

/** The active chat's rows in a windowed list that follows the stream. */
export function Conversation({ chatId }: { chatId: string }): ReactNode {
  const entries = usePanelState((view) => view.chats[chatId]?.entries ?? noEntries);
  const cache = useMemo(createRowCache, []);
  const rows = useMemo(() => toConversationRows(entries, cache), [entries, cache]);
  const renderRow = useCallback(
    (row: ConversationRow) =>
      row.segment === undefined ? (
        <EntryRow chatId={chatId} entry={row.entry} />
      ) : (
        <div className={segmentClass(row.segment)}>
          <MarkdownView text={row.segment.text} />
        </div>
      ),
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
      items={rows}
      itemKey={rowKey}
      renderItem={renderRow}
      label="Conversation"
      resetKey={chatId}
      followKey={entries.findLast((entry) => entry.kind === 'user')?.id ?? ''}
    />
  );
}

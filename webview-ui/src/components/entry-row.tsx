/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { ConversationEntry } from '../../../src/protocol/conversation-entry';
import { MarkdownView } from '../markdown/markdown-view';
import { AttachmentChips } from './attachment-chips';
import { CompactionDivider } from './compaction-divider';
import { DiagnosticsRow } from './diagnostics-row';
import { EditPreview } from './edit-preview';
import { MessageContextDetails } from './message-context';
import { NoticeRow } from './notice-row';
import { PermissionPrompt } from './permission-prompt';
import { RewindActions } from './rewind-actions';
import { ToolCard } from './tool-card';
import { UsageLine } from './usage-line';

/** One conversation row, by kind. */
export function EntryRow({ chatId, entry }: { chatId: string; entry: ConversationEntry }): ReactNode {
  switch (entry.kind) {
    case 'user':
      return (
        <div className="message message-user">
          <p className="message-user-text">{entry.text}</p>
          <AttachmentChips chatId={chatId} attachments={entry.attachments} removable={false} />
          {entry.context === undefined ? null : <MessageContextDetails context={entry.context} />}
          {entry.checkpointId === undefined ? null : <RewindActions chatId={chatId} entryId={entry.id} />}
        </div>
      );
    case 'assistant':
      return (
        <div className="message message-assistant">
          <MarkdownView text={entry.text} />
        </div>
      );
    case 'tool':
      return <ToolCard entry={entry} />;
    case 'notice':
      return <NoticeRow entry={entry} />;
    case 'usage':
      return <UsageLine entry={entry} />;
    case 'permission':
      return <PermissionPrompt chatId={chatId} entry={entry} />;
    case 'edit':
      return <EditPreview chatId={chatId} entry={entry} />;
    case 'compaction':
      return <CompactionDivider entry={entry} />;
    case 'diagnostics':
      return <DiagnosticsRow entry={entry} />;
  }
}

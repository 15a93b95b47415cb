/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { RewindCommand } from '../../../src/protocol/checkpoint-events';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';

const actions: { mode: RewindCommand['mode']; icon: string; label: string }[] = [
  { mode: 'files', icon: 'discard', label: 'Restore files to before this message' },
  {
    mode: 'conversation',
    icon: 'comment-discussion',
    label: 'Restore the conversation to before this message',
  },
  { mode: 'both', icon: 'history', label: 'Restore files and conversation to before this message' },
  { mode: 'fork', icon: 'repo-forked', label: 'Fork a new chat from before this message' },
];

/**
 * The rewinds a message with a checkpoint offers. Nothing changes from here: the host shows what
 * would change (a file list with diffs) and asks first. Restores wait while the chat works; a fork
 * does not touch it and is always offered.
 */
export function RewindActions({ chatId, entryId }: { chatId: string; entryId: string }): ReactNode {
  const { post } = usePanel();
  const busy = usePanelState((view) => view.chats[chatId]?.busy ?? false);
  return (
    <div className="rewind-actions" role="toolbar" aria-label="Go back to before this message">
      {actions.map(({ mode, icon, label }) => (
        <button
          key={mode}
          type="button"
          className="icon-button"
          aria-label={label}
          title={busy && mode !== 'fork' ? `${label} (when the chat is idle)` : label}
          disabled={busy && mode !== 'fork'}
          onClick={() => post({ type: WebviewMessageType.RewindCommand, chatId, entryId, mode })}
        >
          <span className={`codicon codicon-${icon}`} aria-hidden="true" />
        </button>
      ))}
    </div>
  );
}

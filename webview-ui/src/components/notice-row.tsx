/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { ConversationEntryOf } from '../../../src/protocol/conversation-entry';
import type { FailAction } from '../../../src/protocol/wire-error';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel } from '../panel-context';

const actionLabels: Record<FailAction, string> = {
  'set-api-key': 'Set API key',
  'open-settings': 'Open settings',
};

/** The button an error offers, if any. */
export function FailActionButton({ action }: { action: FailAction | undefined }): ReactNode {
  const { post } = usePanel();
  if (action === undefined) return null;
  return (
    <button type="button" onClick={() => post({ type: WebviewMessageType.RunActionCommand, action })}>
      {actionLabels[action]}
    </button>
  );
}

const icons = {
  error: 'codicon-error',
  warning: 'codicon-warning',
  retry: 'codicon-sync',
  info: 'codicon-info',
};

/** An error, retry or info line inside the conversation. Errors are announced to screen readers. */
export function NoticeRow({ entry }: { entry: ConversationEntryOf<'notice'> }): ReactNode {
  return (
    <div className={`notice notice-${entry.level}`} role={entry.level === 'error' ? 'alert' : 'status'}>
      <span className={`codicon ${icons[entry.level]}`} aria-hidden="true" />
      <span className="notice-message">{entry.message}</span>
      <FailActionButton action={entry.action} />
    </div>
  );
}

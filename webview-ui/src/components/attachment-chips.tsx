/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { Attachment } from '../../../src/protocol/attachment';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel } from '../panel-context';

/** `src/a.ts` or `src/a.ts:3-7` (1-based, inclusive), as a person reads a selection. */
export function attachmentLabel(attachment: Attachment): string {
  const range = attachment.range;
  return range === undefined
    ? attachment.path
    : `${attachment.path}:${range.startLine + 1}-${Math.max(range.startLine + 1, range.endLine)}`;
}

/** The files and selections attached to a message; in the composer each can be removed. */
export function AttachmentChips({
  chatId,
  attachments,
  removable,
}: {
  chatId: string | null;
  attachments: readonly Attachment[];
  removable: boolean;
}): ReactNode {
  const { post } = usePanel();
  if (attachments.length === 0) return null;
  return (
    <ul className="attachment-list" aria-label="Attachments">
      {attachments.map((attachment) => {
        const label = attachmentLabel(attachment);
        return (
          <li key={`${attachment.kind}:${label}`} className="attachment-chip">
            <span className="codicon codicon-file" aria-hidden="true" />
            {label}
            {removable && chatId !== null ? (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${label}`}
                onClick={() => post({ type: WebviewMessageType.RemoveAttachmentCommand, chatId, attachment })}
              >
                <span className="codicon codicon-close" aria-hidden="true" />
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** @jsxRuntime automatic */
import { type ReactNode, useState } from 'react';
import type { ConversationEntryOf, ToolStatus } from '../../../src/protocol/conversation-entry';
import { formatDuration } from './format-usage';

const statusIcons: Record<ToolStatus, { icon: string; label: string }> = {
  running: { icon: 'codicon-loading codicon-modifier-spin', label: 'running' },
  done: { icon: 'codicon-check', label: 'done' },
  error: { icon: 'codicon-error', label: 'failed' },
  cancelled: { icon: 'codicon-circle-slash', label: 'cancelled' },
};

/** A compact tool call: status icon, name, key argument, duration; the result expands on demand. */
export function ToolCard({ entry }: { entry: ConversationEntryOf<'tool'> }): ReactNode {
  const [open, setOpen] = useState(false);
  const status = entry.isError && entry.status === 'done' ? statusIcons.error : statusIcons[entry.status];
  const hasResult = entry.resultPreview !== undefined && entry.resultPreview !== '';
  const resultId = `tool-result-${entry.id}`;
  return (
    <div className={`tool-card tool-${entry.status}${entry.isError ? ' tool-is-error' : ''}`}>
      <button
        type="button"
        className="tool-card-header"
        aria-expanded={hasResult ? open : undefined}
        aria-controls={hasResult && open ? resultId : undefined}
        disabled={!hasResult}
        onClick={() => setOpen(!open)}
        aria-label={`${entry.name} ${entry.summary}, ${status.label}${entry.durationMs === undefined ? '' : `, ${formatDuration(entry.durationMs)}`}`}
      >
        <span className={`codicon ${status.icon} tool-status`} aria-hidden="true" />
        <span className="tool-name">{entry.name}</span>
        <span className="tool-summary">{entry.summary}</span>
        {entry.durationMs === undefined ? null : (
          <span className="tool-duration">{formatDuration(entry.durationMs)}</span>
        )}
        {hasResult ? (
          <span
            className={`codicon ${open ? 'codicon-chevron-down' : 'codicon-chevron-right'}`}
            aria-hidden="true"
          />
        ) : null}
      </button>
      {entry.status === 'running' && entry.progress !== undefined ? (
        <div className="tool-progress">{entry.progress}</div>
      ) : null}
      {hasResult && open ? (
        <pre id={resultId} className="tool-result">
          {entry.resultPreview}
        </pre>
      ) : null}
    </div>
  );
}

/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import type { ConversationEntryOf } from '../../../src/protocol/conversation-entry';

const groups = [
  { key: 'fixed', label: 'fixed', icon: 'codicon-pass' },
  { key: 'stillFailing', label: 'still failing', icon: 'codicon-error' },
  { key: 'newProblems', label: 'new', icon: 'codicon-warning' },
] as const;

/**
 * What the editor reported after an accepted fix: "count.ts: 1 fixed · 1 still failing · 1 new",
 * with the problems themselves folded underneath. Announced, so a screen reader hears the result.
 */
export function DiagnosticsRow({ entry }: { entry: ConversationEntryOf<'diagnostics'> }): ReactNode {
  const shown = groups.filter((group) => entry[group.key].length > 0);
  return (
    <details className="diagnostics-row" role="status">
      <summary>
        <span className="codicon codicon-checklist" aria-hidden="true" /> {entry.path}:{' '}
        {shown.length === 0
          ? 'no problems reported'
          : shown.map((group, index) => (
              <span key={group.key} className={`diagnostics-${group.key}`}>
                {index > 0 ? ' · ' : ''}
                <span className={`codicon ${group.icon}`} aria-hidden="true" />
                {`${entry[group.key].length} ${group.label}`}
              </span>
            ))}
        {entry.settled ? null : <span className="card-hint"> (the language server was still busy)</span>}
      </summary>
      {shown.map((group) => (
        <div key={group.key}>
          <p className="diagnostics-heading">{group.label[0]?.toUpperCase() + group.label.slice(1)}</p>
          <ul>
            {entry[group.key].map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  );
}

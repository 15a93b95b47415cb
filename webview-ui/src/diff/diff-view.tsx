/** @jsxRuntime automatic */
import { type ReactNode, useMemo } from 'react';
import { type DiffLine, parseUnifiedDiff } from './parse-unified-diff';

const signs: Record<DiffLine['kind'], string> = { add: '+', remove: '-', context: ' ', hunk: '', meta: '' };

/** Beyond this many lines the preview is cut; "Open diff" shows the rest in the editor. */
export const maxPreviewLines = 400;

/**
 * A unified diff with old/new line numbers and theme-coloured additions and removals. Long lines
 * scroll sideways inside the preview (keyboard-scrollable too) instead of being cut at the edge
 * of a narrow panel.
 */
export function DiffView({ diff, label }: { diff: string; label: string }): ReactNode {
  const lines = useMemo(() => parseUnifiedDiff(diff), [diff]);
  const shown = lines.slice(0, maxPreviewLines);
  return (
    <div className="diff-view" role="table" aria-label={label} tabIndex={0}>
      <div className="diff-body" role="rowgroup">
        {shown.map((line, index) => (
          <div key={index} className={`diff-line diff-${line.kind}`} role="row">
            <span
              className="diff-number"
              role="cell"
              aria-label={line.oldLine === undefined ? undefined : `old ${line.oldLine}`}
            >
              {line.oldLine ?? ''}
            </span>
            <span
              className="diff-number"
              role="cell"
              aria-label={line.newLine === undefined ? undefined : `new ${line.newLine}`}
            >
              {line.newLine ?? ''}
            </span>
            <span className="diff-sign" role="cell" aria-hidden="true">
              {signs[line.kind]}
            </span>
            <span className="diff-text" role="cell">
              {line.text}
            </span>
          </div>
        ))}
        {lines.length > shown.length ? (
          <div className="diff-line diff-meta" role="row">
            <span role="cell">{`… ${lines.length - shown.length} more lines`}</span>
          </div>
        ) : null}
      </div>
    </div>
  );
}

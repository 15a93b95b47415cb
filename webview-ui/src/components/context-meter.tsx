/** @jsxRuntime automatic */
import type { ReactNode } from 'react';
import { usePanelState } from '../panel-context';
import { formatTokens } from './format-usage';

/** Above this share of the window the meter warns: auto-compaction is near. */
const warnShare = 0.8;

/** How full the model's context window is, after the latest model call of the chat. */
export function ContextMeter({ chatId }: { chatId: string | null }): ReactNode {
  const context = usePanelState((view) => (chatId === null ? null : (view.chats[chatId]?.context ?? null)));
  if (context === null || context.windowTokens === 0) return null;
  const share = Math.min(1, context.usedTokens / context.windowTokens);
  const percent = Math.round(share * 100);
  const label = `${formatTokens(context.usedTokens)} / ${formatTokens(context.windowTokens)}`;
  return (
    <div
      className={`context-meter${share >= warnShare ? ' context-meter-full' : ''}`}
      role="meter"
      aria-label="Context window used"
      aria-valuemin={0}
      aria-valuemax={context.windowTokens}
      aria-valuenow={context.usedTokens}
      aria-valuetext={`${label} tokens (${percent}%)`}
      title={`Context: ${label} tokens (${percent}%)`}
    >
      <span className="context-meter-bar" aria-hidden="true">
        <span className="context-meter-fill" style={{ width: `${percent}%` }} />
      </span>
      <span className="context-meter-label">{`${percent}%`}</span>
    </div>
  );
}

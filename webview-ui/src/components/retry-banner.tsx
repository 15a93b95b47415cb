/** @jsxRuntime automatic */
import { type ReactNode, useEffect, useState } from 'react';
import type { RetryState } from '../../../src/protocol/chat-snapshot';
import { usePanelState } from '../panel-context';

/** Whole seconds left until the retry, counted from when this retry arrived. */
function useSecondsLeft(retry: RetryState): number {
  const [arrivedAt] = useState(() => performance.now());
  const [seconds, setSeconds] = useState(() => Math.ceil(retry.delayMs / 1000));
  useEffect(() => {
    const timer = setInterval(() => {
      setSeconds(Math.max(0, Math.ceil((retry.delayMs - (performance.now() - arrivedAt)) / 1000)));
    }, 250);
    return () => clearInterval(timer);
  }, [retry, arrivedAt]);
  return seconds;
}

function Countdown({ retry }: { retry: RetryState }): ReactNode {
  const seconds = useSecondsLeft(retry);
  const attempt =
    retry.maxAttempts === undefined
      ? `attempt ${retry.attempt}`
      : `attempt ${retry.attempt} of ${retry.maxAttempts}`;
  return (
    <div className="banner banner-warning retry-banner" role="status">
      <span className="codicon codicon-sync codicon-modifier-spin" aria-hidden="true" />
      <span className="banner-message">{retry.message}</span>
      <span className="retry-countdown">
        {seconds > 0 ? `Retrying in ${seconds} s (${attempt})` : `Retrying now (${attempt})`}
      </span>
    </div>
  );
}

/** While a model call waits to be retried (rate limit, overload): why, and a countdown to the retry. */
export function RetryBanner({ chatId }: { chatId: string }): ReactNode {
  const retry = usePanelState((view) => view.chats[chatId]?.retry ?? null);
  // A new retry (a new object) restarts the countdown.
  return retry === null ? null : <Countdown key={`${retry.attempt}:${retry.delayMs}`} retry={retry} />;
}

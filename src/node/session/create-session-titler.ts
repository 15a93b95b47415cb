import type { Message } from '../../core/messages/message';
import type { ModelClient } from '../../core/model/model-client';
import type { Clock, Logger } from '../../core/ports';
import { SessionTitler } from '../../core/session/session-titler';
import type { JsonlTranscriptStore } from './jsonl-transcript-store';

/**
 * The titler of one saved session: the small model's titles are appended to its transcript (the
 * store announces them), and the title on disk — a rename made meanwhile included — is read
 * before each write.
 */
export function createSessionTitler(options: {
  store: JsonlTranscriptStore;
  sessionId: string;
  /** The small model role's client and model id. */
  small: { client: ModelClient; model: string };
  clock: Clock;
  logger: Logger;
  /** A resumed session's history. */
  history: readonly Message[] | undefined;
}): SessionTitler {
  const { store, sessionId, clock } = options;
  return new SessionTitler({
    ...options.small,
    write: (title) =>
      store.sink(sessionId).append({ type: 'title', title, source: 'model', timestamp: clock.now() }),
    current: () => {
      const summary = store.summary(sessionId)?.summary;
      return { title: summary?.title, source: summary?.titleSource };
    },
    clock,
    logger: options.logger,
    ...(options.history ? { history: options.history } : {}),
  });
}

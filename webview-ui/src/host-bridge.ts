import type { HostToWebviewMessage } from '../../src/protocol/host-to-webview-message';
import { hostToWebviewMessageSchema } from '../../src/protocol/host-to-webview-message';
import { WebviewMessageType } from '../../src/protocol/message-type';
import type { PanelView } from '../../src/protocol/panel-view';
import { reducePanel } from '../../src/protocol/reduce-panel';
import { toPersisted } from './state/persisted-state';
import type { Store } from './state/store';
import type { VsCodeApi } from './vscode-api';

/** Where host messages arrive: `window` in the page, any event target in tests. */
export interface MessageSource {
  addEventListener(type: 'message', listener: (event: { data?: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data?: unknown }) => void): void;
}

/** Frame scheduling when the page has it; absent in plain Node. */
const frames = globalThis as {
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
};

/** Options of {@link connectHost}. */
export interface HostBridgeOptions {
  store: Store<PanelView>;
  api: VsCodeApi;
  target: MessageSource;
  /** How long state may go unsaved, in milliseconds (a message being sent is saved at once). */
  persistDelayMs?: number;
  /** How long the composer's text may go without reaching the host, in milliseconds. */
  draftDelayMs?: number;
  /** Reports messages that failed validation (dropped). */
  onInvalid?: (issues: string) => void;
}

/**
 * The page's side of the wire. Validates each host message with `safeParse` and reduces them in
 * batches (at most one store update per animation frame; hidden webviews get no frames, so a timer
 * flushes too). Delivers the outbox once the host has answered `ready` — again after a reload,
 * which the host's dedupe by request id makes harmless — and mirrors the composer's text to the
 * host. Persists a bounded snapshot after changes. Returns a disposer.
 */
export function connectHost(options: HostBridgeOptions): () => void {
  const { store, api, target, persistDelayMs = 1000, draftDelayMs = 300 } = options;
  let queue: HostToWebviewMessage[] = [];
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;
  let draftTimer: ReturnType<typeof setTimeout> | undefined;
  const delivered = new Set<string>();
  const synced = new Map<string, string>();
  let previous = store.getState();

  const persist = (): void => {
    if (persistTimer !== undefined) clearTimeout(persistTimer);
    persistTimer = undefined;
    api.setState(toPersisted(store.getState()));
  };

  const syncDrafts = (): void => {
    draftTimer = undefined;
    for (const [chatId, text] of Object.entries(store.getState().composer)) {
      if (chatId === '' || synced.get(chatId) === text) continue;
      synced.set(chatId, text);
      api.postMessage({ type: WebviewMessageType.ChangeDraftCommand, chatId, text });
    }
  };

  const deliver = (view: PanelView): void => {
    if (!view.connected) return;
    for (const outgoing of view.outbox) {
      if (outgoing.chatId === null || delivered.has(outgoing.requestId)) continue;
      delivered.add(outgoing.requestId);
      const { requestId, chatId, text, attachments } = outgoing;
      api.postMessage({ type: WebviewMessageType.SendMessageRequest, requestId, chatId, text, attachments });
    }
  };

  const onChange = (): void => {
    const view = store.getState();
    if (view === previous) return;
    const outboxChanged = view.outbox !== previous.outbox;
    const composerChanged = view.composer !== previous.composer;
    previous = view;
    deliver(view);
    if (composerChanged) draftTimer ??= setTimeout(syncDrafts, draftDelayMs);
    // A message on its way is saved at once: a reload right after Enter must not lose it.
    if (outboxChanged) persist();
    else persistTimer ??= setTimeout(persist, persistDelayMs);
  };

  const flush = (): void => {
    if (frame !== undefined) frames.cancelAnimationFrame?.(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length > 0) store.setState((view) => batch.reduce(reducePanel, view));
  };

  const onMessage = (event: { data?: unknown }): void => {
    const parsed = hostToWebviewMessageSchema.safeParse(event.data);
    if (!parsed.success) {
      options.onInvalid?.(parsed.error.message);
      return;
    }
    queue.push(parsed.data);
    if (frame === undefined) frame = frames.requestAnimationFrame?.(flush);
    timer ??= setTimeout(flush, 100);
  };

  const unsubscribe = store.subscribe(onChange);
  target.addEventListener('message', onMessage);
  return () => {
    target.removeEventListener('message', onMessage);
    flush();
    unsubscribe();
    if (draftTimer !== undefined) {
      clearTimeout(draftTimer);
      syncDrafts();
    }
    if (persistTimer !== undefined) persist();
  };
}

import { hostToWebviewMessageSchema } from '../../src/protocol/host-to-webview-message';
import type { HostToWebviewMessage } from '../../src/protocol/host-to-webview-message';
import { applyHostMessage } from './state/apply-host-message';
import type { PanelState } from './state/panel-state';
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
  store: Store<PanelState>;
  api: VsCodeApi;
  target: MessageSource;
  /** How long state may go unsaved, in milliseconds. */
  persistDelayMs?: number;
  /** Reports messages that failed validation (dropped). */
  onInvalid?: (issues: string) => void;
}

/**
 * Listens for host messages, validates each with `safeParse`, and applies them in batches: at
 * most one store update per animation frame, however fast the host streams. Hidden webviews get
 * no frames, so a timer flushes too. Persists a bounded snapshot after changes. Returns a disposer.
 */
export function connectHost(options: HostBridgeOptions): () => void {
  const { store, api, target, persistDelayMs = 1000 } = options;
  let queue: HostToWebviewMessage[] = [];
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let persistTimer: ReturnType<typeof setTimeout> | undefined;

  const persist = (): void => {
    persistTimer = undefined;
    api.setState(toPersisted(store.getState()));
  };

  const flush = (): void => {
    if (frame !== undefined) frames.cancelAnimationFrame?.(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    store.setState((state) => batch.reduce(applyHostMessage, state));
    persistTimer ??= setTimeout(persist, persistDelayMs);
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

  target.addEventListener('message', onMessage);
  return () => {
    target.removeEventListener('message', onMessage);
    flush();
    if (persistTimer !== undefined) {
      clearTimeout(persistTimer);
      persist();
    }
  };
}

import { hostToWebviewMessageSchema } from '../../src/protocol/host-to-webview-message';
import type { HostToWebviewMessage } from '../../src/protocol/host-to-webview-message';
import { applyHostMessage } from './state/apply-host-message';
import type { PanelState } from './state/panel-state';
import { toPersisted } from './state/persisted-state';
import type { Store } from './state/store';
import type { VsCodeApi } from './vscode-api';

/** Options of {@link connectHost}. */
export interface HostBridgeOptions {
  store: Store<PanelState>;
  api: VsCodeApi;
  /** Where host messages arrive; `window` in the page. */
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>;
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
    if (frame !== undefined && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = undefined;
    timer = undefined;
    const batch = queue;
    queue = [];
    if (batch.length === 0) return;
    store.setState((state) => batch.reduce(applyHostMessage, state));
    persistTimer ??= setTimeout(persist, persistDelayMs);
  };

  const onMessage = (event: Event): void => {
    const parsed = hostToWebviewMessageSchema.safeParse((event as MessageEvent).data);
    if (!parsed.success) {
      options.onInvalid?.(parsed.error.message);
      return;
    }
    queue.push(parsed.data);
    if (frame === undefined && typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
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

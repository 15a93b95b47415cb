import type { WebviewToHostMessage } from '../../src/protocol/webview-to-host-message';

/** The part of the webview API the panel uses. */
export interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare global {
  /** Injected by VS Code into webviews; callable once per page. */
  function acquireVsCodeApi(): VsCodeApi;
}

/** The page's API handle. Outside VS Code (tests, previews) a no-op stand-in keeps state in memory. */
export function getVsCodeApi(): VsCodeApi {
  if (typeof acquireVsCodeApi === 'function') return acquireVsCodeApi();
  let state: unknown;
  return {
    postMessage: () => undefined,
    getState: () => state,
    setState: (next) => {
      state = next;
    },
  };
}

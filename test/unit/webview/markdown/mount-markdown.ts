import { createElement } from 'react';
import type { WebviewToHostMessage } from '../../../../src/protocol/webview-to-host-message';
import { MarkdownView } from '../../../../webview-ui/src/markdown/markdown-view';
import { PanelContext } from '../../../../webview-ui/src/panel-context';
import { initialPanelView } from '../../../../src/protocol/panel-view';
import { createStore } from '../../../../webview-ui/src/state/store';

/** A mounted `MarkdownView` with a recording host channel. */
export interface MountedMarkdown {
  container: HTMLElement;
  posted: WebviewToHostMessage[];
  /** Renders `text` into the same view, as a streamed message would. */
  show(text: string): Promise<void>;
  unmount(): Promise<void>;
}

/** Mounts a `MarkdownView` of `text` into the current DOM (see `installDom`). */
export async function mountMarkdown(text: string): Promise<MountedMarkdown> {
  const { createRoot } = await import('react-dom/client');
  const { act } = await import('react');
  const posted: WebviewToHostMessage[] = [];
  const panel = {
    store: createStore(initialPanelView()),
    post: (message: WebviewToHostMessage) => posted.push(message),
  };
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  const show = async (next: string): Promise<void> => {
    await act(async () =>
      root.render(
        createElement(PanelContext.Provider, { value: panel }, createElement(MarkdownView, { text: next })),
      ),
    );
  };
  await show(text);
  return {
    container,
    posted,
    show,
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

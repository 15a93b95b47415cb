import { createElement } from 'react';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';
import type { WebviewToHostMessage } from '../../../../src/protocol/webview-to-host-message';
import { App } from '../../../../webview-ui/src/components/app';
import { type PanelView, initialPanelView } from '../../../../src/protocol/panel-view';
import { reducePanel } from '../../../../src/protocol/reduce-panel';
import { type Store, createStore } from '../../../../webview-ui/src/state/store';

/** A mounted panel with a recording host channel. */
export interface MountedPanel {
  container: HTMLElement;
  store: Store<PanelView>;
  posted: WebviewToHostMessage[];
  /** Applies host messages inside `act`, as the bridge would. */
  receive(...messages: HostToWebviewMessage[]): Promise<void>;
  /** Runs `action` inside React's `act`, so effects and updates settle. */
  act(action: () => void): Promise<void>;
  unmount(): Promise<void>;
}

/** Mounts `<App>` into the current DOM (see `installDom`). */
export async function mountPanel(messages: readonly HostToWebviewMessage[] = []): Promise<MountedPanel> {
  const { createRoot } = await import('react-dom/client');
  const { act } = await import('react');
  const store = createStore(messages.reduce(reducePanel, initialPanelView()));
  const posted: WebviewToHostMessage[] = [];
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () =>
    root.render(createElement(App, { panel: { store, post: (message) => posted.push(message) } })),
  );
  const run = async (action: () => void): Promise<void> => {
    await act(async () => action());
  };
  return {
    container,
    store,
    posted,
    act: run,
    receive: (...incoming) => run(() => store.setState((state) => incoming.reduce(reducePanel, state))),
    unmount: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** The accessible name of an element as tests need it: aria-label, else its text. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label !== null) return label;
  if (element.id !== '') {
    const labelled = element.ownerDocument.querySelector(`label[for="${element.id}"]`);
    if (labelled !== null) return labelled.textContent?.trim() ?? '';
  }
  const wrapping = element.closest('label');
  if (wrapping !== null && wrapping !== element)
    return wrapping.querySelector('.picker-label')?.textContent?.trim() ?? wrapping.textContent?.trim() ?? '';
  return element.textContent?.trim() ?? '';
}

/** The button whose accessible name is exactly `name`; fails the test when absent. */
export function buttonNamed(container: Element, name: string): HTMLButtonElement {
  const button = [...container.querySelectorAll('button')].find(
    (candidate) => accessibleName(candidate) === name,
  );
  if (button === undefined) throw new Error(`no button named "${name}"`);
  return button as HTMLButtonElement;
}

/** Dispatches a keydown on `target`, as a key press reaches React. */
export async function pressKey(panel: MountedPanel, target: Element, init: KeyboardEventInit): Promise<void> {
  await panel.act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

/** Sets a text field's value the way typing does, so React's onChange sees it. */
export async function typeInto(
  panel: MountedPanel,
  field: HTMLTextAreaElement | HTMLInputElement,
  value: string,
): Promise<void> {
  await panel.act(() => {
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')?.set;
    setter?.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

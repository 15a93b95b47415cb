/** @jsxRuntime automatic */
import { createContext, useContext } from 'react';
import type { PanelView } from '../../src/protocol/panel-view';
import type { WebviewToHostMessage } from '../../src/protocol/webview-to-host-message';
import { type Store, useStore } from './state/store';

/** What every component may reach: the store and the way to the host. */
export interface Panel {
  store: Store<PanelView>;
  post: (message: WebviewToHostMessage) => void;
}

/** Provided once by the root; components read it with {@link usePanel}. */
export const PanelContext = createContext<Panel | null>(null);

/** The panel; throws only when a component is rendered outside `PanelContext` (a programming error). */
export function usePanel(): Panel {
  const panel = useContext(PanelContext);
  if (panel === null) throw new Error('usePanel: component rendered outside PanelContext');
  return panel;
}

/** Selects a slice of the panel view; re-renders on change only. */
export function usePanelState<S>(selector: (view: PanelView) => S): S {
  return useStore(usePanel().store, selector);
}

/** @jsxRuntime automatic */
import { createContext, useContext } from 'react';
import type { WebviewToHostMessage } from '../../src/protocol/webview-to-host-message';
import type { PanelState } from './state/panel-state';
import { type Store, useStore } from './state/store';

/** What every component may reach: the store and the way to the host. */
export interface Panel {
  store: Store<PanelState>;
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

/** Selects a slice of panel state; re-renders on change only. */
export function usePanelState<S>(selector: (state: PanelState) => S): S {
  return useStore(usePanel().store, selector);
}

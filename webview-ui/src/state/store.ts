import { useSyncExternalStore } from 'react';

/** A minimal external store: React reads it through `useSyncExternalStore`. */
export interface Store<T> {
  getState(): T;
  /** Replaces the state with `update(current)`; listeners run only when the reference changes. */
  setState(update: (current: T) => T): void;
  /** Returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Creates a store holding `initial`. State is treated as immutable: updates return new objects. */
export function createStore<T>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    setState(update) {
      const next = update(state);
      if (Object.is(next, state)) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Reads a slice of the store; the component re-renders only when the selected value changes
 * (by `Object.is`). Selectors must return existing references, not fresh objects.
 */
export function useStore<T, S>(store: Store<T>, selector: (state: T) => S): S {
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector(store.getState()),
  );
}

import { Window } from 'happy-dom';

const globalNames = [
  'window',
  'document',
  'navigator',
  'Node',
  'Element',
  'HTMLElement',
  'HTMLButtonElement',
  'HTMLInputElement',
  'HTMLTextAreaElement',
  'Event',
  'KeyboardEvent',
  'MouseEvent',
  'MessageEvent',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'getComputedStyle',
  'ResizeObserver',
] as const;

/** A live DOM for component tests. */
export interface DomEnvironment {
  window: Window;
  /** Removes the globals again, so other suites (model SDKs check `window`) see plain Node. */
  dispose(): Promise<void>;
}

/**
 * Installs a happy-dom window as globals. Call in `before()` and import `react-dom/client`
 * afterwards (dynamically): React decides at load time whether a DOM exists.
 */
export function installDom(): DomEnvironment {
  const window = new Window({ url: 'http://127.0.0.1/' });
  const target = globalThis as Record<string, unknown>;
  const saved = new Map<string, PropertyDescriptor | undefined>();
  for (const name of globalNames) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    const value = (window as unknown as Record<string, unknown>)[name];
    Object.defineProperty(globalThis, name, {
      value: typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(window) : value,
      configurable: true,
      writable: true,
    });
  }
  target.IS_REACT_ACT_ENVIRONMENT = true;
  return {
    window,
    async dispose() {
      await window.happyDOM.abort();
      window.close();
      for (const [name, descriptor] of saved) {
        if (descriptor === undefined) Reflect.deleteProperty(globalThis, name);
        else Object.defineProperty(globalThis, name, descriptor);
      }
      Reflect.deleteProperty(globalThis, 'IS_REACT_ACT_ENVIRONMENT');
    },
  };
}

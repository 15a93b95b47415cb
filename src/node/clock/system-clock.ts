import type { Clock } from '../../core/ports';

/**
 * The real clock: wall time in ms, `Math.random`, and a sleep that rejects with the signal's reason
 * when aborted (and clears its timer, so an aborted sleep never keeps the process alive).
 */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  random(): number {
    return Math.random();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

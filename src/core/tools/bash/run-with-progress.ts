import type { Clock, Shell, ShellRunOptions, ShellRunResult } from '../../ports';
import type { ToolProgress } from '../tool';

/** Longest progress text, in characters: the newest output is what a person watches. */
const maxProgressChars = 4_000;

/**
 * Runs a foreground command and yields its output as progress at most once per `throttleMs`, then
 * returns the shell's result. The throttle waits on `clock`, but never delays the result.
 */
export async function* runWithProgress(
  shell: Shell,
  options: Omit<ShellRunOptions, 'onOutput'>,
  throttle: { clock: Clock; throttleMs: number },
): AsyncGenerator<ToolProgress, ShellRunResult> {
  const pending: string[] = [];
  let wake: (() => void) | undefined;
  let settled = false;
  const running = shell.run({
    ...options,
    onOutput: (chunk) => {
      pending.push(chunk);
      wake?.();
    },
  });
  const finished = running.then(
    () => {
      settled = true;
      wake?.();
    },
    () => {
      settled = true;
      wake?.();
    },
  );
  let lastYield = Number.NEGATIVE_INFINITY;
  while (!settled) {
    await new Promise<void>((resolve) => {
      wake = resolve;
      if (pending.length > 0 || settled) resolve();
    });
    wake = undefined;
    const wait = throttle.throttleMs - (throttle.clock.now() - lastYield);
    if (!settled && wait > 0) await sleepUnlessDone(throttle.clock, wait, finished);
    if (settled) break;
    const text = pending.splice(0).join('');
    if (text.length === 0) continue;
    lastYield = throttle.clock.now();
    yield { type: 'progress', text: text.slice(-maxProgressChars) };
  }
  return running;
}

async function sleepUnlessDone(clock: Clock, ms: number, done: Promise<void>): Promise<void> {
  const controller = new AbortController();
  const sleeping = clock.sleep(ms, controller.signal).catch(() => {});
  await Promise.race([sleeping, done]);
  controller.abort();
}

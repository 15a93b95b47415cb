import type { Compactor } from '../context/compactor';
import type { Logger } from '../ports';
import type { HookRunner } from './hook-runner';

/**
 * A compactor that runs the PreCompact hooks first, telling them what really triggered it
 * (`manual`, `auto`, `reactive`) and the person's instructions; a hook that blocks stops the
 * compaction (logged, and the outcome says so). Never throws.
 */
export function withPreCompactHooks(
  compactor: Compactor,
  harness: { hooks: HookRunner; logger: Logger },
): Compactor {
  return async (request) => {
    const event = {
      event: 'PreCompact' as const,
      trigger: request.trigger,
      ...(request.instructions === undefined ? {} : { customInstructions: request.instructions }),
    };
    const outcome = await harness.hooks.run(event, request.signal);
    if (outcome.blocked) {
      const reason = `A PreCompact hook blocked compaction: ${outcome.blockReason ?? 'no reason given'}`;
      harness.logger.warn(reason);
      return { ok: false, reason };
    }
    return compactor(request);
  };
}

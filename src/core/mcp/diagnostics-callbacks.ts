import type { AgentOptions } from '../agent/agent';
import type { NewDiagnosticsTracker } from './new-diagnostics-tracker';

type Callbacks = Pick<AgentOptions, 'onPrompt' | 'reminders' | 'afterToolCall'>;

/**
 * The session callbacks with the IDE's new-diagnostics reminder woven in: a baseline when a message
 * arrives, the files every successful edit wrote, and after each tool round a reminder of the
 * problems those edits introduced. The callbacks it wraps run first and keep their results.
 */
export function withNewDiagnostics<T extends Callbacks>(callbacks: T, tracker: NewDiagnosticsTracker): T {
  return {
    ...callbacks,
    async onPrompt(prompt, agent, signal) {
      const outcome = callbacks.onPrompt
        ? await callbacks.onPrompt(prompt, agent, signal)
        : { reminders: [] };
      if (outcome.blocked === undefined) await tracker.takeBaseline(signal);
      return outcome;
    },
    async afterToolCall(call) {
      const result = callbacks.afterToolCall ? await callbacks.afterToolCall(call) : call.result;
      if (call.tool.permissionKind === 'edit' && !result.isError) {
        const paths = call.tool.filePaths(call.input, call.context);
        if (paths.length > 0) tracker.touched(paths);
      }
      return result;
    },
    async reminders(state, agent) {
      const earlier = callbacks.reminders ? await callbacks.reminders(state, agent) : [];
      const diagnostics = await tracker.reminder();
      return diagnostics ? [...earlier, diagnostics] : earlier;
    },
  };
}

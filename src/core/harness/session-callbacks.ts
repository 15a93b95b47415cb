import type { Agent, AgentOptions } from '../agent/agent';
import { changedFilesReminder } from '../context/changed-files-reminder';
import type { MemoryLoader } from '../context/memory/memory-loader';
import {
  dateReminder,
  hookContextReminder,
  localDate,
  memoryReminder,
  neutralizeReminderTags,
  todoReminder,
  wrapSystemReminder,
} from '../context/reminders';
import type { TodoReminderKind } from '../context/reminders';
import type { HookRunner } from '../hooks/hook-runner';
import type { Clock, Logger, Shell, Workspace } from '../ports';
import { checkBackgroundShells } from '../tools/bash/interactive-prompt';
import type { ToolResult } from '../tools/tool';

/** What the harness around one session's loop works with; `startupContext` is consumed by the first message. */
export interface SessionCallbackOptions {
  hooks: HookRunner;
  memory: MemoryLoader;
  workspace: Workspace;
  shell: Shell;
  clock: Clock;
  logger: Logger;
  /** SessionStart context, given to the first message of the session. */
  startupContext: string[];
}

type SessionCallbacks = Pick<AgentOptions, 'onPrompt' | 'onStop' | 'reminders' | 'afterToolCall'>;

/**
 * The harness around the loop: hooks (UserPromptSubmit, PostToolUse, Stop), lazy sub-folder memory,
 * the date (on the first message and when it changes), changed-file and todo reminders. All of it
 * arrives as `<system-reminder>` text, never as the person's words, and never in the system prompt,
 * whose cached prefix must not change during a session.
 */
export function createSessionCallbacks(options: SessionCallbackOptions): SessionCallbacks {
  const pending: string[] = [...options.startupContext];
  const lastReminderTurn: Partial<Record<TodoReminderKind, number>> = {};
  let stopContinuations = 0;
  const stuckShellsReported = new Set<string>();
  let announcedDate: string | undefined;

  const collectReminders = async (agent: Agent, turnCount: number): Promise<string[]> => {
    const reminders = pending.splice(0, pending.length);
    const today = localDate(options.clock.now());
    if (today !== announcedDate) {
      reminders.unshift(dateReminder(today, announcedDate !== undefined));
      announcedDate = today;
    }
    const changed = await changedFilesReminder({ cache: agent.fileState, workspace: options.workspace });
    if (changed) reminders.push(changed.text);
    for (const notice of checkBackgroundShells(options.shell, options.clock, stuckShellsReported)) {
      reminders.push(
        wrapSystemReminder(`Background shell ${notice.id} (\`${notice.command}\`): ${notice.message}`),
      );
    }
    const todo = todoReminder({
      todos: agent.todos.todos,
      turnCount,
      turnOfLastUpdate: agent.todos.turnOfLastUpdate,
      lastReminderTurn,
    });
    if (todo) {
      lastReminderTurn[todo.kind] = turnCount;
      reminders.push(todo.text);
    }
    return reminders;
  };

  return {
    async onPrompt(prompt, agent, signal) {
      stopContinuations = 0;
      const outcome = await options.hooks.run({ event: 'UserPromptSubmit', prompt }, signal);
      report(options.logger, 'UserPromptSubmit', outcome.messages);
      if (outcome.blocked)
        return {
          blocked: outcome.blockReason ?? 'A UserPromptSubmit hook blocked this message.',
          reminders: [],
        };
      const context = hookContextReminder('UserPromptSubmit', outcome.additionalContext);
      if (context) pending.push(context);
      return { reminders: await collectReminders(agent, 0) };
    },
    async reminders(state, agent) {
      return collectReminders(agent, state.turnCount);
    },
    async afterToolCall({ tool, input, result, context }) {
      let amended: ToolResult = neutralize(result);
      for (const path of tool.filePaths(input, context)) {
        const memory = await options.memory.memoryForPath(path);
        const text = memoryReminder(memory.files);
        if (text) pending.push(text);
      }
      const event = {
        event: 'PostToolUse' as const,
        toolName: tool.name,
        toolInput: input,
        toolResponse: typeof result.content === 'string' ? result.content : result.content,
        toolUseId: context.toolUseId,
      };
      if (!options.hooks.has(event)) return amended;
      const outcome = await options.hooks.run(event, context.signal);
      report(options.logger, 'PostToolUse', outcome.messages);
      const feedback = [
        outcome.blocked ? outcome.blockReason : undefined,
        ...outcome.additionalContext,
      ].filter((text): text is string => Boolean(text?.trim()));
      if (feedback.length > 0 && typeof amended.content === 'string') {
        amended = {
          ...amended,
          content: `${amended.content}\n\nPostToolUse hook feedback:\n${feedback.join('\n')}`,
        };
      }
      return amended;
    },
    async onStop() {
      const event = { event: 'Stop' as const, stopHookActive: stopContinuations > 0 };
      // Claude Code's guard: a Stop hook that keeps blocking cannot hold the agent forever.
      if (!options.hooks.has(event) || stopContinuations >= 8) return undefined;
      const outcome = await options.hooks.run(event, new AbortController().signal);
      report(options.logger, 'Stop', outcome.messages);
      if (!outcome.blocked) return undefined;
      stopContinuations += 1;
      return `A Stop hook asked you to continue: ${outcome.blockReason ?? 'no reason given'}`;
    },
  };
}

/** Tool output may quote files or web pages; it must not be able to pose as the harness. */
function neutralize(result: ToolResult): ToolResult {
  if (typeof result.content !== 'string') return result;
  return { ...result, content: neutralizeReminderTags(result.content) };
}

function report(logger: Logger, event: string, messages: readonly { level: string; text: string }[]): void {
  for (const message of messages) logger.warn(`${event} hook: ${message.text}`);
}

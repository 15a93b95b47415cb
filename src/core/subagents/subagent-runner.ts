import { Agent } from '../agent/agent';
import type { AgentPorts } from '../agent/agent';
import { dateReminder, localDate, neutralizeReminderTags } from '../context/reminders';
import type { PermissionGate } from '../execution/permission-gate';
import type { HookRunner } from '../hooks/hook-runner';
import type { AssistantMessage } from '../messages/message';
import type { ModelClient, ModelInfo, SystemBlock } from '../model/model-client';
import type { AnyTool, SubagentOutcome, SubagentRunner } from '../tools/tool';
import type { UsageLedger } from '../usage/usage-ledger';

export interface SubagentRunnerOptions {
  parentSessionId: string;
  client: ModelClient;
  model: string;
  tools: readonly AnyTool[];
  ports: AgentPorts;
  /** The parent's gate: a sub-agent's calls are asked about and ruled on exactly like the parent's. */
  gate: PermissionGate;
  cwd: string;
  system(model: ModelInfo): Promise<SystemBlock[]>;
  hooks: HookRunner;
  maxTurns?: number;
  /** The parent's ledger: a sub-agent's calls count toward the session's usage and cost. */
  usage?: UsageLedger;
}

const subagentNote = `You are a sub-agent: another agent gave you the task in the first message and reads only your final message. Work on your own (nobody answers questions), then end with a complete, self-contained report of what you found or changed, with file paths and line numbers.`;

/**
 * Runs Task sub-agents: each one a fresh Agent with its own history (not saved as a session), the
 * configured sub-agent model, the same ports and permission gate, and the tools it is given (the
 * caller offers the sub-agent set: no Task, no TodoWrite). Never throws: failures are outcomes.
 */
export function createSubagentRunner(options: SubagentRunnerOptions): SubagentRunner {
  let count = 0;
  return {
    async run(request, signal): Promise<SubagentOutcome> {
      count += 1;
      const agent = new Agent({
        sessionId: `${options.parentSessionId}-task-${count}`,
        client: options.client,
        model: options.model,
        maxTurns: options.maxTurns ?? 40,
        tools: options.tools,
        ports: options.ports,
        gate: options.gate,
        cwd: options.cwd,
        system: async (model) => [...(await options.system(model)), { text: subagentNote }],
        ...(options.usage ? { usage: options.usage } : {}),
      });
      let reason: string | undefined;
      try {
        // The date is no part of the (cached) system prompt; like the parent's first message, the task carries it.
        const today = dateReminder(localDate(options.ports.clock.now()), false);
        const run = agent.submit(
          [
            { type: 'text', text: request.prompt },
            { type: 'text', text: today },
          ],
          signal,
        );
        for (;;) {
          const step = await run.next();
          if (step.done) {
            reason = step.value;
            break;
          }
          const event = step.value;
          if (event.type === 'tool-execution-start')
            request.onProgress(`${event.name} ${event.summary}`.trim());
          if (event.type === 'loop-error') request.onProgress(`error: ${event.error.message}`);
        }
      } catch (error) {
        return { ok: false, message: String(error) };
      }
      await options.hooks.run({ event: 'SubagentStop', stopHookActive: false }, signal);
      const last = [...agent.messages]
        .reverse()
        .find((message): message is AssistantMessage => message.role === 'assistant');
      const text =
        last?.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('') ?? '';
      const turns = agent.messages.filter((message) => message.role === 'assistant').length;
      if (reason !== 'completed' && reason !== 'max_turns')
        return { ok: false, message: `it stopped (${reason})` };
      // The report is tool output to the parent: it must not be able to pose as the harness.
      const report = neutralizeReminderTags(text);
      return {
        ok: true,
        text: reason === 'max_turns' ? `${report}\n\n(The sub-agent hit its turn limit.)` : report,
        turns,
      };
    },
  };
}

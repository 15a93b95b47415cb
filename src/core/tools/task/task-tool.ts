import { z } from 'zod';
import { buildTool } from '../build-tool';
import { errorResult, textResult } from '../tool';
import type { ToolProgress } from '../tool';

export const taskInputSchema = z.object({
  description: z.string().min(1).describe('3–5 words shown to the person.'),
  prompt: z.string().min(1).describe('The whole task: the sub-agent sees nothing else.'),
  subagent_type: z.string().optional().describe('Reserved: "general-purpose" only.'),
});

export type TaskInput = z.infer<typeof taskInputSchema>;

const description = `Hands a self-contained task to a sub-agent with a fresh context and the same tools (but Task and TodoWrite); it returns one report. For broad searches or research that would flood this conversation, or several independent investigations at once (the calls in one message); not for one read or grep. Give it everything it needs in prompt, and say what the report must contain.`;

/**
 * The Task tool. The sub-agent's own tool calls pass the same permission layers, so Task itself
 * needs no approval; several run in parallel. Its progress lines name the sub-agent's tool calls.
 */
export const taskTool = buildTool<TaskInput>({
  name: 'Task',
  permissionKind: 'other',
  // Sub-agents do not nest.
  offeredToSubagents: false,
  description,
  inputSchema: taskInputSchema,
  maxResultChars: 40_000,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  summarize: (input) => input.description,
  async *call(input, context) {
    const runner = context.subagents;
    if (!runner) return errorResult('Sub-agents cannot start further sub-agents: do this task yourself.');
    const progress: string[] = [];
    let wake: (() => void) | undefined;
    const running = runner.run(
      {
        description: input.description,
        prompt: input.prompt,
        onProgress: (text) => {
          progress.push(text);
          wake?.();
        },
      },
      context.signal,
    );
    let settled = false;
    void running.finally(() => {
      settled = true;
      wake?.();
    });
    while (!settled) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (progress.length > 0 || settled) resolve();
      });
      for (const text of progress.splice(0)) yield { type: 'progress', text } satisfies ToolProgress;
    }
    const outcome = await running;
    if (!outcome.ok) return errorResult(`The sub-agent did not finish: ${outcome.message}`);
    return textResult(outcome.text || '(the sub-agent returned no text)');
  },
});

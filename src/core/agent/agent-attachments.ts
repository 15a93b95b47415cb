import { compactionAttachments } from '../context/pipeline/compaction-attachments';
import type { Message, ToolUseBlock } from '../messages/message';
import type { TodoItem } from '../todos/todo-store';
import type { AnyTool, ToolContext } from '../tools/tool';

/** What an agent re-attaches after a compaction's summary, and what it reads them with. */
export interface AgentAttachmentRequest {
  messages: readonly Message[];
  kept: readonly Message[];
  budgetChars: number;
  signal: AbortSignal;
  todos: readonly TodoItem[];
  tools: readonly AnyTool[];
  /** A context for the Read calls that fetch recent files again. */
  contextFor(signal: AbortSignal): ToolContext;
  /** The host's own attachments (the plan, pending reviews). */
  extra?: () => Promise<string[]>;
}

const readToolName = 'Read';

/**
 * The agent's attachments: the host's, the todo list, and the files it read most recently, read
 * again with its own Read tool (so they look as Read shows them, and count as read); no Read
 * tool, no files. Never throws: a file that cannot be read, or a host that fails, is left out.
 */
export async function agentAttachments(request: AgentAttachmentRequest): Promise<string[]> {
  const read = request.tools.find((tool) => tool.name === readToolName);
  const extra = request.extra ? await request.extra().catch(() => []) : [];
  return compactionAttachments({
    todos: request.todos,
    messages: request.messages,
    kept: request.kept,
    budgetChars: request.budgetChars,
    extra,
    fileReadBy: (call) => (read ? filePathOf(call) : undefined),
    readFile: async (path) => {
      if (!read) return undefined;
      try {
        const run = read.call({ file_path: path }, request.contextFor(request.signal));
        let step = await run.next();
        while (!step.done) step = await run.next();
        const result = step.value;
        return result.isError || typeof result.content !== 'string' ? undefined : result.content;
      } catch {
        return undefined;
      }
    },
  });
}

function filePathOf(call: ToolUseBlock): string | undefined {
  if (call.name !== readToolName) return undefined;
  const input = call.input as { file_path?: unknown } | null;
  return typeof input?.file_path === 'string' ? input.file_path : undefined;
}

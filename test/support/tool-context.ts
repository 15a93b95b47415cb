import type { AgentPorts } from '../../src/core/agent/agent';
import type { ModelInfo } from '../../src/core/model/model-client';
import type { Clock, Fetcher, FileSearch, Shell, Workspace } from '../../src/core/ports';
import { silentLogger } from '../../src/core/ports';
import { DirectFileWriter } from '../../src/core/tools/direct-file-writer';
import { FileStateCache } from '../../src/core/tools/file-state-cache';
import type { FileWriter } from '../../src/core/tools/file-writer';
import type { AnyTool, ToolContext, ToolProgress, ToolResult } from '../../src/core/tools/tool';
import { TodoStore } from '../../src/core/todos/todo-store';
import { MemoryWorkspace } from './memory-workspace';

export const testModel: ModelInfo = {
  id: 'test-model',
  provider: 'test',
  contextWindow: 200_000,
  maxOutputTokens: 8_192,
  editTool: 'edit',
  supportsImages: true,
};

const unavailable = (what: string) => () => {
  throw new Error(`${what} is not available in this test context`);
};

export const realClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
};

/** Ports over fakes: the given workspace, a real clock, and a shell, search and fetcher that refuse. */
export function testPorts(workspace: Workspace = new MemoryWorkspace()): AgentPorts {
  return {
    workspace,
    shell: {
      run: unavailable('Shell'),
      startBackground: unavailable('Shell'),
      background: () => undefined,
      listBackground: () => [],
      dispose: async () => {},
    } as Shell,
    search: { glob: unavailable('FileSearch'), grep: unavailable('FileSearch') } as FileSearch,
    fetcher: { fetch: unavailable('Fetcher') } as Fetcher,
    clock: realClock,
    logger: silentLogger,
  };
}

/** A ToolContext over fakes; pass real adapters in `overrides` for node-level tests. */
export function createToolContext(overrides: Partial<ToolContext> = {}): ToolContext {
  const workspace: Workspace = overrides.workspace ?? new MemoryWorkspace();
  const writer: FileWriter = overrides.writer ?? new DirectFileWriter(workspace);
  return {
    toolUseId: 'toolu_test',
    signal: new AbortController().signal,
    cwd: workspace.roots[0] ?? '/work',
    ...testPorts(workspace),
    fileState: new FileStateCache(),
    writer,
    todos: new TodoStore(),
    model: testModel,
    turn: 1,
    shellState: { cwd: workspace.roots[0] ?? '/work' },
    ...overrides,
  };
}

/** Runs a tool the way the executor does: parse input, drain progress, return the result. */
export async function runTool(
  tool: AnyTool,
  input: unknown,
  context: ToolContext,
): Promise<{ result: ToolResult; progress: ToolProgress[] }> {
  const parsed = tool.inputSchema.safeParse(input);
  if (!parsed.success) return { result: { content: parsed.error.message, isError: true }, progress: [] };
  const progress: ToolProgress[] = [];
  const generator = tool.call(parsed.data, context);
  for (;;) {
    const step = await generator.next();
    if (step.done) return { result: step.value, progress };
    progress.push(step.value);
  }
}

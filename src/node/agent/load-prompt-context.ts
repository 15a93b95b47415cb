import { MemoryLoader } from '../../core/context/memory/memory-loader';
import type { MemoryFile } from '../../core/context/memory/memory-loader';
import { gitStatusReminder, hookContextReminder } from '../../core/context/reminders';
import { defaultSystemPromptSections } from '../../core/context/sections/default-sections';
import { SystemPromptBuilder } from '../../core/context/system-prompt';
import type { McpServerInstructions, PromptEnvironment } from '../../core/context/system-prompt';
import type { HookRunner } from '../../core/hooks/hook-runner';
import type { AutoMemoryPrompt } from '../../core/memory/memory-section';
import { autoMemorySection } from '../../core/memory/memory-section';
import type { ModelInfo, SystemBlock } from '../../core/model/model-client';
import type { Logger } from '../../core/ports';
import { NodeMemoryReader } from '../memory/node-memory-reader';
import { gatherPromptEnvironment } from './prompt-environment';

/** Where the session runs, and what starts it. */
export interface PromptContextOptions {
  homeDir: string;
  projectRoot: string;
  cwd: string;
  logger: Logger;
  hooks: HookRunner;
  /** Told to SessionStart hooks. */
  source: 'startup' | 'resume';
  /** What connected MCP servers say about their tools, read at every build. */
  mcpInstructions?(): McpServerInstructions[];
  /** The project's auto-memory, shown in its own section; absent when it is off. */
  autoMemory?: AutoMemoryPrompt;
}

/** What the prompt of a session is built from. */
export interface PromptContext {
  /** Memory files found so far; sub-folder memory loads as the agent reaches those folders. */
  memory: MemoryLoader;
  /** The system prompt for a model (sections memoise themselves). */
  system(model: ModelInfo): Promise<SystemBlock[]>;
  /** The git status at the start and SessionStart hooks' context, as reminders for the first message. */
  startupContext: string[];
}

/**
 * Loads the memory files (problems are logged), gathers the environment once and runs the
 * SessionStart hooks. Never throws for a missing file or a failing hook.
 */
export async function loadPromptContext(options: PromptContextOptions): Promise<PromptContext> {
  const { homeDir, projectRoot, cwd, logger } = options;
  const memory = new MemoryLoader({ reader: new NodeMemoryReader(), homeDir, projectRoot, cwd });
  const initial = await memory.loadInitial();
  for (const problem of initial.problems) logger.warn(`memory: ${problem.path}: ${problem.message}`);
  const { environment, gitStatus } = await gatherPromptEnvironment(cwd);
  const startup = await options.hooks.run(
    { event: 'SessionStart', source: options.source },
    new AbortController().signal,
  );
  const startupContext = [
    gitStatus === undefined ? undefined : gitStatusReminder(gitStatus),
    hookContextReminder('SessionStart', startup.additionalContext),
  ].filter((text): text is string => text !== undefined);
  return {
    memory,
    system: systemPrompt(environment, initial.files, {
      mcpInstructions: options.mcpInstructions ?? (() => []),
      autoMemory: options.autoMemory,
    }),
    startupContext,
  };
}

function systemPrompt(
  environment: PromptEnvironment,
  memory: readonly MemoryFile[],
  extra: { mcpInstructions: () => McpServerInstructions[]; autoMemory: AutoMemoryPrompt | undefined },
): (model: ModelInfo) => Promise<SystemBlock[]> {
  const sections = defaultSystemPromptSections();
  const prompt = new SystemPromptBuilder(
    extra.autoMemory ? [...sections, autoMemorySection(extra.autoMemory)] : sections,
  );
  return async (model) =>
    prompt.build({ model, environment, memory, mcpInstructions: extra.mcpInstructions() });
}

import type { AutoMemoryPrompt } from '../../core/memory/memory-section';
import { memoryIndexName } from '../../core/memory/memory-path';
import { createMemoryTool } from '../../core/memory/memory-tool';
import type { Logger } from '../../core/ports';
import type { SettingsLevel } from '../../core/settings/merge-settings';
import type { AnyTool } from '../../core/tools/tool';
import type { MemoryLocation } from './memory-location';
import { resolveMemoryLocation } from './memory-location';
import { NodeMemoryFolder } from './node-memory-folder';

/** A session's auto-memory: where it is, the Memory tool over it, and what the prompt shows of it. */
export interface AutoMemory {
  location: MemoryLocation;
  /** Undefined when auto-memory is off. */
  tool: AnyTool | undefined;
  prompt: AutoMemoryPrompt | undefined;
}

/**
 * Opens the project's memory folder for a session: decides where it is (ignored settings are
 * logged), reads MEMORY.md once for the prompt and builds the Memory tool. Off when `enabled` is
 * false or a settings level says `autoMemoryEnabled: false`. Never throws: an unreadable index is
 * logged and treated as empty.
 */
export async function openAutoMemory(options: {
  projectRoot: string;
  homeDir: string;
  env: Record<string, string | undefined>;
  levels: readonly SettingsLevel[];
  enabled: boolean;
  logger: Logger;
}): Promise<AutoMemory> {
  const location = resolveMemoryLocation(options);
  for (const problem of location.problems) options.logger.warn(`settings: ${problem}`);
  if (!options.enabled || !location.enabled) return { location, tool: undefined, prompt: undefined };
  const folder = new NodeMemoryFolder(location.location);
  let index: string | undefined;
  try {
    index = await folder.read(memoryIndexName);
  } catch (error) {
    options.logger.warn(`Could not read ${memoryIndexName} of the memory folder`, error);
  }
  return { location, tool: createMemoryTool(folder), prompt: { location: location.location, index } };
}

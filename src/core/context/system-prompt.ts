import type { ModelInfo, SystemBlock } from '../model/model-client';
import type { MemoryFile } from './memory/memory-loader';

/**
 * Facts about the machine and project that hold for the whole session and across sessions in the
 * same folder, gathered by the caller once. Facts that change (the date, the git status) travel as
 * reminders in the conversation instead, so the cached prompt stays the same.
 */
export interface PromptEnvironment {
  platform: string;
  cwd: string;
  isGitRepo: boolean;
  shell?: string;
}

/** The `instructions` an MCP server returned from `initialize`. */
export interface McpServerInstructions {
  server: string;
  instructions: string;
}

/** Everything a section may draw on. */
export interface SystemPromptContext {
  model: ModelInfo;
  environment: PromptEnvironment;
  memory: readonly MemoryFile[];
  mcpInstructions: readonly McpServerInstructions[];
}

/**
 * One part of the system prompt. Static sections come before the cache boundary and must depend
 * only on the model (they are identical for every session with that model). A non-volatile section
 * is rendered once per builder and model and reused; a volatile one is rendered on every build and
 * placed after every other section, past the last cache breakpoint of the system prompt, so its
 * changes cost the conversation's cache but not the prompt's. Facts that change during a session
 * belong in reminders, not in sections. `render` returns undefined (or an empty string) to leave
 * the section out.
 */
export interface SystemPromptSection {
  id: string;
  placement: 'static' | 'dynamic';
  volatile?: boolean;
  render(context: SystemPromptContext): string | undefined;
}

/**
 * Builds the system prompt of one session as blocks in three layers, each ending at a cache
 * breakpoint where it has blocks: the static sections (shared by every session on the model), the
 * non-volatile dynamic sections (the session's environment, memory), then the volatile ones
 * (unmarked). Non-volatile sections are memoised per model, so a sub-agent on another model gets
 * its own text; `invalidate` drops the memo (for example the memory after a compaction).
 */
export class SystemPromptBuilder {
  readonly #sections: readonly SystemPromptSection[];
  readonly #cache = new Map<string, string | undefined>();

  constructor(sections: readonly SystemPromptSection[]) {
    const layer = (section: SystemPromptSection): number =>
      section.placement === 'static' ? 0 : section.volatile === true ? 2 : 1;
    this.#sections = [0, 1, 2].flatMap((index) => sections.filter((section) => layer(section) === index));
  }

  build(context: SystemPromptContext): SystemBlock[] {
    const blocks: SystemBlock[] = [];
    const layerEnds = new Map<string, SystemBlock>();
    for (const section of this.#sections) {
      const text = this.#render(section, context);
      if (text === undefined || text.trim() === '') continue;
      const block: SystemBlock = { text };
      blocks.push(block);
      if (section.volatile !== true) layerEnds.set(section.placement, block);
    }
    for (const block of layerEnds.values()) block.cacheBreakpoint = true;
    return blocks;
  }

  /** Forgets one memoised section, or all of them. */
  invalidate(id?: string): void {
    if (id === undefined) this.#cache.clear();
    else for (const key of [...this.#cache.keys()]) if (key.endsWith(`\n${id}`)) this.#cache.delete(key);
  }

  #render(section: SystemPromptSection, context: SystemPromptContext): string | undefined {
    if (section.volatile === true) return section.render(context);
    const key = `${context.model.id}\n${section.id}`;
    if (this.#cache.has(key)) return this.#cache.get(key);
    const text = section.render(context);
    this.#cache.set(key, text);
    return text;
  }
}

/** The blocks joined as one text (for logs, the CLI's `--print-system-prompt` and size checks). */
export function systemPromptText(blocks: readonly SystemBlock[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

import type { ModelInfo, SystemBlock } from '../model/model-client';
import type { MemoryFile } from './memory/memory-loader';

/** Facts about the machine and project, gathered by the caller once per session. */
export interface PromptEnvironment {
  platform: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  cwd: string;
  isGitRepo: boolean;
  /** A short `git status` summary (branch, changed files), already capped by the caller. */
  gitStatus?: string;
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
 * is rendered once per builder and reused; a volatile one is rendered on every build.
 * `render` returns undefined (or an empty string) to leave the section out.
 */
export interface SystemPromptSection {
  id: string;
  placement: 'static' | 'dynamic';
  volatile?: boolean;
  render(context: SystemPromptContext): string | undefined;
}

/**
 * Builds the system prompt of one session as blocks: static sections in order, a cache breakpoint
 * on the last of them, then the dynamic sections. Non-volatile sections are memoised; `invalidate`
 * drops the memo (for example the memory after a compaction).
 */
export class SystemPromptBuilder {
  readonly #sections: readonly SystemPromptSection[];
  readonly #cache = new Map<string, string | undefined>();

  constructor(sections: readonly SystemPromptSection[]) {
    this.#sections = [
      ...sections.filter((section) => section.placement === 'static'),
      ...sections.filter((section) => section.placement === 'dynamic'),
    ];
  }

  build(context: SystemPromptContext): SystemBlock[] {
    const blocks: SystemBlock[] = [];
    let lastStatic: SystemBlock | undefined;
    for (const section of this.#sections) {
      const text = this.#render(section, context);
      if (text === undefined || text.trim() === '') continue;
      const block: SystemBlock = { text };
      blocks.push(block);
      if (section.placement === 'static') lastStatic = block;
    }
    if (lastStatic) lastStatic.cacheBreakpoint = true;
    return blocks;
  }

  /** Forgets one memoised section, or all of them. */
  invalidate(id?: string): void {
    if (id === undefined) this.#cache.clear();
    else this.#cache.delete(id);
  }

  #render(section: SystemPromptSection, context: SystemPromptContext): string | undefined {
    if (section.volatile === true) return section.render(context);
    if (this.#cache.has(section.id)) return this.#cache.get(section.id);
    const text = section.render(context);
    this.#cache.set(section.id, text);
    return text;
  }
}

/** The blocks joined as one text (for logs, the CLI's `--print-system-prompt` and size checks). */
export function systemPromptText(blocks: readonly SystemBlock[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

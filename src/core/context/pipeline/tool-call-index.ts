import type { Message, ToolUseBlock } from '../../messages/message';

/**
 * The tool calls of a history by id, kept up to date as the history grows: each call reaches it
 * once, so looking one up costs nothing per turn. A different or shorter history (a rewind) is
 * indexed again from the start.
 */
export class ToolCallIndex {
  readonly #calls = new Map<string, ToolUseBlock>();
  #scanned: { history: readonly Message[]; length: number } | undefined;

  /** The calls of `history`, by id. */
  of(history: readonly Message[]): ReadonlyMap<string, ToolUseBlock> {
    const scanned = this.#scanned;
    let from = scanned?.history === history && scanned.length <= history.length ? scanned.length : 0;
    if (from === 0) this.#calls.clear();
    for (; from < history.length; from += 1) {
      const message = history[from]!;
      if (message.role !== 'assistant') continue;
      for (const block of message.content) if (block.type === 'tool_use') this.#calls.set(block.id, block);
    }
    this.#scanned = { history, length: history.length };
    return this.#calls;
  }
}

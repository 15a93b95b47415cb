import type {
  AssistantBlock,
  AssistantMessage,
  Message,
  ToolResultBlock,
  UserMessage,
} from '../messages/message';

/** The result a tool call gets when the process running it ended before it finished. */
export const unfinishedToolResult =
  'Interrupted: Tandem stopped before this tool call finished, so its result was lost. It may have done part of its work; check before relying on it.';

/**
 * The turn a transcript was streaming when it was last written, rebuilt from its stream entries
 * (`stream-text`, `stream-block`, `tool-result`). A message entry supersedes the stream entries
 * before it; when none came (the process was killed mid-answer, or mid-tool-call), {@link close}
 * turns what was saved into messages: the answer so far, marked interrupted, and a result for
 * every tool call that has none, so the history stays valid for the API.
 */
export class PendingTurn {
  #blocks: AssistantBlock[] = [];
  readonly #results = new Map<string, ToolResultBlock>();

  text(text: string): void {
    const last = this.#blocks.at(-1);
    if (last?.type === 'text')
      this.#blocks[this.#blocks.length - 1] = { type: 'text', text: last.text + text };
    else this.#blocks.push({ type: 'text', text });
  }

  block(block: AssistantBlock): void {
    this.#blocks.push(block);
  }

  result(result: ToolResultBlock): void {
    this.#results.set(result.toolUseId, result);
  }

  /** The stream so far was thrown away and the call retried. */
  discard(): void {
    this.#blocks = [];
    this.#results.clear();
  }

  /**
   * Called for each message entry, before it joins `history`; returns the messages that must come
   * first. The streamed answer's own message makes its stream entries moot (its tools' results may
   * still follow); the tool-results message ends the turn; any other user message (the person's
   * next one, after a resume) first closes a turn the transcript left open.
   */
  beforeMessage(message: Message, history: readonly Message[]): Message[] {
    if (message.role === 'assistant') {
      this.#blocks = [];
      return [];
    }
    if (message.content.some((block) => block.type === 'tool_result')) {
      this.discard();
      return [];
    }
    return this.close(history);
  }

  /** The messages that close an open turn at the end of `history` (none when it is closed). */
  close(history: readonly Message[]): Message[] {
    const closing: Message[] = [];
    const last = history.at(-1);
    const dangling = last?.role === 'assistant' ? this.#answer(last) : undefined;
    if (dangling) closing.push(dangling);
    if (this.#blocks.some((block) => block.type === 'text' || block.type === 'tool_use')) {
      const interrupted: AssistantMessage = { role: 'assistant', content: this.#blocks, interrupted: true };
      closing.push(interrupted);
      const answered = this.#answer(interrupted);
      if (answered) closing.push(answered);
    }
    this.discard();
    return closing;
  }

  /** A result for each tool call of `message`: the saved one, else {@link unfinishedToolResult}. */
  #answer(message: AssistantMessage): UserMessage | undefined {
    const calls = message.content.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
    if (calls.length === 0) return undefined;
    const content = calls.map(
      (toolUseId): ToolResultBlock =>
        this.#results.get(toolUseId) ?? {
          type: 'tool_result',
          toolUseId,
          content: unfinishedToolResult,
          isError: true,
        },
    );
    return { role: 'user', synthetic: true, content };
  }
}

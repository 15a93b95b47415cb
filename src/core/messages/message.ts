/**
 * The conversation as the core keeps it. Shaped after the Anthropic Messages content blocks because
 * they are the richest common form; the OpenAI adapter maps to and from it. Plain data: every value
 * here survives JSON (sessions are JSONL of these).
 */
export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ImageBlock {
  type: 'image';
  /** IANA media type: image/png, image/jpeg, image/gif or image/webp. */
  mediaType: string;
  /** Base64 without a data: prefix. */
  data: string;
}

/** Kept verbatim across turns: Anthropic rejects a tool turn whose thinking was altered or dropped. */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: unknown;
}

export interface ToolResultBlock {
  type: 'tool_result';
  toolUseId: string;
  content: string | (TextBlock | ImageBlock)[];
  isError: boolean;
}

export type AssistantBlock = TextBlock | ThinkingBlock | RedactedThinkingBlock | ToolUseBlock;
export type UserBlock = TextBlock | ImageBlock | ToolResultBlock;
export type ContentBlock = AssistantBlock | UserBlock;

export interface UserMessage {
  role: 'user';
  content: UserBlock[];
  /** True for harness-made turns (tool results, reminders); the panel does not show them as typed. */
  synthetic?: boolean;
}

export interface AssistantMessage {
  role: 'assistant';
  content: AssistantBlock[];
  /** The model that wrote it; lets a resumed session show which model answered. */
  model?: string;
  /**
   * Set when a stream error cut the message off: it holds only the blocks that were complete, up
   * to its last complete tool call. `reason` is the error as the provider reported it.
   */
  cutOff?: { reason: string };
  /**
   * Cut off before the model finished (Stop, or a process killed mid-answer): what had streamed by
   * then. Sent to the model like any assistant message; the panel marks it.
   */
  interrupted?: boolean;
}

export type Message = UserMessage | AssistantMessage;

/** Token counts as the providers report them; absent counts are 0. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
}

export const emptyUsage = (): Usage => ({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheCreationTokens: 0,
});

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
    cacheCreationTokens: a.cacheCreationTokens + b.cacheCreationTokens,
  };
}

export function textOf(blocks: readonly ContentBlock[]): string {
  return blocks
    .filter((block): block is TextBlock => block.type === 'text')
    .map((block) => block.text)
    .join('');
}

export function userText(text: string): UserMessage {
  return { role: 'user', content: [{ type: 'text', text }] };
}

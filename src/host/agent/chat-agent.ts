import type { LoopEvent, TerminalReason } from '../../core/loop/loop-event';
import type { UserBlock } from '../../core/messages/message';
import type { Approver } from '../../core/ports';
import type { FileWriter } from '../../core/tools/file-writer';
import type { FailAction } from '../../protocol/conversation-entry';

/** What a chat needs from the agent core: one turn per message. */
export interface ChatAgent {
  /** `prompt` as blocks when the message carries context beside the person's text. */
  submit(prompt: string | UserBlock[], signal: AbortSignal): AsyncGenerator<LoopEvent, TerminalReason>;
}

/** Everything the host supplies to build one chat's agent. */
export interface ChatAgentRequest {
  approver: Approver;
  /** Shows edits that need asking in the panel and diff editor before writing. */
  writer: FileWriter;
  /** Workspace Trust when the agent is built; false = read-only tools only (Restricted Mode). */
  trusted: boolean;
  /** Continue this saved session (its transcript id) instead of starting one. */
  resume?: string;
  /** The chat's id: a new session's transcript is saved under it, so the id survives a reload. */
  sessionId: string;
}

/** An agent and the id its transcript is saved under, or why none could be built, for the person. */
export type ChatAgentResult =
  | { ok: true; agent: ChatAgent; sessionId: string; dispose(): Promise<void> }
  | { ok: false; code: string; message: string; action?: FailAction };

/** Builds agents; implemented once, in compose-chat-agent.ts. Must not throw. */
export type ChatAgentFactory = (request: ChatAgentRequest) => Promise<ChatAgentResult>;

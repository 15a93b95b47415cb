import type { Message } from '../../core/messages/message';
import type { LoopEvent, TerminalReason } from '../../core/loop/loop-event';
import type { Approver, Reviewer } from '../../core/ports';
import type { FileWriter } from '../../core/tools/file-writer';
import type { TodoItem } from '../../core/todos/todo-store';
import type { FailAction } from '../../protocol/conversation-entry';

/** What a chat needs from the agent core: one turn per message. */
export interface ChatAgent {
  submit(prompt: string, signal: AbortSignal): AsyncGenerator<LoopEvent, TerminalReason>;
}

/** Everything the host supplies to build one chat's agent. */
export interface ChatAgentRequest {
  sessionId: string;
  approver: Approver;
  reviewer: Reviewer;
  writer: FileWriter;
  /** Restricted Mode: only read-only tools may run. */
  readOnly: boolean;
  /** A resumed session's history and todos. */
  history?: readonly Message[];
  todos?: readonly TodoItem[];
}

/** An agent, or why none could be built, worded for the person with a follow-up action. */
export type ChatAgentResult =
  | { ok: true; agent: ChatAgent }
  | { ok: false; code: string; message: string; action?: FailAction };

/** Builds agents; implemented once, in compose-chat-agent.ts. Must not throw. */
export type ChatAgentFactory = (request: ChatAgentRequest) => Promise<ChatAgentResult>;

import type { CompactResult } from '../../core/agent/agent';
import type { LoopEvent, TerminalReason } from '../../core/loop/loop-event';
import type { UserBlock } from '../../core/messages/message';
import type { Approver, Workspace } from '../../core/ports';
import type { FileWriter } from '../../core/tools/file-writer';
import type { UsageLedger } from '../../core/usage/usage-ledger';
import type { FailAction } from '../../protocol/conversation-entry';

/** What a chat needs from the agent core: one turn per message, `/compact`, and what the calls cost. */
export interface ChatAgent {
  /** `prompt` as blocks when the message carries context beside the person's text. */
  submit(prompt: string | UserBlock[], signal: AbortSignal): AsyncGenerator<LoopEvent, TerminalReason>;
  /** Compacts the conversation now (`/compact [instructions]`); says why when it did not. */
  compact(request: { signal: AbortSignal; instructions?: string }): Promise<CompactResult>;
  /** The session's token accounting, sub-agents included; a turn's line is what it added. */
  readonly usage: UsageLedger;
}

/** Everything the host supplies to build one chat's agent. */
export interface ChatAgentRequest {
  approver: Approver;
  /** Shows edits that need asking in the panel and diff editor before writing. */
  writer: FileWriter;
  /**
   * The same writer over a given Workspace, preferred when present: it then writes through the
   * agent's own (the checkpointing one), so reviewed edits are part of the turn's checkpoint.
   */
  writerFor?(workspace: Workspace): FileWriter;
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

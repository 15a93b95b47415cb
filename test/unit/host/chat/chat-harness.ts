import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoopEvent, TerminalReason } from '../../../../src/core/loop/loop-event';
import type { UserBlock } from '../../../../src/core/messages/message';
import { silentLogger } from '../../../../src/core/ports';
import type { FileWriter } from '../../../../src/core/tools/file-writer';
import { UsageLedger } from '../../../../src/core/usage/usage-ledger';
import type { ChatAgent, ChatAgentRequest } from '../../../../src/host/agent/chat-agent';
import type { ChatServiceOptions } from '../../../../src/host/chat/chat-service';
import { ChatService } from '../../../../src/host/chat/chat-service';
import type { ChatWriting } from '../../../../src/host/chat/chat-session';
import { ChatSnapshotStore } from '../../../../src/host/chat/chat-snapshot-store';
import type { EditReviewer } from '../../../../src/host/review/edit-reviewer';
import { JsonlTranscriptStore } from '../../../../src/node/session/jsonl-transcript-store';
import type { HostToWebviewMessage } from '../../../../src/protocol/host-to-webview-message';

/** A scripted turn: what the agent yields for one prompt. */
export type Turn = (
  prompt: string | UserBlock[],
  signal: AbortSignal,
  request: ChatAgentRequest,
  usage: UsageLedger,
) => AsyncGenerator<LoopEvent, TerminalReason>;

/** A prompt's text: the string, or its text blocks joined by line breaks. */
export function textOf(prompt: string | UserBlock[]): string {
  if (typeof prompt === 'string') return prompt;
  return prompt.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
}

/** Options of {@link chatHarness}. */
export interface ChatHarnessOptions {
  trusted?: boolean;
  /** The sessions folder, shared to simulate a restart; a fresh temp folder by default. */
  directory?: string;
  active?: string;
  /** Makes agent creation fail with this error. */
  failAgent?: { code: string; message: string; action?: 'set-api-key' };
  /** What the agent's `/compact` does (it may count into the agent's ledger); by default it has no compactor. */
  compact?: (
    request: Parameters<ChatAgent['compact']>[0],
    usage: UsageLedger,
  ) => ReturnType<ChatAgent['compact']>;
  /** The editor's hunk-by-hunk review the chats show proposals in too. */
  inline?: ChatServiceOptions['inline'];
  /** Wraps the reviewing writer, as the host does (the diagnostics check of "Fix with Tandem"). */
  wrapWriter?(writer: FileWriter, chat: ChatWriting): FileWriter;
}

/** A writer that asks the reviewer and writes nothing: "written" is what the reviewer's apply says. */
function reviewingWriter(reviewer: EditReviewer): FileWriter {
  return {
    propose: (edit, signal) =>
      reviewer.review(
        edit,
        async (accepted) => ({
          kind: 'written',
          content: accepted.content,
          modifiedByUser: accepted.modifiedByUser,
        }),
        signal,
      ),
  };
}

/** A ChatService over a scripted agent, recording what it posts and what it builds. */
export function chatHarness(turn: Turn, options: ChatHarnessOptions = {}) {
  const posted: HostToWebviewMessage[] = [];
  const requests: ChatAgentRequest[] = [];
  const busy: boolean[] = [];
  let active = options.active;
  let trusted = options.trusted ?? true;
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'tandem-chats-'));
  const sessions = new JsonlTranscriptStore(directory, silentLogger);
  const snapshots = new ChatSnapshotStore(directory, silentLogger);
  const service = new ChatService({
    createAgent: async (request) => {
      requests.push(request);
      if (options.failAgent) return { ok: false, ...options.failAgent };
      const usage = new UsageLedger();
      return {
        ok: true,
        sessionId: request.resume ?? request.sessionId,
        agent: {
          usage,
          submit: (prompt, signal) => turn(prompt, signal, request, usage),
          compact: (compactRequest) =>
            options.compact
              ? options.compact(compactRequest, usage)
              : Promise.resolve({ ok: false, reason: 'This session has no compactor.' }),
        },
        dispose: async () => {},
      };
    },
    createWriter: (reviewer, chat) =>
      options.wrapWriter ? options.wrapWriter(reviewingWriter(reviewer), chat) : reviewingWriter(reviewer),
    ...(options.inline ? { inline: options.inline } : {}),
    preview: { open: () => ({ show: async () => {}, text: () => undefined, dispose: () => {} }) },
    sessions,
    snapshots,
    logger: silentLogger,
    post: (message) => posted.push(message),
    isTrusted: () => trusted,
    workspaceRoot: () => '/work',
    languageOf: () => 'typescript',
    mode: () => 'default',
    model: () => 'claude-sonnet-4-6',
    models: async () => [],
    contextWindow: () => 200_000,
    activeChat: { get: () => active, set: (id) => (active = id) },
    setBusy: (value) => busy.push(value),
  });
  return {
    service,
    posted,
    requests,
    busy,
    directory,
    sessions,
    snapshots,
    active: () => active,
    setTrusted: (value: boolean) => (trusted = value),
  };
}

/** Polls `probe` on the event loop until it yields a value; fails after many turns, not after a time. */
export async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 2_000; attempt += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the condition never held');
}

/** The first posted message of a type. */
export function postedOf<T extends HostToWebviewMessage['type']>(
  posted: readonly HostToWebviewMessage[],
  type: T,
): Extract<HostToWebviewMessage, { type: T }> | undefined {
  return posted.find(
    (message): message is Extract<HostToWebviewMessage, { type: T }> => message.type === type,
  );
}

/** A gate a scripted turn can wait on. */
export function gate(): { wait: Promise<void>; open: () => void } {
  let open: () => void = () => {};
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

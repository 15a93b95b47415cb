import type { z } from 'zod';
import type { ImageBlock, TextBlock } from '../messages/message';
import type { ModelInfo } from '../model/model-client';
import type { Clock, Fetcher, FileSearch, Logger, Shell, ToolResultStore, Workspace } from '../ports';
import type { FileStateCache } from './file-state-cache';
import type { FileWriter } from './file-writer';
import type { TodoStore } from '../todos/todo-store';

/** What a sub-agent run reports back: its final answer, or why it has none. */
export type SubagentOutcome = { ok: true; text: string; turns: number } | { ok: false; message: string };

/** Starts a fresh agent with its own history on one task; must not throw. */
export interface SubagentRunner {
  run(
    request: { description: string; prompt: string; onProgress(text: string): void },
    signal: AbortSignal,
  ): Promise<SubagentOutcome>;
}

/** Everything a tool may touch. One per call; `signal` aborts this call only. */
export interface ToolContext {
  toolUseId: string;
  signal: AbortSignal;
  /** The session's working directory (absolute). */
  cwd: string;
  workspace: Workspace;
  shell: Shell;
  search: FileSearch;
  fetcher: Fetcher;
  clock: Clock;
  logger: Logger;
  /** What the agent has read, for the Write/Edit guards. Shared across the session. */
  fileState: FileStateCache;
  /** Every write goes through here: it previews, asks or writes according to the permission mode. */
  writer: FileWriter;
  todos: TodoStore;
  model: ModelInfo;
  /** The loop's turn number (1-based), e.g. for "todos not updated for N turns". */
  turn: number;
  /** Runs a sub-agent (the Task tool); absent inside a sub-agent, so they do not nest. */
  subagents?: SubagentRunner;
  /** The working directory the Bash tool keeps between calls; mutable session state. */
  shellState: { cwd: string };
  /** Where output too long for the context is saved for a later Read; absent where nothing is saved. */
  results?: ToolResultStore;
}

export type ToolResultContent = string | (TextBlock | ImageBlock)[];

export interface ToolResult {
  content: ToolResultContent;
  isError: boolean;
  /** Structured data for the panel (a diff, a todo list); never sent to the model. */
  display?: ToolDisplay;
}

export type ToolDisplay =
  | { kind: 'diff'; path: string; diff: string }
  | { kind: 'todos' }
  | { kind: 'shell'; exitCode: number | null; command: string };

export interface ToolProgress {
  type: 'progress';
  text: string;
}

/** A tool's own opinion on one call, before rules and modes are applied. */
export type ToolPermissionCheck =
  | { behavior: 'allow'; reason: string }
  | { behavior: 'ask'; reason: string; suggestedRule?: string }
  | { behavior: 'deny'; reason: string }
  /** No opinion: rules, then the mode, then the default for read-only / writing tools decide. */
  | { behavior: 'passthrough' };

/**
 * What a call does, as permission rules and modes see it: `Read(...)` rules govern `read` tools,
 * `Edit(...)` rules and `acceptEdits` govern `edit` tools, `Bash(...)` rules `execute` tools,
 * `WebFetch(domain:…)` rules `fetch` tools. `other` tools (todos, sub-agents, MCP tools) are matched
 * by their own name only. Declared by the tool, so a new tool is governed by what it declares.
 */
export type PermissionKind = 'read' | 'edit' | 'execute' | 'fetch' | 'other';

/** One way of editing files: search-and-replace (`edit`) or codex patches (`apply_patch`). */
export type EditStyle = ModelInfo['editTool'];

export interface Tool<Input = unknown> {
  readonly name: string;
  readonly permissionKind: PermissionKind;
  /**
   * A failed call aborts its running siblings in the same batch (a failed shell command usually
   * makes the commands started beside it moot). Default false.
   */
  readonly abortsSiblingsOnFailure: boolean;
  /**
   * Set on tools that are one way of editing files: such a tool is offered only to models whose
   * `ModelInfo.editTool` is this style, so a prompt never carries two ways to do one thing.
   * Undefined: offered to every model.
   */
  readonly editStyle: EditStyle | undefined;
  /**
   * False for tools that act on the main conversation's own state (its todo list, its sub-agents):
   * a sub-agent is not offered them. Default true.
   */
  readonly offeredToSubagents: boolean;
  /** The prompt the model sees. */
  readonly description: string;
  readonly inputSchema: z.ZodType<Input>;
  /**
   * The JSON Schema the model is shown, when the tool was defined by one (an MCP server's): sent as
   * given, while `inputSchema` validates against it. Undefined: derived from `inputSchema`.
   */
  readonly inputJsonSchema: Record<string, unknown> | undefined;
  /**
   * Cap on the result text sent back to the model, in characters: a longer result is saved to the
   * session's folder and replaced by a preview and the path (cut in the middle, with a note, where
   * nothing can be saved). A tool that cuts its own output to this is never cut again.
   */
  readonly maxResultChars: number;
  isReadOnly(input: Input): boolean;
  isConcurrencySafe(input: Input): boolean;
  /** Decided per call; must not throw. */
  checkPermissions(input: Input, context: ToolContext): Promise<ToolPermissionCheck>;
  /**
   * What permission rules match against: the command for Bash, the absolute path for file tools,
   * the URL for WebFetch; undefined when the tool has no such target.
   */
  permissionTarget(input: Input, context: ToolContext): string | undefined;
  /**
   * The files this call reads or writes, absolute; empty when it names none (or names them
   * invalidly). The harness loads the memory files beside them. Must not throw.
   */
  filePaths(input: Input, context: ToolContext): readonly string[];
  /** A short label for the panel: the key argument. */
  summarize(input: Input): string;
  /**
   * Yields progress, returns the result. Expected failures are returned as `isError` results;
   * a throw is a programmer error and the executor turns it into an error result too.
   */
  call(input: Input, context: ToolContext): AsyncGenerator<ToolProgress, ToolResult>;
}

/** A tool with its input type erased, as the registry and executor hold it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: inputs are parsed by the tool's own schema before use
export type AnyTool = Tool<any>;

export function errorResult(message: string): ToolResult {
  return { content: message, isError: true };
}

export function textResult(text: string, display?: ToolDisplay): ToolResult {
  return display ? { content: text, isError: false, display } : { content: text, isError: false };
}

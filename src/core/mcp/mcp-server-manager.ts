import type { Resource } from '@modelcontextprotocol/sdk/types.js';
import type { McpServerInstructions } from '../context/system-prompt';
import type { Clock, Logger } from '../ports';
import type { AnyTool } from '../tools/tool';
import type { McpTransportFactory } from './mcp-connection';
import { McpConnection } from './mcp-connection';
import type { McpConfigProblem } from './mcp-server-config';
import type { McpServerEntry } from './mcp-server-entry';
import type { McpServerSnapshot, McpServerState } from './mcp-server-state';
import { describeTransport } from './mcp-server-state';
import type { McpResourceSource } from './mcp-resource-tools';
import type { McpCallOutcome } from './mcp-tool';
import { createMcpResourceTools } from './mcp-resource-tools';
import type { ProjectServerTrust, TrustVerdict } from './project-server-trust';

/** Options of {@link McpServerManager}. */
export interface McpServerManagerOptions {
  entries: readonly McpServerEntry[];
  transports: McpTransportFactory;
  trust: ProjectServerTrust;
  /** For `${VAR}` expansion: the process environment with the settings' `env` over it. */
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
  clientInfo: { name: string; version: string };
  /** The workspace folders, answered to `roots/list`. */
  roots: readonly string[];
  timeouts: { connectMs: number; callMs: number };
  /** What was wrong in the config files, shown beside the servers. */
  problems?: readonly McpConfigProblem[];
}

/**
 * Every configured MCP server of a workspace, shared by its agents (the CLI has one, the editor one
 * per window). Nothing starts until an agent first builds its tool list (`tools()`); project
 * servers are asked about first. The person can turn a server off and on for the session, restart
 * it, and approve or refuse a project server. Never throws: a broken server is a state.
 */
export class McpServerManager implements McpResourceSource {
  readonly #options: McpServerManagerOptions;
  readonly #connections = new Map<string, { entry: McpServerEntry; connection: McpConnection }>();
  readonly #listeners = new Set<() => void>();
  readonly #turnedOff = new Set<string>();
  /** Shared with every connection, so a changed setting applies to the next call. */
  readonly #timeouts: { connectMs: number; callMs: number };
  #problems: readonly McpConfigProblem[];
  #starting: Promise<void> | undefined;

  constructor(options: McpServerManagerOptions) {
    this.#options = options;
    this.#problems = options.problems ?? [];
    this.#timeouts = { ...options.timeouts };
    for (const problem of this.#problems)
      options.logger.warn(
        `MCP config ${problem.source}${problem.server ? ` (${problem.server})` : ''}: ${problem.message}`,
      );
    for (const entry of options.entries) this.#add(entry);
  }

  /** Each server's state and lists, in configuration order. */
  servers(): McpServerSnapshot[] {
    return [...this.#connections.values()].map(({ entry, connection }) => ({
      name: entry.name,
      scope: entry.scope,
      source: entry.source,
      transport: describeTransport(entry.config),
      state: connection.state,
      tools: connection.tools.map((tool) => tool.name),
      prompts: connection.prompts.map((prompt) => prompt.name),
      resources: connection.resources.map((resource) => resource.uri),
    }));
  }

  /** Problems in the config files (entries that were left out, names hidden by another scope). */
  get problems(): readonly McpConfigProblem[] {
    return this.#problems;
  }

  /** Called after any state or list changes; returns the unsubscribe. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /**
   * The tools of every usable server, starting those not started yet (after consent, for project
   * servers) and waiting until each is connected or has failed. Adds the resource tools when a
   * connected server lists resources. Returns what is there when `signal` aborts.
   */
  async tools(signal: AbortSignal): Promise<AnyTool[]> {
    this.#starting ??= this.#startPending(signal).finally(() => {
      this.#starting = undefined;
    });
    await Promise.race([this.#starting, aborted(signal)]);
    const connections = [...this.#connections.values()].map((item) => item.connection);
    const tools = connections.flatMap((connection) => connection.tools);
    return this.listResources().length > 0 ? [...tools, ...createMcpResourceTools(this)] : tools;
  }

  /** What connected servers say about using them, for the system prompt. */
  instructions(): McpServerInstructions[] {
    return [...this.#connections.values()].flatMap(({ entry, connection }) => {
      const instructions = connection.state.kind === 'connected' ? connection.instructions : undefined;
      return instructions ? [{ server: entry.name, instructions }] : [];
    });
  }

  /** New timeouts (a setting changed); they apply from the next connect or call. */
  setTimeouts(timeouts: { connectMs: number; callMs: number }): void {
    Object.assign(this.#timeouts, timeouts);
  }

  /** Calls one tool of one server by its own (unprefixed) name, e.g. the IDE's `getDiagnostics`. */
  async callTool(request: {
    server: string;
    tool: string;
    arguments: Record<string, unknown>;
    signal: AbortSignal;
  }): Promise<McpCallOutcome> {
    const item = this.#connections.get(request.server);
    if (!item) return { ok: false, message: `No MCP server named "${request.server}".` };
    // A call may start a server that has not started yet, but never a project server before consent.
    if (item.entry.scope === 'project' && this.#options.trust.known(request.server).kind !== 'approved')
      return { ok: false, message: `The project MCP server "${request.server}" is not approved.` };
    return item.connection.callTool(request);
  }

  /**
   * Turns a server back on (approving it, for a project server) and starts it; a project server of
   * an untrusted workspace stays stopped.
   */
  async enable(name: string): Promise<void> {
    const item = this.#connections.get(name);
    if (!item) return;
    this.#turnedOff.delete(name);
    if (item.entry.scope === 'project') {
      const verdict = this.#options.trust.known(name);
      // In an untrusted workspace no project server starts, not even on a click.
      if (verdict.kind === 'blocked') return;
      if (verdict.kind !== 'approved') await this.#options.trust.record('approve', [name]);
    }
    await item.connection.stop();
    await item.connection.start();
  }

  /** Stops a server for the rest of the session; its tools leave the agents' next tool lists. */
  async disable(name: string): Promise<void> {
    this.#turnedOff.add(name);
    await this.#connections
      .get(name)
      ?.connection.stop({ kind: 'disabled', reason: 'turned off for this session' });
  }

  /** Refuses a project server and remembers it (`disabledMcpjsonServers`). */
  async reject(name: string): Promise<void> {
    await this.#options.trust.record('reject', [name]);
    await this.#connections
      .get(name)
      ?.connection.stop({ kind: 'disabled', reason: 'you chose not to use it' });
  }

  /**
   * Project servers held back by consent (waiting, not approved, blocked) are asked about again
   * when next needed: after the person trusted the workspace or changed the approval settings.
   */
  async reconsiderProjectServers(): Promise<void> {
    const held = [...this.#connections.values()].filter(
      ({ entry, connection }) =>
        entry.scope === 'project' &&
        !this.#turnedOff.has(entry.name) &&
        (connection.state.kind === 'awaiting-trust' || connection.state.kind === 'disabled'),
    );
    for (const { connection } of held) await connection.stop();
  }

  /** Stops and starts a server (after fixing its config, or when it hangs). */
  async restart(name: string): Promise<void> {
    const item = this.#connections.get(name);
    if (!item || this.#turnedOff.has(name)) return;
    await item.connection.stop();
    if (this.#options.trust.known(name).kind === 'approved' || item.entry.scope !== 'project')
      await item.connection.start();
    else await this.#startPending(new AbortController().signal);
  }

  /**
   * Replaces the configuration (a config file or setting changed): removed servers stop, changed
   * ones are stopped and start again when next needed, unchanged ones keep running.
   */
  async setEntries(
    entries: readonly McpServerEntry[],
    problems: readonly McpConfigProblem[] = [],
  ): Promise<void> {
    this.#problems = problems;
    const next = new Map(entries.map((entry) => [entry.name, entry]));
    for (const [name, item] of [...this.#connections]) {
      const replacement = next.get(name);
      if (replacement && sameEntry(replacement, item.entry)) continue;
      this.#connections.delete(name);
      await item.connection.stop();
    }
    for (const entry of entries) if (!this.#connections.has(entry.name)) this.#add(entry);
    this.#emit();
  }

  listResources(): { server: string; resources: readonly Resource[] }[] {
    return [...this.#connections.values()].flatMap(({ entry, connection }) =>
      connection.state.kind === 'connected' && connection.resources.length > 0
        ? [{ server: entry.name, resources: connection.resources }]
        : [],
    );
  }

  async readResource(request: {
    server: string;
    uri: string;
    signal: AbortSignal;
  }): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
    const connection = this.#connections.get(request.server)?.connection;
    if (!connection) return { ok: false, message: `No MCP server named "${request.server}".` };
    const result = await connection.readResource(request.uri, request.signal);
    if (!result.ok) return result;
    const parts = result.contents.map((content) =>
      'text' in content
        ? content.text
        : `[binary resource ${content.uri} of type ${content.mimeType ?? 'unknown'}, not shown]`,
    );
    return { ok: true, text: parts.join('\n\n') };
  }

  isTrusted(server: string): boolean {
    const config = this.#connections.get(server)?.entry.config;
    return config?.type === 'in-process' && config.trusted;
  }

  /** Stops every server; the manager is done. */
  async dispose(): Promise<void> {
    this.#listeners.clear();
    await Promise.all([...this.#connections.values()].map(({ connection }) => connection.stop()));
  }

  #add(entry: McpServerEntry): void {
    const connection = new McpConnection({
      entry,
      transports: this.#options.transports,
      env: this.#options.env,
      clock: this.#options.clock,
      logger: this.#options.logger,
      clientInfo: this.#options.clientInfo,
      roots: this.#options.roots,
      timeouts: this.#timeouts,
      onDidChange: () => this.#emit(),
    });
    this.#connections.set(entry.name, { entry, connection });
  }

  async #startPending(signal: AbortSignal): Promise<void> {
    const pending = [...this.#connections.values()].filter(
      ({ entry, connection }) => connection.state.kind === 'pending' && !this.#turnedOff.has(entry.name),
    );
    const project = pending.filter(({ entry }) => entry.scope === 'project');
    const verdicts =
      project.length === 0 ? new Map<string, TrustVerdict>() : await this.#decideTrust(project, signal);
    const startable = pending.filter(
      ({ entry }) => entry.scope !== 'project' || verdicts.get(entry.name)?.kind === 'approved',
    );
    await Promise.all(startable.map(({ connection }) => connection.start()));
  }

  async #decideTrust(
    items: { entry: McpServerEntry; connection: McpConnection }[],
    signal: AbortSignal,
  ): Promise<Map<string, TrustVerdict>> {
    for (const { connection } of items) await connection.stop({ kind: 'awaiting-trust' });
    const questions = items.map(({ entry }) => ({
      name: entry.name,
      transport: describeTransport(entry.config),
      source: entry.source,
    }));
    const verdicts = await this.#options.trust.decide(questions, signal);
    for (const { entry, connection } of items) {
      const verdict = verdicts.get(entry.name);
      if (verdict?.kind === 'approved') await connection.stop();
      else await connection.stop(this.#heldState(entry, verdict));
    }
    return verdicts;
  }

  #heldState(entry: McpServerEntry, verdict: TrustVerdict | undefined): McpServerState {
    if (verdict?.kind === 'blocked')
      return {
        kind: 'disabled',
        reason: 'this workspace is not trusted, so its project servers do not start',
      };
    if (verdict?.kind === 'rejected')
      return { kind: 'disabled', reason: 'you chose not to use it (disabledMcpjsonServers)' };
    if (verdict?.kind === 'undecided' && verdict.asked) return { kind: 'awaiting-trust' };
    const reason = `not approved: a project server starts only with your consent. Approve it once in the editor or an interactive tandem run, or list it in "enabledMcpjsonServers" in .claude/settings.local.json`;
    this.#options.logger.warn(`MCP server "${entry.name}" from ${entry.source} was not started: ${reason}.`);
    return { kind: 'disabled', reason };
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

function sameEntry(a: McpServerEntry, b: McpServerEntry): boolean {
  if (a.config.type === 'in-process' || b.config.type === 'in-process') return a.config === b.config;
  return a.scope === b.scope && JSON.stringify(a.config) === JSON.stringify(b.config);
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, Prompt, Resource } from '@modelcontextprotocol/sdk/types.js';
import { ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { Clock, Logger } from '../ports';
import type { AnyTool } from '../tools/tool';
import { expandServerConfig } from './expand-env';
import { callFailure, connectFailure } from './mcp-failure';
import { listAll } from './list-all';
import type { McpServerConfig } from './mcp-server-config';
import type { McpServerEntry } from './mcp-server-entry';
import type { McpServerState } from './mcp-server-state';
import { describeState } from './mcp-server-state';
import type { McpCallOutcome, McpToolCaller } from './mcp-tool';
import { createMcpTool } from './mcp-tool';
import { mcpToolName } from './mcp-tool-name';
import { fileUri } from './file-uri';

/** Makes transports for configured servers; implemented in `src/node/mcp` (processes, sockets). */
export interface McpTransportFactory {
  /** A fresh, unstarted transport; a process's stderr arrives line by line in `onStderr`. */
  create(config: McpServerConfig, hooks: { onStderr(line: string): void }): Promise<Transport>;
}

/** Options of {@link McpConnection}. */
export interface McpConnectionOptions {
  entry: McpServerEntry;
  transports: McpTransportFactory;
  /** For `${VAR}` expansion; read at every (re)connect. */
  env: Readonly<Record<string, string | undefined>>;
  clock: Clock;
  logger: Logger;
  clientInfo: { name: string; version: string };
  /** Answered to the server's `roots/list`: the workspace folders. */
  roots: readonly string[];
  /** Milliseconds for connecting and listing, and for one tool call (progress resets it). */
  timeouts: { connectMs: number; callMs: number };
  /** Reconnects after a dropped connection before giving up; default 5. */
  maxReconnects?: number;
  onDidChange(): void;
}

const stderrLinesKept = 20;

/**
 * One server's MCP client over its whole life: connects on `start()` (never before), lists its
 * tools, resources and prompts, follows `list_changed`, answers `roots/list`, and after a dropped
 * connection reconnects with back-off (`min(1 s · 2^(n−1), 30 s)`, at most `maxReconnects` times).
 * A call made while a reconnect waits starts it at once. Calls never throw: a crash, a timeout or
 * a refusal comes back as a sentence. Expanded values (secrets) never reach the log.
 */
export class McpConnection implements McpToolCaller {
  readonly #options: McpConnectionOptions;
  #state: McpServerState = { kind: 'pending' };
  #client: Client | undefined;
  #tools: AnyTool[] = [];
  #resources: Resource[] = [];
  #prompts: Prompt[] = [];
  #instructions: string | undefined;
  #connecting: Promise<void> | undefined;
  #retry: AbortController | undefined;
  #drops = 0;
  #attempt = 0;
  #generation = 0;
  #stopped = false;
  readonly #stderr: string[] = [];

  constructor(options: McpConnectionOptions) {
    this.#options = options;
  }

  get name(): string {
    return this.#options.entry.name;
  }

  get state(): McpServerState {
    return this.#state;
  }

  /** The tools as Tandem tools; kept while a reconnect is under way, so the agent's list holds. */
  get tools(): readonly AnyTool[] {
    return this.#tools;
  }

  get resources(): readonly Resource[] {
    return this.#resources;
  }

  get prompts(): readonly Prompt[] {
    return this.#prompts;
  }

  /** What the server said about using it (`initialize` → `instructions`). */
  get instructions(): string | undefined {
    return this.#instructions;
  }

  /** Connects unless connected; resolves once connected or failed. A waiting reconnect starts now. */
  start(): Promise<void> {
    if (this.#state.kind === 'connected') return Promise.resolve();
    this.#stopped = false;
    this.#retry?.abort();
    this.#retry = undefined;
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /** Closes the connection for good (disable, shutdown); no reconnect follows. */
  async stop(state: McpServerState = { kind: 'pending' }): Promise<void> {
    this.#stopped = true;
    this.#retry?.abort();
    this.#retry = undefined;
    this.#generation += 1;
    const client = this.#client;
    this.#client = undefined;
    this.#tools = [];
    this.#resources = [];
    this.#prompts = [];
    this.#setState(state);
    await client?.close().catch(() => undefined);
  }

  async callTool(request: {
    tool: string;
    arguments: Record<string, unknown>;
    signal: AbortSignal;
  }): Promise<McpCallOutcome> {
    const client = await this.#ready();
    if (!client.ok) return client;
    try {
      const result = await client.client.callTool(
        { name: request.tool, arguments: request.arguments },
        undefined,
        {
          signal: request.signal,
          timeout: this.#options.timeouts.callMs,
          resetTimeoutOnProgress: true,
        },
      );
      if ('content' in result) return { ok: true, result: result as CallToolResult };
      return { ok: true, result: { content: [{ type: 'text', text: JSON.stringify(result.toolResult) }] } };
    } catch (error) {
      return {
        ok: false,
        message: callFailure(error, {
          server: this.name,
          timeoutMs: this.#options.timeouts.callMs,
          signal: request.signal,
          stderr: this.#stderr,
        }),
      };
    }
  }

  /** Reads one resource of this server; failures are sentences. */
  async readResource(
    uri: string,
    signal: AbortSignal,
  ): Promise<
    | { ok: true; contents: Awaited<ReturnType<Client['readResource']>>['contents'] }
    | { ok: false; message: string }
  > {
    const client = await this.#ready();
    if (!client.ok) return client;
    try {
      const result = await client.client.readResource(
        { uri },
        { signal, timeout: this.#options.timeouts.callMs },
      );
      return { ok: true, contents: result.contents };
    } catch (error) {
      return {
        ok: false,
        message: callFailure(error, {
          server: this.name,
          timeoutMs: this.#options.timeouts.callMs,
          signal,
          stderr: this.#stderr,
        }),
      };
    }
  }

  async #ready(): Promise<{ ok: true; client: Client } | { ok: false; message: string }> {
    if (this.#state.kind === 'disabled' || this.#state.kind === 'awaiting-trust')
      return {
        ok: false,
        message: `The MCP server "${this.name}" is not in use: ${describeState(this.#state)}.`,
      };
    if (this.#state.kind !== 'connected') await this.start();
    const state = this.#state;
    if (this.#client && state.kind === 'connected') return { ok: true, client: this.#client };
    const why = state.kind === 'failed' ? `: ${state.reason}` : '';
    return { ok: false, message: `The MCP server "${this.name}" is not connected${why}.` };
  }

  async #connect(): Promise<void> {
    const { entry, logger } = this.#options;
    this.#attempt += 1;
    this.#setState({ kind: 'connecting', attempt: this.#attempt });
    const generation = ++this.#generation;
    let transport: Transport | undefined;
    let client: Client | undefined;
    try {
      transport = await this.#transport();
      if (!transport) return;
      client = this.#newClient(generation);
      await client.connect(transport, { timeout: this.#options.timeouts.connectMs });
      await this.#list(client);
      if (generation !== this.#generation) {
        await client.close();
        return;
      }
      this.#client = client;
      this.#attempt = 0;
      this.#drops = 0;
      logger.info(`MCP server "${entry.name}": connected, ${this.#tools.length} tools`);
      this.#setState({
        kind: 'connected',
        tools: this.#tools.length,
        resources: this.#resources.length,
        prompts: this.#prompts.length,
      });
    } catch (error) {
      await (client ?? transport)?.close().catch(() => undefined);
      if (generation !== this.#generation) return;
      const reason = connectFailure(error, this.#stderr);
      logger.warn(`MCP server "${entry.name}": ${reason}`);
      // After a drop every failed attempt lengthens the back-off; a first connect is not retried.
      const reconnecting = this.#drops > 0;
      if (reconnecting) this.#drops += 1;
      const retrying = reconnecting && this.#drops <= (this.#options.maxReconnects ?? 5);
      this.#setState({ kind: 'failed', reason, retrying });
      if (retrying) this.#scheduleReconnect();
    }
  }

  /** The transport, or undefined (and a failed state) when the entry cannot be expanded. */
  async #transport(): Promise<Transport | undefined> {
    const { entry } = this.#options;
    if (entry.config.type === 'in-process') return entry.config.connect();
    const expanded = expandServerConfig(entry.config, this.#options.env);
    if (expanded.missing.length > 0) {
      const names = expanded.missing.join(', ');
      this.#setState({
        kind: 'failed',
        reason: `environment variable ${names} is not set (its config uses it without a default)`,
        retrying: false,
      });
      return undefined;
    }
    this.#stderr.length = 0;
    return this.#options.transports.create(expanded.config, {
      onStderr: (line) => {
        this.#stderr.push(line);
        if (this.#stderr.length > stderrLinesKept) this.#stderr.shift();
        this.#options.logger.info(`MCP server "${entry.name}" stderr: ${line}`);
      },
    });
  }

  #newClient(generation: number): Client {
    const client = new Client(this.#options.clientInfo, {
      capabilities: { roots: { listChanged: false } },
      listChanged: {
        tools: {
          onChanged: (error, tools) => {
            if (error || !tools || generation !== this.#generation) return;
            this.#tools = this.#toTools(tools);
            this.#setState({
              kind: 'connected',
              tools: this.#tools.length,
              resources: this.#resources.length,
              prompts: this.#prompts.length,
            });
          },
        },
      },
    });
    client.setRequestHandler(ListRootsRequestSchema, () => ({
      roots: this.#options.roots.map((root) => ({
        uri: fileUri(root),
        name: root.split(/[\\/]/).filter(Boolean).at(-1) ?? root,
      })),
    }));
    client.onclose = () => this.#onClose(generation);
    return client;
  }

  async #list(client: Client): Promise<void> {
    const capabilities = client.getServerCapabilities() ?? {};
    const timeout = this.#options.timeouts.connectMs;
    const tools = capabilities.tools
      ? await listAll(
          (cursor) => client.listTools({ cursor }, { timeout }),
          (page) => page.tools,
        )
      : [];
    const optional = async <T>(list: () => Promise<T[]>): Promise<T[]> => list().catch(() => []);
    this.#resources = capabilities.resources
      ? await optional(() =>
          listAll(
            (cursor) => client.listResources({ cursor }, { timeout }),
            (page) => page.resources,
          ),
        )
      : [];
    this.#prompts = capabilities.prompts
      ? await optional(() =>
          listAll(
            (cursor) => client.listPrompts({ cursor }, { timeout }),
            (page) => page.prompts,
          ),
        )
      : [];
    this.#instructions = client.getInstructions();
    this.#tools = this.#toTools(tools);
  }

  #toTools(listings: Awaited<ReturnType<Client['listTools']>>['tools']): AnyTool[] {
    const { entry } = this.#options;
    const validator = new AjvJsonSchemaValidator();
    const trusted = entry.config.type === 'in-process' && entry.config.trusted;
    const hidden = new Set(entry.config.type === 'in-process' ? entry.config.hiddenTools : []);
    const used = new Set<string>();
    return listings
      .filter((listing) => !hidden.has(listing.name))
      .map((listing) => {
        let name = mcpToolName(entry.name, listing.name);
        for (let suffix = 2; used.has(name); suffix += 1)
          name = mcpToolName(entry.name, `${listing.name}_${suffix}`);
        used.add(name);
        return createMcpTool({ server: entry.name, listing, caller: this, validator, trusted, name });
      });
  }

  #onClose(generation: number): void {
    // A close during the handshake is the connect failing, which `#connect` reports itself.
    if (generation !== this.#generation || this.#stopped || !this.#client) return;
    this.#client = undefined;
    this.#drops += 1;
    const retrying = this.#drops <= (this.#options.maxReconnects ?? 5);
    const tail = this.#stderr.at(-1);
    const reason = `the connection closed${tail ? ` (last stderr: ${tail})` : ''}`;
    this.#options.logger.warn(`MCP server "${this.name}": ${reason}${retrying ? '; reconnecting' : ''}`);
    this.#setState({ kind: 'failed', reason, retrying });
    if (retrying) this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const controller = new AbortController();
    this.#retry = controller;
    const delay = Math.min(1_000 * 2 ** (this.#drops - 1), 30_000);
    this.#options.clock.sleep(delay, controller.signal).then(
      () => {
        if (this.#retry !== controller || this.#stopped) return;
        this.#retry = undefined;
        void this.start();
      },
      () => undefined,
    );
  }

  #setState(state: McpServerState): void {
    this.#state = state;
    this.#options.onDidChange();
  }
}

import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import type { Agent } from '../../core/agent/agent';
import type { AgentPorts, ContextTuning } from '../../core/agent/agent';
import { HookRunner } from '../../core/hooks/hook-runner';
import type { McpServerManager } from '../../core/mcp/mcp-server-manager';
import type { ModelClient, ModelInfo } from '../../core/model/model-client';
import { resolveModelId } from '../../core/model/provider-defaults';
import type { ProviderName } from '../../core/model/provider-defaults';
import type { PermissionEngine } from '../../core/permissions/permission-engine';
import type { PermissionMode } from '../../core/permissions/permission-mode';
import type { Approver, Logger, Workspace } from '../../core/ports';
import { silentLogger } from '../../core/ports';
import type { RestoredSession } from '../../core/session/restore-session';
import type { FileWriter } from '../../core/tools/file-writer';
import type { AnyTool } from '../../core/tools/tool';
import type { TreeSitterPaths } from '../bash-parser/tree-sitter-shell-parser';
import type { CheckpointStorage } from '../checkpoints/checkpoint-storage';
import type { Checkpointing } from '../checkpoints/create-checkpointing';
import { createCheckpointing } from '../checkpoints/create-checkpointing';
import { SystemClock } from '../clock/system-clock';
import { NodeFetcher } from '../fetch/node-fetcher';
import { NodeHookExecutor } from '../hooks/node-hook-executor';
import type { MemoryLocation } from '../memory/memory-location';
import { openAutoMemory } from '../memory/open-auto-memory';
import { RipgrepSearch } from '../search/ripgrep-search';
import { projectSessionsDirectory } from '../project/project-directory';
import { JsonlTranscriptStore } from '../session/jsonl-transcript-store';
import { NodeToolResultStore, toolResultsDirectory } from '../session/node-tool-result-store';
import { loadSettings } from '../settings/settings-loader';
import type { LoadedSettings } from '../settings/settings-loader';
import { SettingsWatcher } from '../settings/settings-watcher';
import { NodeShell } from '../shell/node-shell';
import { NodeWorkspace } from '../workspace/node-workspace';
import { assembleAgent } from './assemble-agent';
import { createPermissionEngine, rulesOf } from './create-permission-engine';
import { createProviderClient, resolveModelRoles } from './model-roles';
import type { ModelRoles } from './model-roles';
import { openMcpServers } from './mcp-session-parts';
import type { McpSessionOptions } from './mcp-session-parts';
import { projectRootOf } from './prompt-environment';

/** Sent to MCP servers as `clientInfo.version`. */
const tandemVersion = '0.1.0';

/** What the CLI and the editor say about the session they want; every field but `cwd` and `approver` has a default. */
export interface NodeAgentOptions extends McpSessionOptions {
  cwd: string;
  /** Workspace folders; default `[cwd]`. */
  roots?: string[];
  homeDir?: string;
  env?: Record<string, string | undefined>;
  provider?: ProviderName;
  model?: string;
  fallbackModel?: string;
  /** Classifier and summaries: `model` or `provider:model`; defaults to the main model. */
  smallModel?: string;
  /** Task sub-agents: `model` or `provider:model` (a Claude loop with GPT sub-agents, or the reverse). */
  subagentModel?: string;
  baseUrl?: string;
  apiKey?: string;
  maxTurns?: number;
  permissionMode?: PermissionMode;
  allowedTools?: string[];
  disallowedTools?: string[];
  /** Continue a saved session. */
  resume?: string;
  /** The id a new session is saved under (the editor uses its chat id); default: a random UUID. */
  sessionId?: string;
  /** Where sessions are saved; default `~/.tandem/projects/<project key>/sessions` (see projectDataDirectory). */
  sessionsDirectory?: string;
  /** Auto-memory (the Memory tool and MEMORY.md in the prompt); default on, unless settings turn it off. */
  autoMemory?: boolean;
  /** Title the session with the small model after its first exchange and on topic changes (the editor); default off. */
  titles?: boolean;
  /** The store to save through (the editor shares its own, so it hears of new titles); else one on `sessionsDirectory`. */
  sessions?: JsonlTranscriptStore;
  approver: Approver;
  logger?: Logger;
  /** Thresholds of the context pipeline, the buffer under the window, auto-compaction on or off. */
  context?: ContextTuning;
  /** Workspace Trust; false = read-only tools only. Default true (the CLI runs where it is told). */
  trusted?: boolean;
  /** Reload rules and hooks when a settings file changes (the editor); the CLI loads once. */
  watchSettings?: boolean;
  /** Editor settings mapped to the settings.json shape (user level). */
  editorSettings?: unknown;
  treeSitterPaths?: TreeSitterPaths;
  rgPath?: string;
  /**
   * Where checkpoints are kept (one storage per extension or CLI home, shared by its sessions);
   * absent = no checkpoints. With it, every turn keeps what it changes and can be restored.
   */
  checkpoints?: CheckpointStorage;
  /** Editor overrides of the Node defaults. */
  overrides?: Partial<AgentPorts> & {
    client?: ModelClient;
    /**
     * The writer for edits that need asking (the panel's diff preview); default: ask the Approver.
     * Given as a function of the Workspace, it writes
     * through the one the agent gets (with checkpoints on, the capturing one), so reviewed edits
     * are checkpointed like the rest.
     */
    reviewingWriter?: FileWriter | ((workspace: Workspace) => FileWriter);
    /** Clients for the other provider's roles (keys from the editor's SecretStorage). */
    clientFor?(provider: ProviderName): ModelClient | undefined;
  };
}

/** A composed session: the agent and what its host shows or needs (model, tools, mode, engine). */
export interface NodeAgentSession {
  agent: Agent;
  sessionId: string;
  model: ModelInfo;
  tools: AnyTool[];
  permissionMode: PermissionMode;
  engine: PermissionEngine;
  settings: LoadedSettings;
  transcriptPath: string;
  /** The MCP servers the session uses (its own, or the host's). */
  mcp: McpServerManager;
  /** The session's checkpoints, when the options gave a storage. */
  checkpoints: Checkpointing | undefined;
  /** The saved session this one continues; undefined for a new one. */
  restored: RestoredSession | undefined;
  /** Where this project's auto-memory is, or that it is off. */
  memory: MemoryLocation;
  /** Releases the shells and waits for the last turn's checkpoint to be written. */
  dispose(): Promise<void>;
}

/** The session, or a message for the person saying why it could not be set up. */
export type CreateNodeAgentResult = { ok: true; session: NodeAgentSession } | { ok: false; message: string };

/** Where the session runs: the options' defaults filled in. */
export interface Place {
  env: Record<string, string | undefined>;
  logger: Logger;
  homeDir: string;
  cwd: string;
  roots: string[];
  projectRoot: string;
}

/** The saved session this one continues (if any), where it is saved, and where its long tool results go. */
export interface SavedSession {
  store: JsonlTranscriptStore;
  sessionId: string;
  restored: RestoredSession | undefined;
  toolResults: NodeToolResultStore;
}

/** The main model and the roles around it. */
export interface Models {
  client: ModelClient;
  modelId: string;
  model: ModelInfo;
  roles: ModelRoles;
}

/**
 * The composition root shared by the CLI and the editor, in steps: where it runs → the saved
 * session → settings → models → ports → permissions → MCP servers → hooks → prompt context → tools,
 * gate and sub-agents → the Agent. Setup problems are returned as messages, never thrown.
 */
export async function createNodeAgent(options: NodeAgentOptions): Promise<CreateNodeAgentResult> {
  const place = await placeOf(options);
  const saved = openSavedSession(options, place);
  if (!saved.ok) return saved;
  const { settings, watcher } = await loadNodeSettings(options, place);
  const models = chooseModels(options, place, settings);
  const basePorts = createPorts(options, place.logger);
  const permissions = await createPermissionEngine({
    settings,
    roots: place.roots,
    cwd: place.cwd,
    homeDir: place.homeDir,
    trusted: options.trusted ?? true,
    readRoots: [saved.toolResults.directory],
    workspace: basePorts.workspace,
    classifier: models.roles.small,
    treeSitterPaths: options.treeSitterPaths,
    logger: place.logger,
  });
  if (!permissions.ok) {
    watcher?.dispose();
    return permissions;
  }
  const { engine, mode } = permissions;
  const checkpoints = options.checkpoints
    ? await createCheckpointing({
        storage: options.checkpoints,
        sessionId: saved.sessionId,
        workspace: basePorts.workspace,
        parser: permissions.shellParser,
        ...(options.rgPath ? { rgPath: options.rgPath } : {}),
        clock: basePorts.clock,
        logger: place.logger,
        exclude: [saved.store.directory],
      })
    : undefined;
  const ports = checkpoints ? { ...basePorts, workspace: checkpoints.workspace } : basePorts;
  const mcp = await openMcpServers({
    options,
    place,
    settings,
    clock: ports.clock,
    clientVersion: tandemVersion,
  });
  if (!mcp.ok) {
    watcher?.dispose();
    await ports.shell.dispose();
    return mcp;
  }
  const transcriptPath = saved.store.pathOf(saved.sessionId);
  const hooks = createHookRunner({ place, sessionId: saved.sessionId, transcriptPath, settings, mode });
  watcher?.onDidChange((next) => reloadSettings(next, { engine, hooks, logger: place.logger }));
  const memory = await openAutoMemory({
    ...place,
    levels: settings.levels,
    enabled: options.autoMemory ?? true,
  });
  const agent = await assembleAgent({
    options,
    place,
    saved,
    models,
    ports,
    engine,
    hooks,
    mcp: mcp.manager,
    checkpoints,
    memory,
  });
  return {
    ok: true,
    session: {
      agent: agent.agent,
      sessionId: saved.sessionId,
      model: models.model,
      tools: agent.tools,
      permissionMode: mode,
      engine,
      settings,
      transcriptPath,
      mcp: mcp.manager,
      checkpoints,
      restored: saved.restored,
      memory: memory.location,
      dispose: async () => {
        watcher?.dispose();
        agent.titler?.dispose();
        await ports.shell.dispose();
        if (mcp.owned) await mcp.manager.dispose();
        await checkpoints?.recorder.settled();
        await options.checkpoints?.enforceLimit();
      },
    },
  };
}

async function placeOf(options: NodeAgentOptions): Promise<Place> {
  return {
    env: options.env ?? process.env,
    logger: options.logger ?? silentLogger,
    homeDir: options.homeDir ?? homedir(),
    cwd: options.cwd,
    roots: options.roots ?? [options.cwd],
    projectRoot: await projectRootOf(options.cwd),
  };
}

function openSavedSession(
  options: NodeAgentOptions,
  place: Place,
): ({ ok: true } & SavedSession) | { ok: false; message: string } {
  const store =
    options.sessions ??
    new JsonlTranscriptStore(options.sessionsDirectory ?? projectSessionsDirectory(place), place.logger);
  const restored = options.resume ? store.load(options.resume) : undefined;
  if (options.resume && !restored)
    return { ok: false, message: `No saved session with id ${options.resume}.` };
  if (options.sessionId !== undefined && !JsonlTranscriptStore.isValidSessionId(options.sessionId))
    return { ok: false, message: `Invalid session id: ${options.sessionId}` };
  const sessionId = options.resume ?? options.sessionId ?? randomUUID();
  const toolResults = new NodeToolResultStore(toolResultsDirectory(store.directory, sessionId));
  return { ok: true, store, restored, sessionId, toolResults };
}

/** Settings of every level, the CLI's flags as the `cli` level; watched when the options ask. */
async function loadNodeSettings(
  options: NodeAgentOptions,
  place: Place,
): Promise<{ settings: LoadedSettings; watcher: SettingsWatcher | undefined }> {
  const loaderOptions = {
    projectRoot: place.projectRoot,
    homeDir: place.homeDir,
    cwd: place.cwd,
    env: place.env,
    cli: {
      permissions: {
        allow: options.allowedTools ?? [],
        deny: options.disallowedTools ?? [],
        ...(options.permissionMode ? { defaultMode: options.permissionMode } : {}),
      },
    },
    vscode: options.editorSettings,
  };
  const watcher = options.watchSettings
    ? await SettingsWatcher.start({ ...loaderOptions, logger: place.logger })
    : undefined;
  const settings = watcher?.current ?? (await loadSettings(loaderOptions));
  reportProblems(settings, place.logger);
  return { settings, watcher };
}

function reportProblems(settings: LoadedSettings, logger: Logger): void {
  for (const problem of settings.problems)
    logger.warn(`settings: ${problem.path}: ${problem.field}: ${problem.message}`);
}

/** A changed settings file reloads permission rules and hooks in the running session. */
function reloadSettings(
  next: LoadedSettings,
  session: { engine: PermissionEngine; hooks: HookRunner; logger: Logger },
): void {
  reportProblems(next, session.logger);
  session.engine.replaceRules(rulesOf(next, session.logger));
  session.hooks.updateHooks(next.merged.hooks);
  session.logger.info('Settings changed: permission rules and hooks reloaded.');
}

function createHookRunner(session: {
  place: Place;
  sessionId: string;
  transcriptPath: string;
  settings: LoadedSettings;
  mode: PermissionMode;
}): HookRunner {
  return new HookRunner({
    hooks: session.settings.merged.hooks,
    executor: new NodeHookExecutor(),
    sessionId: session.sessionId,
    transcriptPath: session.transcriptPath,
    cwd: session.place.cwd,
    projectDir: session.place.projectRoot,
    permissionMode: session.mode,
    logger: session.place.logger,
  });
}

function chooseModels(options: NodeAgentOptions, place: Place, settings: LoadedSettings): Models {
  const provider = options.provider ?? 'anthropic';
  const client =
    options.overrides?.client ??
    createProviderClient(provider, { baseUrl: options.baseUrl, apiKey: options.apiKey, env: place.env });
  const modelId = resolveModelId({
    provider,
    requested: options.model,
    settings: settings.merged.model,
    env: place.env,
  });
  const roles = resolveModelRoles({
    provider,
    main: { client, model: modelId },
    smallModel: options.smallModel,
    subagentModel: options.subagentModel,
    env: place.env,
    clientFor: options.overrides?.clientFor,
  });
  return { client, modelId, model: client.describe(modelId), roles };
}

function createPorts(options: NodeAgentOptions, logger: Logger): AgentPorts {
  const overrides = options.overrides;
  return {
    workspace: overrides?.workspace ?? new NodeWorkspace(options.roots ?? [options.cwd]),
    shell: overrides?.shell ?? new NodeShell(),
    search: overrides?.search ?? new RipgrepSearch({ rgPath: options.rgPath }),
    fetcher: overrides?.fetcher ?? new NodeFetcher(),
    clock: overrides?.clock ?? new SystemClock(),
    logger,
  };
}

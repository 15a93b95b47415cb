import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Agent } from '../../core/agent/agent';
import type { AgentPorts } from '../../core/agent/agent';
import { ApprovingFileWriter } from '../../core/agent/approving-file-writer';
import { EngineGate } from '../../core/agent/engine-gate';
import { createCompactor } from '../../core/context/compactor';
import { MemoryLoader } from '../../core/context/memory/memory-loader';
import { hookContextReminder } from '../../core/context/reminders';
import { defaultSystemPromptSections } from '../../core/context/sections/default-sections';
import { SystemPromptBuilder } from '../../core/context/system-prompt';
import { HookRunner } from '../../core/hooks/hook-runner';
import { withPreCompactHooks } from '../../core/hooks/with-pre-compact-hooks';
import type { ModelClient, ModelInfo } from '../../core/model/model-client';
import { resolveModelId } from '../../core/model/provider-defaults';
import type { ProviderName } from '../../core/model/provider-defaults';
import type { Approver, Logger } from '../../core/ports';
import { silentLogger } from '../../core/ports';
import { createModelClassifier } from '../../core/permissions/permission-classifier';
import type { PermissionMode } from '../../core/permissions/permission-mode';
import { permissionModeNamed } from '../../core/permissions/permission-mode';
import { PermissionEngine } from '../../core/permissions/permission-engine';
import { buildRuleSet } from '../../core/permissions/permission-rule';
import type { RuleBehavior, RuleSet } from '../../core/permissions/permission-rule';
import { toolsForModel } from '../../core/tools/builtin-tools';
import type { FileWriter } from '../../core/tools/file-writer';
import type { AnyTool } from '../../core/tools/tool';
import { TreeSitterShellParser } from '../bash-parser/tree-sitter-shell-parser';
import type { TreeSitterPaths } from '../bash-parser/tree-sitter-shell-parser';
import { SystemClock } from '../clock/system-clock';
import { NodeFetcher } from '../fetch/node-fetcher';
import { NodeHookExecutor } from '../hooks/node-hook-executor';
import { NodeMemoryReader } from '../memory/node-memory-reader';
import { RipgrepSearch } from '../search/ripgrep-search';
import { JsonlTranscriptStore, defaultSessionsDirectory } from '../session/jsonl-transcript-store';
import { loadSettings } from '../settings/settings-loader';
import { SettingsWatcher } from '../settings/settings-watcher';
import { userConfigDirectory } from '../settings/settings-paths';
import { addPermissionRule } from '../settings/settings-writer';
import type { LoadedSettings } from '../settings/settings-loader';
import { NodeShell } from '../shell/node-shell';
import { NodeWorkspace } from '../workspace/node-workspace';
import { gatherPromptEnvironment, projectRootOf } from './prompt-environment';
import { createProviderClient, resolveModelRoles } from './model-roles';
import { createSessionCallbacks } from '../../core/harness/session-callbacks';
import { createSubagentRunner } from '../../core/subagents/subagent-runner';

export interface NodeAgentOptions {
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
  sessionsDirectory?: string;
  approver: Approver;
  logger?: Logger;
  /** Workspace Trust; false = read-only tools only. Default true (the CLI runs where it is told). */
  trusted?: boolean;
  /** Reload rules and hooks when a settings file changes (the editor); the CLI loads once. */
  watchSettings?: boolean;
  /** Editor settings mapped to the settings.json shape (user level). */
  editorSettings?: unknown;
  treeSitterPaths?: TreeSitterPaths;
  rgPath?: string;
  /** Editor overrides of the Node defaults. */
  overrides?: Partial<AgentPorts> & {
    client?: ModelClient;
    /** The writer for edits that need asking (the panel's diff preview); default: ask the Approver. */
    reviewingWriter?: FileWriter;
    /** Clients for the other provider's roles (keys from the editor's SecretStorage). */
    clientFor?(provider: ProviderName): ModelClient | undefined;
  };
}

export interface NodeAgentSession {
  agent: Agent;
  sessionId: string;
  model: ModelInfo;
  tools: AnyTool[];
  permissionMode: PermissionMode;
  engine: PermissionEngine;
  settings: LoadedSettings;
  transcriptPath: string;
  dispose(): Promise<void>;
}

export type CreateNodeAgentResult = { ok: true; session: NodeAgentSession } | { ok: false; message: string };

/** The permission rules of merged settings, each with the folder its file sits in. */
function rulesOf(settings: LoadedSettings, logger: Logger): RuleSet {
  const lists: { behavior: RuleBehavior; key: 'allow' | 'ask' | 'deny' }[] = [
    { behavior: 'allow', key: 'allow' },
    { behavior: 'ask', key: 'ask' },
    { behavior: 'deny', key: 'deny' },
  ];
  const { rules, errors } = buildRuleSet(
    lists.flatMap(({ behavior, key }) =>
      settings.merged.permissions[key].map((rule) => ({
        behavior,
        rules: [rule.text],
        source: { source: rule.source, root: rule.root },
      })),
    ),
  );
  for (const error of errors) logger.warn(`permission rule ignored: ${error}`);
  return rules;
}

/**
 * The composition root shared by the CLI and the editor: settings, model client, ports, permission
 * engine, hooks, memory, system prompt and transcript, wired into one Agent. Setup problems are
 * returned as messages, never thrown.
 */
export async function createNodeAgent(options: NodeAgentOptions): Promise<CreateNodeAgentResult> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? silentLogger;
  const homeDir = options.homeDir ?? homedir();
  const cwd = options.cwd;
  const roots = options.roots ?? [cwd];
  const projectRoot = await projectRootOf(cwd);
  const settingsOptions = {
    projectRoot,
    homeDir,
    cwd,
    env,
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
    ? await SettingsWatcher.start({ ...settingsOptions, logger })
    : undefined;
  const settings = watcher?.current ?? (await loadSettings(settingsOptions));
  for (const problem of settings.problems)
    logger.warn(`settings: ${problem.path}: ${problem.field}: ${problem.message}`);

  const store = new JsonlTranscriptStore(options.sessionsDirectory ?? defaultSessionsDirectory(env), logger);
  const restored = options.resume ? store.load(options.resume) : undefined;
  if (options.resume && !restored)
    return { ok: false, message: `No saved session with id ${options.resume}.` };
  if (options.sessionId !== undefined && !JsonlTranscriptStore.isValidSessionId(options.sessionId))
    return { ok: false, message: `Invalid session id: ${options.sessionId}` };
  const sessionId = options.resume ?? options.sessionId ?? randomUUID();

  const provider = options.provider ?? 'anthropic';
  const client =
    options.overrides?.client ??
    createProviderClient(provider, { baseUrl: options.baseUrl, apiKey: options.apiKey, env });
  const modelId = resolveModelId({
    provider,
    requested: options.model,
    settings: settings.merged.model,
    env,
  });
  const model = client.describe(modelId);
  const roles = resolveModelRoles({
    provider,
    main: { client, model: modelId },
    smallModel: options.smallModel,
    subagentModel: options.subagentModel,
    env,
    clientFor: options.overrides?.clientFor,
  });

  const ports: AgentPorts = {
    workspace: options.overrides?.workspace ?? new NodeWorkspace(roots),
    shell: options.overrides?.shell ?? new NodeShell(),
    search: options.overrides?.search ?? new RipgrepSearch({ rgPath: options.rgPath }),
    fetcher: options.overrides?.fetcher ?? new NodeFetcher(),
    clock: options.overrides?.clock ?? new SystemClock(),
    logger,
  };

  const shellParser = await TreeSitterShellParser.load(options.treeSitterPaths).catch((error: unknown) => {
    logger.error('The shell parser did not load; every shell command will ask.', error);
    return undefined;
  });
  const rules = rulesOf(settings, logger);
  const trusted = options.trusted ?? true;
  const configuredMode = settings.merged.permissions.defaultMode ?? 'default';
  const namedMode = permissionModeNamed(configuredMode);
  if (namedMode === undefined)
    logger.warn(`Permission mode "${configuredMode}" is not supported; using default.`);
  const requestedMode = namedMode ?? 'default';
  const engine = new PermissionEngine({
    rules,
    mode: 'default',
    workspaceRoots: [...roots, ...settings.merged.permissions.additionalDirectories.map((rule) => rule.text)],
    cwd,
    home: homeDir,
    caseInsensitive: process.platform === 'darwin' || process.platform === 'win32',
    windows: process.platform === 'win32',
    trusted,
    shellParser,
    workspace: ports.workspace,
    classifier: createModelClassifier(roles.small),
  });
  const modeResult = engine.setMode(requestedMode);
  if (!modeResult.ok) {
    watcher?.dispose();
    return { ok: false, message: modeResult.error };
  }

  const transcriptPath = store.pathOf(sessionId);
  const hooks = new HookRunner({
    hooks: settings.merged.hooks,
    executor: new NodeHookExecutor(),
    sessionId,
    transcriptPath,
    cwd,
    projectDir: projectRoot,
    permissionMode: requestedMode,
    logger,
  });
  watcher?.onDidChange((next) => {
    for (const problem of next.problems)
      logger.warn(`settings: ${problem.path}: ${problem.field}: ${problem.message}`);
    engine.replaceRules(rulesOf(next, logger));
    hooks.updateHooks(next.merged.hooks);
    logger.info('Settings changed: permission rules and hooks reloaded.');
  });
  const memory = new MemoryLoader({ reader: new NodeMemoryReader(), homeDir, projectRoot, cwd });
  const initialMemory = await memory.loadInitial();
  for (const problem of initialMemory.problems) logger.warn(`memory: ${problem.path}: ${problem.message}`);
  const environment = await gatherPromptEnvironment(cwd);
  const prompt = new SystemPromptBuilder(defaultSystemPromptSections());

  const startup = await hooks.run(
    { event: 'SessionStart', source: restored ? 'resume' : 'startup' },
    new AbortController().signal,
  );
  const startupContext = hookContextReminder('SessionStart', startup.additionalContext);

  // A tool denied outright is not offered at all: the model should not plan around it.
  const tools = toolsForModel(model).filter((tool) => !engine.isToolDenied(tool.name));
  const transcript = store.sink(sessionId);
  const compactor = createCompactor(roles.small);
  if (!restored)
    transcript.append({
      type: 'session-start',
      sessionId,
      cwd,
      model: modelId,
      timestamp: ports.clock.now(),
    });

  const gate = new EngineGate({
    engine,
    approver: options.approver,
    reviewingWriter:
      options.overrides?.reviewingWriter ?? new ApprovingFileWriter(ports.workspace, options.approver),
    hooks,
    logger,
    persistRule: async (rule, scope) => {
      const path =
        scope === 'project'
          ? join(projectRoot, '.claude', 'settings.local.json')
          : join(userConfigDirectory(homeDir, env), 'settings.json');
      const saved = await addPermissionRule(path, 'allow', rule);
      if (!saved.ok) logger.warn(saved.message);
      else logger.info(`Saved "${rule}" to ${path}`);
    },
  });
  const system = async (info: ModelInfo) =>
    prompt.build({ model: info, environment, memory: initialMemory.files, mcpInstructions: [] });
  const subagentInfo = roles.subagent.client.describe(roles.subagent.model);
  const subagents = createSubagentRunner({
    parentSessionId: sessionId,
    ...roles.subagent,
    tools: toolsForModel(subagentInfo, 'subagent').filter((tool) => !engine.isToolDenied(tool.name)),
    ports,
    gate,
    cwd,
    system,
    hooks,
  });

  const agent = new Agent({
    sessionId,
    client,
    model: modelId,
    fallbackModel: options.fallbackModel,
    maxTurns: options.maxTurns ?? 50,
    tools,
    ports,
    gate,
    cwd,
    system,
    subagents,
    transcript,
    compact: withPreCompactHooks(compactor, { hooks, logger }),
    history: restored?.messages,
    todos: restored?.todos,
    ...createSessionCallbacks({
      hooks,
      memory,
      workspace: ports.workspace,
      shell: ports.shell,
      clock: ports.clock,
      logger,
      startupContext: startupContext ? [startupContext] : [],
    }),
  });

  return {
    ok: true,
    session: {
      agent,
      sessionId,
      model,
      tools,
      permissionMode: requestedMode,
      engine,
      settings,
      transcriptPath,
      dispose: async () => {
        watcher?.dispose();
        const shell = ports.shell as Partial<NodeShell>;
        await shell.disposeAll?.();
      },
    },
  };
}

import { join } from 'node:path';
import { Agent } from '../../core/agent/agent';
import type { AgentPorts } from '../../core/agent/agent';
import { ApprovingFileWriter } from '../../core/agent/approving-file-writer';
import { EngineGate } from '../../core/agent/engine-gate';
import { createCompactor, createSpanSummarizer } from '../../core/context/compactor';
import type { HookRunner } from '../../core/hooks/hook-runner';
import { withPreCompactHooks } from '../../core/hooks/with-pre-compact-hooks';
import type { McpServerManager } from '../../core/mcp/mcp-server-manager';
import type { PermissionEngine } from '../../core/permissions/permission-engine';
import type { Workspace } from '../../core/ports';
import { createSessionCallbacks } from '../../core/harness/session-callbacks';
import type { SessionTitler } from '../../core/session/session-titler';
import { withTitles } from '../../core/session/session-titler';
import { createSubagentRunner } from '../../core/subagents/subagent-runner';
import { toolsForModel } from '../../core/tools/builtin-tools';
import { UsageLedger } from '../../core/usage/usage-ledger';
import type { FileWriter } from '../../core/tools/file-writer';
import type { AnyTool } from '../../core/tools/tool';
import type { Checkpointing } from '../checkpoints/create-checkpointing';
import type { AutoMemory } from '../memory/open-auto-memory';
import { userConfigDirectory } from '../settings/settings-paths';
import { addPermissionRule } from '../settings/settings-writer';
import { createSessionTitler } from '../session/create-session-titler';
import { loadPromptContext } from './load-prompt-context';
import { mcpAgentParts } from './mcp-session-parts';
import type { Models, NodeAgentOptions, Place, SavedSession } from './create-node-agent';

/** Everything the Agent is assembled from. */
export interface AgentParts {
  options: NodeAgentOptions;
  place: Place;
  saved: SavedSession;
  models: Models;
  ports: AgentPorts;
  engine: PermissionEngine;
  hooks: HookRunner;
  mcp: McpServerManager;
  checkpoints: Checkpointing | undefined;
  memory: AutoMemory;
}

export async function assembleAgent(
  parts: AgentParts,
): Promise<{ agent: Agent; tools: AnyTool[]; titler: SessionTitler | undefined }> {
  const { options, place, saved, models, ports, engine, hooks, mcp, checkpoints, memory } = parts;
  const context = await loadPromptContext({
    ...place,
    hooks,
    source: saved.restored ? 'resume' : 'startup',
    mcpInstructions: () => mcp.instructions(),
    ...(memory.prompt ? { autoMemory: memory.prompt } : {}),
  });
  // A tool denied outright is not offered at all: the model should not plan around it.
  // Execute tools keep the files their command names when checkpoints are on.
  const allowed = (tools: readonly AnyTool[]) => {
    const offered = tools.filter((tool) => !engine.isToolDenied(tool));
    return checkpoints ? checkpoints.tools(offered) : offered;
  };
  const tools = allowed([...toolsForModel(models.model), ...(memory.tool ? [memory.tool] : [])]);
  const mcpParts = mcpAgentParts({
    manager: mcp,
    options,
    env: place.env,
    contextWindow: models.model.contextWindow,
    allowed,
  });
  const callbacks = createSessionCallbacks({
    hooks,
    memory: context.memory,
    workspace: ports.workspace,
    shell: ports.shell,
    clock: ports.clock,
    logger: place.logger,
    startupContext: context.startupContext,
  });
  const gate = createGate(parts);
  const subagentInfo = models.roles.subagent.client.describe(models.roles.subagent.model);
  const titler = options.titles
    ? createSessionTitler({
        store: saved.store,
        sessionId: saved.sessionId,
        small: models.roles.small,
        clock: ports.clock,
        logger: place.logger,
        history: saved.restored?.messages,
      })
    : undefined;
  const sink = saved.store.sink(saved.sessionId);
  const transcript = titler ? withTitles(sink, titler) : sink;
  // One ledger for the session: the main loop and every sub-agent count into it.
  const usage = new UsageLedger();
  if (!saved.restored) {
    const start = { sessionId: saved.sessionId, cwd: place.cwd, model: models.modelId };
    transcript.append({ type: 'session-start', ...start, timestamp: ports.clock.now() });
  }
  const agent = new Agent({
    sessionId: saved.sessionId,
    client: models.client,
    model: models.modelId,
    fallbackModel: options.fallbackModel,
    maxTurns: options.maxTurns ?? 50,
    tools,
    ...mcpParts.agent,
    ports,
    gate,
    cwd: place.cwd,
    system: context.system,
    subagents: createSubagentRunner({
      parentSessionId: saved.sessionId,
      ...models.roles.subagent,
      tools: allowed(toolsForModel(subagentInfo, 'subagent')),
      ...mcpParts.agent,
      ports,
      gate,
      cwd: place.cwd,
      system: context.system,
      hooks,
      usage,
    }),
    usage,
    transcript,
    ...(checkpoints ? { checkpoints: checkpoints.recorder } : {}),
    compact: withPreCompactHooks(createCompactor({ client: models.client }), { hooks, logger: place.logger }),
    collapse: createSpanSummarizer(models.roles.small),
    toolResults: saved.toolResults,
    ...(options.context ? { contextTuning: options.context } : {}),
    history: saved.restored?.messages,
    ...autoCompactPercent(place.env),
    todos: saved.restored?.todos,
    contextLedger: saved.restored?.context,
    ...mcpParts.withDiagnostics(callbacks),
  });
  return { agent, tools, titler };
}

function reviewingWriterFor(options: NodeAgentOptions, workspace: Workspace): FileWriter {
  const writer = options.overrides?.reviewingWriter;
  if (typeof writer === 'function') return writer(workspace);
  return writer ?? new ApprovingFileWriter(workspace, options.approver);
}

/** The gate over the engine: the person is asked through the Approver, "allow always" is saved. */
function createGate(parts: AgentParts): EngineGate {
  const { options, place, ports, engine, hooks } = parts;
  return new EngineGate({
    engine,
    approver: options.approver,
    reviewingWriter: reviewingWriterFor(options, ports.workspace),
    hooks,
    logger: place.logger,
    persistRule: async (rule, scope) => {
      const path =
        scope === 'project'
          ? join(place.projectRoot, '.claude', 'settings.local.json')
          : join(userConfigDirectory(place.homeDir, place.env), 'settings.json');
      const saved = await addPermissionRule(path, 'allow', rule);
      if (!saved.ok) place.logger.warn(saved.message);
      else place.logger.info(`Saved "${rule}" to ${path}`);
    },
  });
}

/** `CLAUDE_AUTOCOMPACT_PCT_OVERRIDE` (1–100): compaction sooner than the default, never later. */
function autoCompactPercent(env: Record<string, string | undefined>): { autoCompactPercent?: number } {
  const percent = Number(env.CLAUDE_AUTOCOMPACT_PCT_OVERRIDE);
  return Number.isFinite(percent) && percent >= 1 && percent <= 100 ? { autoCompactPercent: percent } : {};
}

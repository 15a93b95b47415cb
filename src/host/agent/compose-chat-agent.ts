import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ModelClient } from '../../core/model/model-client';
import type { Logger } from '../../core/ports';
import { createNodeAgent } from '../../node/agent/create-node-agent';
import type { CheckpointStorage } from '../../node/checkpoints/checkpoint-storage';
import type { JsonlTranscriptStore } from '../../node/session/jsonl-transcript-store';
import type { HostSettings } from '../config/host-settings';
import type { McpService } from '../mcp/mcp-service';
import type { ApiKeyStore } from '../secrets/api-key-store';
import type { VscodeWorkspace } from '../workspace/vscode-workspace';
import type { ChatAgentFactory } from './chat-agent';
import { createModelClient } from './create-model-client';

/** What the composition needs from the extension. */
export interface ComposeChatAgentOptions {
  settings(): HostSettings;
  keys: ApiKeyStore;
  workspace: VscodeWorkspace;
  /** The window's MCP servers, shared by every chat. */
  mcp: McpService;
  logger: Logger;
  /** This workspace's saved sessions (it announces the titles the agents write). */
  sessions: JsonlTranscriptStore;
  /** The extension's dist/ folder (the shell parser's .wasm files ship there). */
  distPath: string;
  /** Where the chats' checkpoints are kept; absent or undefined = checkpoints off. */
  checkpoints?(): CheckpointStorage | undefined;
}

/** rg: the setting, else the one VS Code ships (unpacked from its asar on desktop), else PATH. */
export function ripgrepPath(settings: HostSettings): string {
  if (settings.ripgrepPath) return settings.ripgrepPath;
  const name = process.platform === 'win32' ? 'rg.exe' : 'rg';
  const bundled = ['node_modules', 'node_modules.asar.unpacked']
    .map((folder) => join(vscode.env.appRoot, folder, '@vscode', 'ripgrep', 'bin', name))
    .find((path) => existsSync(path));
  return bundled ?? 'rg';
}

/**
 * THE composition point of the editor's agent: the shared Node composition (`createNodeAgent`)
 * with the editor's ports — the WorkspaceEdit workspace, the panel's Approver and reviewing
 * writer, the configured model client (a `vscode.lm` one included) and Workspace Trust.
 * Never throws: setup problems come back as messages for the panel.
 */
export function composeChatAgent(options: ComposeChatAgentOptions): ChatAgentFactory {
  return async (request) => {
    const settings = options.settings();
    const modelClient = await createModelClient(settings, options.keys);
    if (!modelClient.ok) return modelClient;
    // `provider:model` roles (a Claude loop with GPT sub-agents…) use the other provider's stored key.
    const roleClients = new Map<'anthropic' | 'openai', ModelClient>();
    for (const provider of ['anthropic', 'openai'] as const) {
      const specs = [settings.smallModel, settings.subagentModel];
      if (!specs.some((spec) => spec.startsWith(`${provider}:`))) continue;
      const made = await createModelClient({ ...settings, provider }, options.keys);
      if (made.ok) roleClients.set(provider, made.client);
    }
    const cwd = options.workspace.roots[0];
    if (!cwd) {
      return {
        ok: false,
        code: 'no-folder',
        message: 'Open a folder first: Tandem works inside a workspace folder.',
      };
    }
    const checkpoints = options.checkpoints?.();
    const writerFor = request.writerFor?.bind(request);
    try {
      const mcp = await options.mcp.manager();
      const result = await createNodeAgent({
        cwd,
        roots: [...options.workspace.roots],
        provider: settings.provider === 'openai' ? 'openai' : 'anthropic',
        ...(modelClient.model ? { model: modelClient.model } : {}),
        ...(settings.smallModel ? { smallModel: settings.smallModel } : {}),
        ...(settings.subagentModel ? { subagentModel: settings.subagentModel } : {}),
        maxTurns: settings.maxTurns,
        permissionMode: settings.permissionMode,
        sessions: options.sessions,
        titles: settings.chatTitles,
        autoMemory: settings.autoMemory,
        // A long-lived chat follows edits to .claude/settings*.json without a restart.
        watchSettings: true,
        ...(request.resume ? { resume: request.resume } : { sessionId: request.sessionId }),
        approver: request.approver,
        logger: options.logger,
        trusted: request.trusted,
        rgPath: ripgrepPath(settings),
        ...(mcp ? { mcp } : {}),
        toolSearchBudgetTokens: settings.toolSearchBudgetTokens,
        ...(checkpoints ? { checkpoints } : {}),
        treeSitterPaths: {
          treeSitterWasm: join(options.distPath, 'tree-sitter.wasm'),
          bashWasm: join(options.distPath, 'tree-sitter-bash.wasm'),
        },
        overrides: {
          workspace: options.workspace,
          client: modelClient.client,
          reviewingWriter: writerFor ?? request.writer,
          clientFor: (provider) => roleClients.get(provider),
        },
      });
      if (!result.ok)
        return { ok: false, code: 'setup-failed', message: result.message, action: 'open-settings' };
      const { session } = result;
      return {
        ok: true,
        agent: session.agent,
        sessionId: session.sessionId,
        dispose: () => session.dispose(),
      };
    } catch (error) {
      options.logger.error('Creating the agent failed', error);
      return {
        ok: false,
        code: 'setup-failed',
        message: `Tandem could not start the agent: ${String(error)}`,
      };
    }
  };
}

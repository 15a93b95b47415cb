import { join } from 'node:path';
import * as vscode from 'vscode';
import { Agent } from '../../core/agent/agent';
import type { PermissionGate } from '../../core/execution/permission-gate';
import type { Logger } from '../../core/ports';
import { SystemClock } from '../../node/clock/system-clock';
import { NodeFetcher } from '../../node/fetch/node-fetcher';
import { RipgrepSearch } from '../../node/search/ripgrep-search';
import type { JsonlTranscriptStore } from '../../node/session/jsonl-transcript-store';
import { NodeShell } from '../../node/shell/node-shell';
import type { HostSettings } from '../config/host-settings';
import type { ApiKeyStore } from '../secrets/api-key-store';
import type { VscodeWorkspace } from '../workspace/vscode-workspace';
import type { ChatAgentFactory } from './chat-agent';
import { createModelClient } from './create-model-client';
import { editTool } from '../../core/tools/edit/edit-tool';
import { globTool } from '../../core/tools/glob/glob-tool';
import { grepTool } from '../../core/tools/grep/grep-tool';
import { readTool } from '../../core/tools/read/read-tool';
import { writeTool } from '../../core/tools/write/write-tool';
import type { AnyTool } from '../../core/tools/tool';
import { restrictedModeGate } from './restricted-mode-gate';

/** What the composition needs from the extension. */
export interface ComposeChatAgentOptions {
  settings(): HostSettings;
  keys: ApiKeyStore;
  workspace: VscodeWorkspace;
  logger: Logger;
  sessions: JsonlTranscriptStore;
  isTrusted(): boolean;
}

// Until the lead's composition lands: the file tools, enough for the panel's review flow.
const fallbackTools: readonly AnyTool[] = [readTool, editTool, writeTool, globTool, grepTool];

/** rg: the setting, else the one VS Code ships, else PATH. */
export function ripgrepPath(settings: HostSettings): string {
  if (settings.ripgrepPath) return settings.ripgrepPath;
  return join(vscode.env.appRoot, 'node_modules', '@vscode', 'ripgrep', 'bin', process.platform === 'win32' ? 'rg.exe' : 'rg');
}

/**
 * THE composition point of the editor's agent: every other host file goes through the
 * ChatAgentFactory this returns. Until the lead's Node composition (src/node/agent) lands, it
 * builds a core `Agent` with the host's ports, the file tools and a minimal asking gate.
 */
export function composeChatAgent(options: ComposeChatAgentOptions): ChatAgentFactory {
  const shell = new NodeShell();
  return async (request) => {
    const settings = options.settings();
    const modelClient = await createModelClient(settings, options.keys);
    if (!modelClient.ok) return modelClient;
    const cwd = options.workspace.roots[0] ?? process.cwd();
    const askingGate: PermissionGate = {
      async check(tool, input, context) {
        if (tool.isReadOnly(input)) return { behavior: 'allow' };
        const answer = await request.approver.ask(
          {
            toolUseId: context.toolUseId,
            toolName: tool.name,
            input,
            title: tool.summarize(input) || tool.name,
            reason: 'This tool changes files or runs commands.',
          },
          context.signal,
        );
        return answer.kind === 'deny'
          ? { behavior: 'deny', message: answer.message ?? 'The person denied this tool call.' }
          : { behavior: 'allow', writer: request.writer };
      },
    };
    const transcript = options.sessions.sink(request.sessionId);
    if (!request.history?.length) {
      transcript.append({ type: 'session-start', sessionId: request.sessionId, cwd, model: modelClient.model, timestamp: Date.now() });
    }
    const agent = new Agent({
      sessionId: request.sessionId,
      client: modelClient.client,
      model: modelClient.model,
      maxTurns: settings.maxTurns,
      tools: fallbackTools,
      ports: {
        workspace: options.workspace,
        shell,
        search: new RipgrepSearch({ rgPath: ripgrepPath(settings) }),
        fetcher: new NodeFetcher(),
        clock: new SystemClock(),
        logger: options.logger,
      },
      gate: restrictedModeGate(askingGate, options.isTrusted),
      writer: request.writer,
      cwd,
      system: async () => [{ text: `You are Tandem, a coding agent inside VS Code. The workspace is ${cwd}.` }],
      transcript,
      history: request.history,
      todos: request.todos,
    });
    return { ok: true, agent };
  };
}

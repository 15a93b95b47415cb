import type * as vscode from 'vscode';
import { mcpTokenVariable, mcpUrlVariable } from './mcp-config-snippet';

const loopback = ['localhost', '127.0.0.1', '::1'];

/** `value` with the loopback names added, so a proxy never carries the connection to the editor. */
export function withLoopback(value: string | undefined): string {
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return [...entries, ...loopback.filter((name) => !entries.includes(name))].join(',');
}

/** What the integrated terminals of this window are given. */
export interface TerminalBridgeEnvironment {
  /** The IDE WebSocket port, when Tandem serves the CLI's IDE connection. */
  idePort?: number;
  /** Set CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL so the CLI does not install another IDE extension. */
  skipExtensionInstall: boolean;
  mcp?: { url: string; token: string };
}

/**
 * Puts the bridge's coordinates into every integrated terminal of this window (§1.3):
 * `CLAUDE_CODE_SSE_PORT` (the CLI then picks our lock directly), the legacy `ENABLE_IDE_INTEGRATION`,
 * loopback in `no_proxy`/`NO_PROXY`, and the HTTP endpoint's URL and token for `.mcp.json`
 * references. Not persisted: the token never lands in VS Code's storage, and a new window sets its own.
 */
export function applyTerminalEnvironment(
  collection: vscode.GlobalEnvironmentVariableCollection,
  environment: TerminalBridgeEnvironment | undefined,
  processEnv: NodeJS.ProcessEnv = process.env,
): void {
  collection.persistent = false;
  collection.clear();
  if (!environment) return;
  collection.description = 'Lets agents started here (such as the claude CLI) use the editor through Tandem.';
  if (environment.idePort !== undefined) {
    collection.replace('CLAUDE_CODE_SSE_PORT', String(environment.idePort));
    collection.replace('ENABLE_IDE_INTEGRATION', 'true');
    if (environment.skipExtensionInstall) collection.replace('CLAUDE_CODE_IDE_SKIP_AUTO_INSTALL', '1');
  }
  collection.replace('no_proxy', withLoopback(processEnv['no_proxy']));
  collection.replace('NO_PROXY', withLoopback(processEnv['NO_PROXY']));
  if (environment.mcp) {
    collection.replace(mcpUrlVariable, environment.mcp.url);
    collection.replace(mcpTokenVariable, environment.mcp.token);
  }
}

import type { McpServerConfig } from './mcp-server-config';
import { isRemoteServer } from './mcp-server-config';
import type { InProcessServer, McpServerEntry } from './mcp-server-entry';

/**
 * Where one server stands. `pending`: configured, started the first time the agent needs its
 * tools. `awaiting-trust`: a project server waiting for the person's consent. `failed` says why,
 * and whether Tandem is still retrying. `disabled` says who decided.
 */
export type McpServerState =
  | { kind: 'pending' }
  | { kind: 'awaiting-trust' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'connected'; tools: number; resources: number; prompts: number }
  | { kind: 'failed'; reason: string; retrying: boolean }
  | { kind: 'disabled'; reason: string };

/** What the panel, the QuickPick and the CLI show of one server: no expanded values, no secrets. */
export interface McpServerSnapshot {
  name: string;
  scope: McpServerEntry['scope'];
  source: string;
  /** `stdio: npx`, `http: https://api.example.com`, `in-process`. */
  transport: string;
  state: McpServerState;
  /** Tool names as the model sees them (`mcp__server__tool`), when connected. */
  tools: string[];
  /** Prompt names the server lists, when connected. */
  prompts: string[];
  /** Resource URIs the server lists, when connected. */
  resources: string[];
}

/**
 * The transport in a few words, from the entry as written (before `${VAR}` expansion): the command
 * without its arguments, or the URL's origin without path, query or credentials.
 */
export function describeTransport(config: McpServerConfig | InProcessServer): string {
  if (config.type === 'in-process') return 'in-process';
  if (!isRemoteServer(config)) return `stdio: ${config.command}`;
  let where = config.url;
  try {
    where = new URL(config.url).origin;
  } catch {
    where = config.url.replace(/[?#].*$/, '');
  }
  return `${config.type}: ${where}`;
}

/** One line for logs and the CLI: `connected (12 tools)`, `failed: …`. */
export function describeState(state: McpServerState): string {
  switch (state.kind) {
    case 'pending':
      return 'not started yet';
    case 'awaiting-trust':
      return 'waiting for your approval';
    case 'connecting':
      return state.attempt > 1 ? `reconnecting (attempt ${state.attempt})` : 'connecting';
    case 'connected': {
      const parts = [`${state.tools} ${state.tools === 1 ? 'tool' : 'tools'}`];
      if (state.resources > 0) parts.push(`${state.resources} resources`);
      if (state.prompts > 0) parts.push(`${state.prompts} prompts`);
      return `connected (${parts.join(', ')})`;
    }
    case 'failed':
      return `failed: ${state.reason}${state.retrying ? ' (retrying)' : ''}`;
    case 'disabled':
      return `disabled: ${state.reason}`;
  }
}

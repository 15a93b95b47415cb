import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpConfigProblem, McpServerConfig } from './mcp-server-config';

/**
 * Where a server entry came from, highest precedence first: `--mcp-config` for one CLI run, the
 * person's own entry for this project (`~/.claude.json` → `projects[<path>].mcpServers`), the
 * project's `.mcp.json`, the editor's `tandem.mcpServers` setting, the person's own for every
 * project (`~/.claude.json` → `mcpServers`). Only `project` entries need the person's consent.
 */
export type McpScope = 'cli' | 'local' | 'project' | 'editor' | 'user';

/** Precedence, highest first: the same name in two scopes takes the whole entry from the higher one. */
export const mcpScopePrecedence: readonly McpScope[] = ['cli', 'local', 'project', 'editor', 'user'];

/**
 * A server the editor runs inside the extension host (the IDE server), reached through a linked
 * in-memory transport: nothing to spawn, nothing to expand, nothing to consent to.
 */
export interface InProcessServer {
  type: 'in-process';
  /** A fresh, unstarted client-side transport; called again on every (re)connect. */
  connect(): Promise<Transport>;
  /** Tools this server marks read-only may run without asking (it is part of Tandem). */
  trusted: true;
  /** Tools of the server the agent is not offered (by their names on the server). */
  hiddenTools?: readonly string[];
}

/** One configured server, after merging scopes. */
export interface McpServerEntry {
  /** The name as configured; tool names use its sanitised form. */
  name: string;
  scope: McpScope | 'builtin';
  /** The file or setting it came from, for messages. */
  source: string;
  config: McpServerConfig | InProcessServer;
}

/** One scope's entries as read from its file or setting. */
export interface McpServerSource {
  scope: McpScope;
  source: string;
  servers: ReadonlyMap<string, McpServerConfig>;
}

/**
 * Merges scopes by {@link mcpScopePrecedence}: a name defined in several takes the whole entry of
 * the highest one (no field merge, as Claude Code), and each hidden entry is reported. Built-in
 * servers (the IDE) keep their names; an entry of the same name is reported and left out. Pure.
 */
export function mergeServerSources(
  sources: readonly McpServerSource[],
  builtin: readonly McpServerEntry[] = [],
): { entries: McpServerEntry[]; problems: McpConfigProblem[] } {
  const ordered = [...sources].sort(
    (a, b) => mcpScopePrecedence.indexOf(a.scope) - mcpScopePrecedence.indexOf(b.scope),
  );
  const entries = new Map<string, McpServerEntry>(builtin.map((entry) => [entry.name, entry]));
  const problems: McpConfigProblem[] = [];
  for (const source of ordered) {
    for (const [name, config] of source.servers) {
      const winner = entries.get(name);
      if (winner) {
        const by =
          winner.scope === 'builtin' ? 'Tandem’s built-in server' : `${winner.source} (${winner.scope})`;
        problems.push({ source: source.source, server: name, message: `not used: ${by} has the same name` });
        continue;
      }
      entries.set(name, { name, scope: source.scope, source: source.source, config });
    }
  }
  return { entries: [...entries.values()], problems };
}

/** @jsxRuntime automatic */
import { type ReactNode, useState } from 'react';
import type { McpServerAction, McpServerView } from '../../../src/protocol/mcp-server-events';
import { WebviewMessageType } from '../../../src/protocol/message-type';
import { usePanel, usePanelState } from '../panel-context';

const statusIcons: Record<McpServerView['status'], string> = {
  pending: 'codicon-circle-large-outline',
  'awaiting-trust': 'codicon-shield',
  connecting: 'codicon-loading codicon-modifier-spin',
  connected: 'codicon-pass-filled',
  failed: 'codicon-error',
  disabled: 'codicon-circle-slash',
};

const actionButtons: Record<McpServerAction, { icon: string; label: string }> = {
  approve: { icon: 'codicon-check', label: 'Approve' },
  refuse: { icon: 'codicon-close', label: 'Refuse' },
  'turn-on': { icon: 'codicon-play', label: 'Turn on' },
  restart: { icon: 'codicon-debug-restart', label: 'Restart' },
  'turn-off': { icon: 'codicon-circle-slash', label: 'Turn off' },
};

/** `2 connected · 1 failed · 1 waiting for approval`: the collapsed header says what needs a look. */
function summary(servers: readonly McpServerView[]): string {
  const count = (status: McpServerView['status']) =>
    servers.filter((server) => server.status === status).length;
  const parts = [
    [count('connected'), 'connected'],
    [count('failed'), 'failed'],
    [count('awaiting-trust'), 'waiting for approval'],
    [count('connecting'), 'connecting'],
  ] as const;
  const said = parts.filter(([number]) => number > 0).map(([number, what]) => `${number} ${what}`);
  return said.length > 0 ? said.join(' · ') : `${servers.length} configured`;
}

/**
 * The workspace's MCP servers: each one's state (connected with its tool count, failed with the
 * reason, waiting for approval, off) and the actions the host offers for it. Collapsed by default,
 * opened by itself while a server waits for approval; hidden when the person configured none (and
 * the built-in IDE server works).
 */
export function McpServers(): ReactNode {
  const { post } = usePanel();
  const servers = usePanelState((view) => view.mcpServers);
  const [open, setOpen] = useState<boolean | undefined>(undefined);
  // Tandem's own IDE server alone is no news; it shows once there is more, or when it fails.
  const worthShowing = servers.some((server) => server.scope !== 'builtin' || server.status === 'failed');
  if (!worthShowing) return null;
  const expanded = open ?? servers.some((server) => server.status === 'awaiting-trust');
  return (
    <section className="mcp-servers" aria-label="MCP servers">
      <button
        type="button"
        className="mcp-servers-header"
        aria-expanded={expanded}
        aria-controls="mcp-server-list"
        onClick={() => setOpen(!expanded)}
      >
        <span
          className={`codicon ${expanded ? 'codicon-chevron-down' : 'codicon-chevron-right'}`}
          aria-hidden="true"
        />
        <span className="mcp-servers-title">MCP servers</span>
        <span className="mcp-servers-summary">{summary(servers)}</span>
      </button>
      {expanded ? (
        <ul id="mcp-server-list" className="mcp-server-list">
          {servers.map((server) => (
            <li key={server.name} className={`mcp-server mcp-server-${server.status}`}>
              <span
                className={`codicon ${statusIcons[server.status]}`}
                role="img"
                aria-label={server.status}
              />
              <span className="mcp-server-text">
                <span className="mcp-server-name">{server.name}</span>
                <span className="mcp-server-detail" title={`${server.transport} · ${server.scope}`}>
                  {server.detail}
                </span>
              </span>
              {server.actions.map((action) => (
                <button
                  key={action}
                  type="button"
                  className="icon-button"
                  aria-label={`${actionButtons[action].label} ${server.name}`}
                  title={actionButtons[action].label}
                  onClick={() =>
                    post({ type: WebviewMessageType.McpServerCommand, name: server.name, action })
                  }
                >
                  <span className={`codicon ${actionButtons[action].icon}`} aria-hidden="true" />
                </button>
              ))}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

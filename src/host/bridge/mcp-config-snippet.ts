/** The variables Tandem sets in this window's terminals for the HTTP endpoint. */
export const mcpUrlVariable = 'TANDEM_MCP_URL';
export const mcpTokenVariable = 'TANDEM_MCP_TOKEN';

/** The server name the snippet registers; its tools become `mcp__tandem__<tool>`. */
export const mcpServerName = 'tandem';

/**
 * A ready `.mcp.json` (Claude Code's `mcpServers` format) for the HTTP endpoint. With `variables`,
 * the URL and token are `${…}` references to what this window's terminals carry: safe to commit,
 * and each window's terminals reach their own window. With `inline`, the literal address and token:
 * works anywhere on this machine, and is a secret.
 */
export function mcpServerConfig(
  form: { kind: 'variables' } | { kind: 'inline'; url: string; token: string },
): string {
  const entry =
    form.kind === 'variables'
      ? {
          type: 'http',
          url: `\${${mcpUrlVariable}}`,
          headers: { Authorization: `Bearer \${${mcpTokenVariable}}` },
        }
      : { type: 'http', url: form.url, headers: { Authorization: `Bearer ${form.token}` } };
  return `${JSON.stringify({ mcpServers: { [mcpServerName]: entry } }, null, 2)}\n`;
}

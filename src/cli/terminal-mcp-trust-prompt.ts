import { createInterface } from 'node:readline/promises';
import type { McpTrustAnswer, McpTrustPrompt, McpTrustQuestion } from '../core/mcp/project-server-trust';

/**
 * Asks on the terminal, once, whether to start the project's new `.mcp.json` servers, as Claude
 * Code's dialog does: all project servers from now on, these ones, or none. Only for a terminal:
 * without one the CLI passes no prompt, and the settings keys alone decide.
 */
export class TerminalMcpTrustPrompt implements McpTrustPrompt {
  constructor(
    private readonly input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
  ) {}

  async ask(servers: readonly McpTrustQuestion[], signal: AbortSignal): Promise<McpTrustAnswer | undefined> {
    const list = servers.map((server) => `  - ${server.name} (${server.transport}) from ${server.source}`);
    this.output.write(
      [
        `\nThis project's .mcp.json adds ${servers.length === 1 ? 'an MCP server' : 'MCP servers'}:`,
        ...list,
        'An MCP server runs code on this machine or reaches a service with your data. Start only servers you trust.',
        '',
      ].join('\n'),
    );
    const readline = createInterface({ input: this.input, output: this.output });
    try {
      const answer = (
        await readline.question('Use them? [y = these, a = all project servers from now on, n = none] ', {
          signal,
        })
      )
        .trim()
        .toLowerCase();
      if (answer === 'a') return 'approve-all';
      if (answer === 'y' || answer === 'yes') return 'approve';
      return 'reject';
    } catch {
      return undefined;
    } finally {
      readline.close();
    }
  }
}

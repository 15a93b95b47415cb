/**
 * The JSON Schema VS Code uses for `.mcp.json`, the project's MCP servers in Claude Code's format.
 * Generated from the zod schema Tandem itself parses those files with, so the editor's checks and
 * the agent's reading of the file cannot drift apart.
 */
import { z } from 'zod';
import { mcpConfigFileSchema } from '../../src/core/mcp/mcp-server-config';

/** The generated schema (JSON Schema draft-07, which VS Code's JSON language service fully supports). */
export function mcpServersJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(mcpConfigFileSchema, { target: 'draft-07', io: 'input' });
}

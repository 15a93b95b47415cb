import type { CallToolResult, Tool as McpToolListing } from '@modelcontextprotocol/sdk/types.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/types.js';
import { z } from 'zod';
import { buildTool } from '../tools/build-tool';
import type { AnyTool, ToolPermissionCheck } from '../tools/tool';
import { errorResult } from '../tools/tool';
import { toToolResult } from './mcp-result';
import { mcpServerRuleName, mcpToolName } from './mcp-tool-name';

/** Claude Code cuts MCP tool descriptions at this length; a server's essay should not fill the prompt. */
export const maxMcpDescriptionChars = 2_048;
/** About Claude Code's 25,000-token cap on one MCP result. */
export const maxMcpResultChars = 100_000;

/** How a call went at the protocol level: a result, or a sentence saying why there is none. */
export type McpCallOutcome = { ok: true; result: CallToolResult } | { ok: false; message: string };

/** Runs one tool on its server; must not throw (a dead server is an `ok: false` outcome). */
export interface McpToolCaller {
  callTool(request: {
    tool: string;
    arguments: Record<string, unknown>;
    signal: AbortSignal;
  }): Promise<McpCallOutcome>;
}

/** Options of {@link createMcpTool}. */
export interface McpToolOptions {
  /** The server's name as configured. */
  server: string;
  /** The tool as `tools/list` described it. */
  listing: McpToolListing;
  caller: McpToolCaller;
  /** Compiles the server's input schema; one per server, so `$id`s of two servers never collide. */
  validator: jsonSchemaValidator;
  /**
   * Tandem's own server (the IDE): its read-only tools may run without asking. Any other server's
   * tools are asked about unless a rule allows them, whatever their annotations claim.
   */
  trusted: boolean;
  /** The name the tool goes by; default `mcp__<server>__<tool>`. */
  name?: string;
}

/**
 * An MCP tool as a Tandem tool, named `mcp__<server>__<tool>` and matched by permission rules
 * under that name (`mcp__server`, `mcp__server__tool`). Its traits come from the server's
 * annotations, conservatively: only `readOnlyHint: true` without `destructiveHint` makes it
 * read-only (so plan mode runs it) and safe to run beside others; anything else writes and runs
 * alone. The server's JSON Schema is what the model sees and what input is validated against.
 */
export function createMcpTool(options: McpToolOptions): AnyTool {
  const { listing, server } = options;
  const annotations = listing.annotations ?? {};
  const readOnly = annotations.readOnlyHint === true && annotations.destructiveHint !== true;
  const name = options.name ?? mcpToolName(server, listing.name);
  const description = describe(listing, server);
  return buildTool<Record<string, unknown>>({
    name,
    description,
    inputSchema: inputValidator(listing.inputSchema, options.validator),
    inputJsonSchema: listing.inputSchema,
    maxResultChars: maxMcpResultChars,
    isReadOnly: () => readOnly,
    isConcurrencySafe: () => readOnly,
    checkPermissions: async () => permissionCheck(name, server, annotations, options.trusted && readOnly),
    summarize: (input) => summarizeArguments(input),
    async *call(input, context) {
      const outcome = await options.caller.callTool({
        tool: listing.name,
        arguments: input,
        signal: context.signal,
      });
      if (!outcome.ok) return errorResult(outcome.message);
      return toToolResult(outcome.result, { supportsImages: context.model.supportsImages });
    },
  });
}

function describe(listing: McpToolListing, server: string): string {
  const text =
    (listing.description ?? '').trim() ||
    `The ${listing.title ?? listing.name} tool of the MCP server "${server}".`;
  return text.length > maxMcpDescriptionChars
    ? `${text.slice(0, maxMcpDescriptionChars)}… [description cut]`
    : text;
}

/**
 * Validates the model's arguments against the server's schema, so a mistake comes back to the model
 * as an input error before anything reaches the server. A schema the validator cannot compile is
 * left to the server to enforce.
 */
function inputValidator(
  schema: McpToolListing['inputSchema'],
  validator: jsonSchemaValidator,
): z.ZodType<Record<string, unknown>> {
  const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
  let validate: ((input: unknown) => string | undefined) | undefined;
  try {
    const compiled = validator.getValidator(rest);
    validate = (input) => {
      const result = compiled(input);
      return result.valid ? undefined : result.errorMessage;
    };
  } catch {
    validate = undefined;
  }
  return z.record(z.string(), z.unknown()).superRefine((input, context) => {
    const problem = validate?.(input);
    if (problem !== undefined)
      context.addIssue({
        code: 'custom',
        message: problem.replace(/\bdata\//g, '').replace(/\bdata\b\s*/g, 'the input '),
      });
  });
}

function permissionCheck(
  name: string,
  server: string,
  annotations: NonNullable<McpToolListing['annotations']>,
  runsFreely: boolean,
): ToolPermissionCheck {
  if (runsFreely) return { behavior: 'passthrough' };
  const traits = [
    annotations.destructiveHint === true ? 'the server marks it destructive' : undefined,
    annotations.openWorldHint === true ? 'it reaches outside systems' : undefined,
  ].filter((trait): trait is string => trait !== undefined);
  const why = traits.length > 0 ? ` (${traits.join('; ')})` : '';
  return {
    behavior: 'ask',
    reason: `A tool of the MCP server "${server}"${why}; no rule allows ${name} or ${mcpServerRuleName(server)}.`,
    suggestedRule: name,
  };
}

/** One line for the panel and the prompt: the arguments as compact JSON, cut at 120 characters. */
function summarizeArguments(input: Record<string, unknown>): string {
  const text = JSON.stringify(input) ?? '';
  if (text === '{}') return '';
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

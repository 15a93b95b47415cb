import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { McpConfigProblem } from '../../core/mcp/mcp-server-config';
import { parseServerMap } from '../../core/mcp/mcp-server-config';
import type { McpServerSource } from '../../core/mcp/mcp-server-entry';

/** Options of {@link loadMcpServerSources}; absolute paths. */
export interface McpConfigLoaderOptions {
  projectRoot: string;
  cwd: string;
  homeDir: string;
  /** Read for `CLAUDE_CONFIG_DIR`. */
  env: Readonly<Record<string, string | undefined>>;
  /** `--mcp-config` values: files (relative to `cwd`) or JSON text. */
  cliConfigs?: readonly string[];
  /** `--strict-mcp-config`: use the `--mcp-config` servers only. */
  strict?: boolean;
  /** The editor's `tandem.mcpServers` (user settings only). */
  editorServers?: unknown;
}

/** The loaded scopes, and what was wrong: `cliErrors` are unusable `--mcp-config` values. */
export interface LoadedMcpSources {
  sources: McpServerSource[];
  problems: McpConfigProblem[];
  cliErrors: string[];
}

/** Where Claude Code keeps the person's own MCP servers: `~/.claude.json`, or inside `$CLAUDE_CONFIG_DIR`. */
export function claudeJsonPath(homeDir: string, env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.CLAUDE_CONFIG_DIR;
  return configured ? join(configured, '.claude.json') : join(homeDir, '.claude.json');
}

/** The envelope of `.mcp.json` and `--mcp-config`; entries are checked one by one, so one bad entry costs only itself. */
const mcpFileSchema = z.looseObject({ mcpServers: z.unknown().optional() });

const claudeJsonSchema = z.looseObject({
  mcpServers: z.unknown().optional(),
  projects: z
    .record(z.string(), z.looseObject({ mcpServers: z.unknown().optional() }))
    .optional()
    .catch(undefined),
});

/**
 * Reads every MCP scope: `--mcp-config`, the local and user entries of `~/.claude.json`, the
 * project's `.mcp.json` and the editor setting. A missing file is no scope; a broken file or entry
 * is a problem and the rest still loads. Never throws.
 */
export async function loadMcpServerSources(options: McpConfigLoaderOptions): Promise<LoadedMcpSources> {
  const problems: McpConfigProblem[] = [];
  const sources: McpServerSource[] = [];
  const cliErrors: string[] = [];
  for (const [index, value] of (options.cliConfigs ?? []).entries()) {
    const isText = value.trim().startsWith('{');
    const source = isText ? `--mcp-config #${index + 1}` : resolve(options.cwd, value);
    const text = isText ? value : await readText(source);
    const file = text === undefined ? undefined : parseJson(text, mcpFileSchema);
    if (!file) {
      cliErrors.push(
        `--mcp-config ${isText ? `value #${index + 1}` : source}: ${text === undefined ? 'cannot read the file' : 'not a JSON object with "mcpServers"'}`,
      );
      continue;
    }
    const parsed = parseServerMap(file.mcpServers, source);
    cliErrors.push(
      ...parsed.problems.map((problem) =>
        `${source}: ${problem.server ?? ''} ${problem.message}`.replace(/\s+/g, ' '),
      ),
    );
    sources.push({ scope: 'cli', source, servers: parsed.servers });
  }
  if (options.strict) return { sources, problems, cliErrors };

  const claudeJson = claudeJsonPath(options.homeDir, options.env);
  const personal = await readJsonFile(claudeJson, claudeJsonSchema, problems);
  if (personal) {
    for (const key of new Set([options.projectRoot, options.cwd])) {
      const local = personal.projects?.[key]?.mcpServers;
      if (local !== undefined) add(sources, problems, 'local', `${claudeJson} (projects["${key}"])`, local);
    }
    add(sources, problems, 'user', claudeJson, personal.mcpServers);
  }
  const mcpJson = join(options.projectRoot, '.mcp.json');
  const project = await readJsonFile(mcpJson, mcpFileSchema, problems);
  if (project) add(sources, problems, 'project', mcpJson, project.mcpServers);
  if (options.editorServers !== undefined)
    add(sources, problems, 'editor', 'tandem.mcpServers', options.editorServers);
  return { sources, problems, cliErrors };
}

function add(
  sources: McpServerSource[],
  problems: McpConfigProblem[],
  scope: McpServerSource['scope'],
  source: string,
  raw: unknown,
): void {
  const parsed = parseServerMap(raw, source);
  problems.push(...parsed.problems);
  if (parsed.servers.size > 0) sources.push({ scope, source, servers: parsed.servers });
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function readJsonFile<T>(
  path: string,
  schema: z.ZodType<T>,
  problems: McpConfigProblem[],
): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR')
      problems.push({ source: path, message: `could not read: ${code ?? String(error)}` });
    return undefined;
  }
  const parsed = parseJson(text, schema);
  if (!parsed) problems.push({ source: path, message: 'not valid JSON, or not a JSON object' });
  return parsed;
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

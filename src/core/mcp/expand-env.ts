import type { McpServerConfig } from './mcp-server-config';
import { isRemoteServer } from './mcp-server-config';

const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Expands `${VAR}` and `${VAR:-default}` in one string, as Claude Code does in MCP entries. A
 * variable that is unset (or empty, for the `:-` form) takes its default; one without a default is
 * reported in `missing` and left as written. Pure; `env` is read, never changed.
 */
export function expandEnv(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(reference, (whole, name: string, fallback: string | undefined) => {
    const found = env[name];
    if (found !== undefined && (fallback === undefined || found !== '')) return found;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return whole;
  });
  return { value, missing };
}

/**
 * An entry with every `${…}` expanded in `command`, `args`, `env`, `url` and `headers`; `missing`
 * names the variables that had no value and no default (the caller refuses to start the server).
 * The result holds secrets: keep it out of logs and of anything shown to the person.
 */
export function expandServerConfig(
  config: McpServerConfig,
  env: Readonly<Record<string, string | undefined>>,
): { config: McpServerConfig; missing: string[] } {
  const missing = new Set<string>();
  const expand = (text: string): string => {
    const result = expandEnv(text, env);
    for (const name of result.missing) missing.add(name);
    return result.value;
  };
  const expandRecord = (record: Record<string, string> | undefined) =>
    record && Object.fromEntries(Object.entries(record).map(([key, value]) => [key, expand(value)]));
  if (isRemoteServer(config)) {
    const headers = expandRecord(config.headers);
    const expanded = { ...config, url: expand(config.url), ...(headers ? { headers } : {}) };
    return { config: expanded, missing: [...missing] };
  }
  const environment = expandRecord(config.env);
  const expanded = {
    ...config,
    command: expand(config.command),
    ...(config.args ? { args: config.args.map(expand) } : {}),
    ...(environment ? { env: environment } : {}),
  };
  return { config: expanded, missing: [...missing] };
}

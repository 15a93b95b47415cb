/**
 * The ToolSearch budget Claude Code's `ENABLE_TOOL_SEARCH` asks for, so one environment drives
 * both CLIs: `false` never defers MCP tools, `true` always does, `auto` keeps the default, and
 * `auto:N` defers once they would take N% of the model's context window. Undefined for anything
 * else (and when unset): the default budget applies.
 */
export function toolSearchBudgetFromEnv(
  value: string | undefined,
  contextWindow: number,
): number | undefined {
  const normalized = value?.trim().toLowerCase();
  if (normalized === 'false' || normalized === '0') return Number.POSITIVE_INFINITY;
  if (normalized === 'true' || normalized === '1') return 0;
  const percent = /^auto:(\d+(?:\.\d+)?)$/.exec(normalized ?? '')?.[1];
  return percent === undefined ? undefined : Math.round((contextWindow * Number(percent)) / 100);
}

const plainList = /^[A-Za-z0-9_|, -]*$/;

/** `error` is set for an invalid regex (which then matches nothing). */
export type HookMatcherResult = { matches: boolean; error?: string };

/**
 * Claude Code matcher semantics: empty, missing or `*` matches everything; a matcher made only of
 * name characters is an exact name or a `|`/`,` list (`Edit|Write`, so `Bash` does not match
 * `BashOutput`); anything else is an unanchored regular expression (`mcp__.*`, `^Notebook`). An
 * invalid regex matches nothing and returns an error to report. `target` undefined (events without
 * matchers) always matches.
 */
export function matchHook(matcher: string | undefined, target: string | undefined): HookMatcherResult {
  if (target === undefined) return { matches: true };
  const trimmed = matcher?.trim() ?? '';
  if (trimmed === '' || trimmed === '*') return { matches: true };
  if (plainList.test(trimmed)) {
    const names = trimmed.split(/[|,]/).map((name) => name.trim());
    return { matches: names.includes(target) };
  }
  try {
    return { matches: new RegExp(trimmed).test(target) };
  } catch (error) {
    return { matches: false, error: `invalid hook matcher ${JSON.stringify(matcher)}: ${String(error)}` };
  }
}

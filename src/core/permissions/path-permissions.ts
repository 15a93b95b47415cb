import type { TargetEvaluation } from './permission-decision';
import type { PermissionRule, RuleBehavior, RuleSet } from './permission-rule';
import { editToolNames, readToolNames, ruleNamesTool } from './permission-rule';
import {
  isInside,
  isProtectedPath,
  isSecretPath,
  isUncPath,
  normalizePath,
  resolvePath,
  toPosixPath,
} from './path-checks';
import { anchorPathPattern, globToRegExp, matchesPathGlob } from './path-pattern';

/** What path checks need to know; `realPath` comes from the Workspace port and must not throw. */
export interface PathContext {
  /** Where relative paths in the call are resolved (the shell's folder for Bash). */
  cwd: string;
  /** Where `./x` and bare rule patterns are anchored: the session's working directory. */
  ruleCwd: string;
  home: string;
  /** Workspace roots, both as configured and as resolved through symlinks. */
  roots: readonly string[];
  caseInsensitive: boolean;
  /** Windows: `//server/share` means a UNC share. */
  windows: boolean;
  realPath(path: string): Promise<string>;
}

/** A path as written, and as resolved through `..`, `~` and symlinks. */
export interface ResolvedPath {
  raw: string;
  lexical: string;
  real: string;
}

/** Resolves a path for checking. Relative paths are taken against `base` (default: cwd). */
export async function resolveForCheck(
  raw: string,
  context: PathContext,
  base = context.cwd,
): Promise<ResolvedPath> {
  const lexical = resolvePath(raw, { cwd: base, home: context.home });
  return { raw, lexical, real: await realPathOfNearest(lexical, context) };
}

/**
 * The real path, resolving the nearest existing folder when the path itself does not exist yet
 * (a new file under a symlinked folder must count as where it will really be written).
 */
async function realPathOfNearest(path: string, context: PathContext): Promise<string> {
  const resolve = async (candidate: string) => {
    try {
      return toPosixPath(await context.realPath(candidate));
    } catch {
      return candidate;
    }
  };
  const real = await resolve(path);
  if (real !== path) return real;
  let tail = '';
  let current = path;
  for (let depth = 0; depth < 64; depth++) {
    const slash = current.lastIndexOf('/');
    if (slash <= 0) return path;
    tail = `${current.slice(slash)}${tail}`;
    current = current.slice(0, slash);
    const resolved = await resolve(current);
    if (resolved !== current) return normalizePath(`${resolved}${tail}`);
  }
  return path;
}

/** Both the path as written and its symlink target lie inside a workspace root. */
export function isInsideWorkspace(path: ResolvedPath, context: PathContext): boolean {
  const inside = (candidate: string) =>
    context.roots.some((root) => isInside(candidate, root, context.caseInsensitive));
  return inside(path.lexical) && inside(path.real);
}

export function isUnc(raw: string, windows: boolean): boolean {
  return /^\\\\/.test(raw) || /^\\\//.test(raw) || (windows && isUncPath(raw));
}

export function isSecret(path: ResolvedPath, context: PathContext): boolean {
  return (
    isSecretPath(path.lexical, context.caseInsensitive) || isSecretPath(path.real, context.caseInsensitive)
  );
}

/** Either form of the path is a protected place (see isProtectedPath). */
export function isProtected(path: ResolvedPath, context: PathContext): boolean {
  return (
    isProtectedPath(path.lexical, context.caseInsensitive) ||
    isProtectedPath(path.real, context.caseInsensitive)
  );
}

const globCache = new Map<string, RegExp>();

/** Whether a path rule covers the path: deny/ask if either form matches, allow only if both do. */
export function pathRuleMatches(
  rule: PermissionRule,
  behavior: RuleBehavior,
  path: ResolvedPath,
  context: PathContext,
): boolean {
  if (rule.matcher.kind === 'tool') return true;
  if (rule.matcher.kind !== 'path') return false;
  const broad = behavior !== 'allow';
  const anchors = {
    cwd: context.ruleCwd,
    home: context.home,
    root: rule.source.root === undefined ? context.ruleCwd : toPosixPath(rule.source.root),
  };
  const glob = anchorPathPattern(rule.matcher.pattern, anchors, broad);
  const key = `${glob}\u0000${context.caseInsensitive ? 'i' : ''}`;
  let regex = globCache.get(key);
  if (!regex) {
    regex = globToRegExp(glob, context.caseInsensitive);
    if (globCache.size > 5_000) globCache.clear();
    globCache.set(key, regex);
  }
  const matches = (candidate: string) => matchesPathGlob(regex, candidate, broad);
  return broad ? matches(path.lexical) || matches(path.real) : matches(path.lexical) && matches(path.real);
}

function findPathRule(
  rules: readonly PermissionRule[],
  behavior: RuleBehavior,
  toolName: string,
  path: ResolvedPath,
  context: PathContext,
): PermissionRule | undefined {
  return rules.find(
    (rule) => ruleNamesTool(rule, toolName, behavior) && pathRuleMatches(rule, behavior, path, context),
  );
}

/**
 * Rules and checks for a file tool touching `rawPaths`. UNC paths are refused; paths outside the
 * workspace and secrets ask; an allow rule counts only if it covers every path.
 */
export async function evaluatePaths(
  toolName: string,
  rawPaths: readonly string[],
  rules: RuleSet,
  context: PathContext,
): Promise<TargetEvaluation> {
  const evaluation: TargetEvaluation = { inside: true, hasPaths: rawPaths.length > 0 };
  let firstAllow: PermissionRule | undefined;
  let everyPathAllowed = rawPaths.length > 0;
  for (const raw of rawPaths) {
    if (isUnc(raw, context.windows)) {
      evaluation.escalation = {
        check: 'unc',
        reason: `${raw} is a network (UNC) path; Tandem does not open those.`,
        refuse: true,
      };
      evaluation.inside = false;
      everyPathAllowed = false;
      continue;
    }
    const path = await resolveForCheck(raw, context);
    evaluation.deny ??= findPathRule(rules.deny, 'deny', toolName, path, context);
    evaluation.ask ??= findPathRule(rules.ask, 'ask', toolName, path, context);
    const inside = isInsideWorkspace(path, context);
    if (!inside) {
      evaluation.inside = false;
      evaluation.escalation ??= {
        check: 'outside-workspace',
        reason: `${path.real} is outside the workspace folders.`,
      };
    } else if (isSecret(path, context)) {
      evaluation.escalation ??= { check: 'secret-path', reason: `${path.lexical} may hold secrets.` };
    } else if (editToolNames.has(toolName) && isProtected(path, context)) {
      const reason = `${path.lexical} can change how tools or the shell behave, so writing it needs your approval.`;
      evaluation.escalation ??= { check: 'protected-path', reason };
    }
    const allow = findPathRule(rules.allow, 'allow', toolName, path, context);
    firstAllow ??= allow;
    if (!allow) {
      everyPathAllowed = false;
      evaluation.suggestedRule ??= suggestPathRule(toolName, path, context);
    }
  }
  if (everyPathAllowed && firstAllow) evaluation.allow = firstAllow;
  return evaluation;
}

function suggestPathRule(toolName: string, path: ResolvedPath, context: PathContext): string {
  const family = readToolNames.has(toolName) ? 'Read' : 'Edit';
  const folder = path.lexical.slice(0, path.lexical.lastIndexOf('/')) || '/';
  if (isInside(folder, context.ruleCwd, context.caseInsensitive)) {
    const relative = folder.slice(context.ruleCwd.length).replace(/^\//, '');
    return `${family}(./${relative ? `${relative}/` : ''}**)`;
  }
  return `${family}(/${folder}/**)`;
}

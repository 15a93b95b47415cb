import { isInsidePath } from '../paths/is-inside-path';
import { normalizePath } from '../paths/normalize-path';
import { isUncPath, toPosixPath } from '../paths/posix-path';
import { expandHome, resolvePath } from '../paths/resolve-path';
import type { TargetEvaluation } from './permission-decision';
import type { PermissionRule, RuleBehavior, RuleSet } from './permission-rule';
import { anchorPathPattern, compilePathGlob, matchesPathGlob } from './path-pattern';
import type { RuleSubject } from './rule-subject';
import { matcherFor, ruleGoverns } from './rule-subject';
import { isProtectedPath, isSecretPath } from './sensitive-paths';

/** What path checks need to know; `realPath` comes from the Workspace port and must not throw. */
export interface PathContext {
  /** Where relative paths in the call are resolved (the shell's folder for Bash). */
  cwd: string;
  /** Where `./x` and bare rule patterns are anchored: the session's working directory. */
  ruleCwd: string;
  home: string;
  /** Workspace roots, both as configured and as resolved through symlinks. */
  roots: readonly string[];
  /**
   * Folders that may be read, but not written, without asking although they lie outside the
   * workspace (the session's saved tool results: the agent's own artefacts), in both forms too.
   */
  readRoots?: readonly string[];
  caseInsensitive: boolean;
  /** Windows: `//server/share` means a UNC share. */
  windows: boolean;
  realPath(path: string): Promise<string>;
}

/** A path as written, and as resolved through `..`, `~` and symlinks (both in `toPosixPath` form). */
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
  const lexical = toPosixPath(resolvePath(base, expandHome(raw, context.home)));
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
    context.roots.some((root) => isInsidePath(candidate, root, context.caseInsensitive));
  return inside(path.lexical) && inside(path.real);
}

/** Both forms of the path lie inside a read root (see `PathContext.readRoots`). */
export function isInsideReadRoot(path: ResolvedPath, context: PathContext): boolean {
  const roots = context.readRoots ?? [];
  const inside = (candidate: string) =>
    roots.some((root) => isInsidePath(candidate, root, context.caseInsensitive));
  return inside(path.lexical) && inside(path.real);
}

/** A UNC path: written with backslashes anywhere, or `//server/share` on Windows. */
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

/**
 * Whether a rule's path pattern covers the path, for a tool of `subject`'s kind: deny/ask if either
 * form of the path matches, allow only if both do.
 */
export function pathRuleMatches(
  rule: PermissionRule,
  behavior: RuleBehavior,
  subject: RuleSubject,
  path: ResolvedPath,
  context: PathContext,
): boolean {
  const matcher = matcherFor(rule, subject.permissionKind);
  if (matcher?.kind === 'tool') return true;
  if (matcher?.kind !== 'path') return false;
  const broad = behavior !== 'allow';
  const anchors = {
    cwd: context.ruleCwd,
    home: context.home,
    root: rule.source.root === undefined ? context.ruleCwd : toPosixPath(rule.source.root),
  };
  const regex = compilePathGlob(anchorPathPattern(matcher.pattern, anchors, broad), context.caseInsensitive);
  if (!regex) return false;
  const matches = (candidate: string) => matchesPathGlob(regex, candidate, broad);
  return broad ? matches(path.lexical) || matches(path.real) : matches(path.lexical) && matches(path.real);
}

function findPathRule(
  rules: readonly PermissionRule[],
  behavior: RuleBehavior,
  subject: RuleSubject,
  path: ResolvedPath,
  context: PathContext,
): PermissionRule | undefined {
  return rules.find(
    (rule) => ruleGoverns(rule, subject, behavior) && pathRuleMatches(rule, behavior, subject, path, context),
  );
}

/**
 * Rules and checks for a `read` or `edit` subject touching `rawPaths`. UNC paths are refused;
 * paths outside the workspace and secrets ask, and so do edits of protected places; an allow rule
 * counts only if it covers every path.
 */
export async function evaluatePaths(
  subject: RuleSubject,
  rawPaths: readonly string[],
  rules: RuleSet,
  context: PathContext,
): Promise<TargetEvaluation> {
  const evaluation: TargetEvaluation = { inside: true, hasPaths: rawPaths.length > 0, paths: [] };
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
    evaluation.paths?.push(path.lexical);
    evaluation.deny ??= findPathRule(rules.deny, 'deny', subject, path, context);
    evaluation.ask ??= findPathRule(rules.ask, 'ask', subject, path, context);
    const escalation = pathCheck(subject, path, context);
    if (escalation?.check === 'outside-workspace') evaluation.inside = false;
    evaluation.escalation ??= escalation;
    const allow = findPathRule(rules.allow, 'allow', subject, path, context);
    firstAllow ??= allow;
    if (!allow) {
      everyPathAllowed = false;
      evaluation.suggestedRule ??= suggestPathRule(subject, path, context);
    }
  }
  if (everyPathAllowed && firstAllow) evaluation.allow = firstAllow;
  return evaluation;
}

/** The check one path fails, if any: outside the workspace, a secret, or a protected place to edit. */
function pathCheck(
  subject: RuleSubject,
  path: ResolvedPath,
  context: PathContext,
): TargetEvaluation['escalation'] {
  const readable = subject.permissionKind === 'read' && isInsideReadRoot(path, context);
  if (!isInsideWorkspace(path, context) && !readable)
    return { check: 'outside-workspace', reason: `${path.real} is outside the workspace folders.` };
  if (isSecret(path, context)) return { check: 'secret-path', reason: `${path.lexical} may hold secrets.` };
  if (subject.permissionKind === 'edit' && isProtected(path, context)) {
    const reason = `${path.lexical} can change how tools or the shell behave, so writing it needs your approval.`;
    return { check: 'protected-path', reason };
  }
  return undefined;
}

function suggestPathRule(subject: RuleSubject, path: ResolvedPath, context: PathContext): string {
  const family = subject.permissionKind === 'read' ? 'Read' : 'Edit';
  const folder = path.lexical.slice(0, path.lexical.lastIndexOf('/')) || '/';
  if (isInsidePath(folder, context.ruleCwd, context.caseInsensitive)) {
    const relative = folder.slice(context.ruleCwd.length).replace(/^\//, '');
    return `${family}(./${relative ? `${relative}/` : ''}**)`;
  }
  return `${family}(/${folder}/**)`;
}

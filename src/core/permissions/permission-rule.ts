/**
 * Permission rules in the public Claude Code syntax: `Tool`, `Tool(specifier)`, `mcp__server`,
 * `mcp__server__tool`, `mcp__server__*`. Parsing never throws: an invalid rule is an error value.
 */
import type { PermissionKind } from '../tools/tool';
import { pathPatternError } from './path-pattern';

/** Which settings level a rule came from; `root` anchors its `/x` path patterns. */
export interface RuleSource {
  source: 'managed' | 'cli' | 'local' | 'project' | 'user' | 'session' | 'vscode';
  root?: string;
}

export type RuleBehavior = 'allow' | 'ask' | 'deny';

export type RuleMatcher =
  /** The whole tool (a bare name, or `Tool(*)`). */
  | { kind: 'tool' }
  /** `Bash(git status:*)`: these argv words, then anything. */
  | { kind: 'bash-prefix'; words: string[] }
  /** `Bash(git diff *)`, `Bash(npm test)`: a pattern over the argv words. */
  | { kind: 'bash-pattern'; pattern: string }
  /** `Read(./.env)`, `Edit(src/**)`: a gitignore-style path pattern with `{a,b}` alternation. */
  | { kind: 'path'; pattern: string }
  /** `WebFetch(domain:x.com)`; `*.x.com` means its subdomains only. */
  | { kind: 'domain'; domain: string }
  /** `*` wildcards over the permission target of a tool of kind `other` (`Task(Explore)`). */
  | { kind: 'target'; pattern: string }
  /**
   * The specifier of a rule naming one tool (`Write(src/**)`, `Glob(docs/**)`): read in the
   * syntax of that tool's permission kind when the rule is matched (see `matcherFor`).
   */
  | { kind: 'specifier'; specifier: string };

export interface PermissionRule {
  /** The rule as written, for messages and "allow always". */
  text: string;
  /** The tool name or MCP name pattern (may hold `*` for MCP names). */
  toolName: string;
  matcher: RuleMatcher;
  source: RuleSource;
}

export type ParseRuleResult = { ok: true; rule: PermissionRule } | { ok: false; error: string };

/**
 * Rule names of Claude Code's syntax that stand for a kind of tool rather than one tool:
 * `Edit(...)` governs every `edit` tool, `Read(...)` every `read` tool, `Bash(...)` every `execute`
 * tool, `WebFetch(...)` every `fetch` tool. Any other name governs the tool of that name.
 */
const kindOfRuleName: ReadonlyMap<string, PermissionKind> = new Map([
  ['Read', 'read'],
  ['Edit', 'edit'],
  ['Bash', 'execute'],
  ['WebFetch', 'fetch'],
]);

/** The kind of tool a rule governs by its name, or undefined for a rule naming one tool. */
export function ruleKind(rule: Pick<PermissionRule, 'toolName'>): PermissionKind | undefined {
  return kindOfRuleName.get(rule.toolName);
}

const toolNamePattern = /^[A-Za-z][A-Za-z0-9_-]*$/;
const mcpNamePattern = /^mcp__[A-Za-z0-9_*-]+$/;

/**
 * Parses one rule. Returns `{ ok: false, error }` naming the rule when it is malformed: unbalanced
 * parentheses, an empty specifier, a wildcard outside an MCP name, or a specifier the rule's kind
 * does not understand (`:*` inside a Bash rule, a WebFetch rule without `domain:`, a path pattern
 * whose braces or brackets do not close).
 */
export function parsePermissionRule(text: string, source: RuleSource): ParseRuleResult {
  const trimmed = text.trim();
  const invalid = (why: string): ParseRuleResult => ({
    ok: false,
    error: `Invalid permission rule "${text}": ${why}.`,
  });
  const open = trimmed.indexOf('(');
  if (open === -1) {
    if (trimmed.startsWith('mcp__')) {
      if (!mcpNamePattern.test(trimmed)) return invalid('an MCP rule is mcp__server or mcp__server__tool');
      return { ok: true, rule: { text: trimmed, toolName: trimmed, matcher: { kind: 'tool' }, source } };
    }
    if (!toolNamePattern.test(trimmed)) return invalid('expected a tool name such as Bash or Edit');
    return { ok: true, rule: { text: trimmed, toolName: trimmed, matcher: { kind: 'tool' }, source } };
  }
  if (!trimmed.endsWith(')')) return invalid('the specifier must end with ")"');
  const toolName = trimmed.slice(0, open);
  const specifier = trimmed.slice(open + 1, -1).trim();
  if (!toolNamePattern.test(toolName)) return invalid('expected a tool name before "("');
  if (specifier === '') return invalid('the specifier in parentheses is empty');
  const kind = kindOfRuleName.get(toolName);
  const matcher =
    specifier === '*'
      ? { kind: 'tool' as const }
      : kind
        ? parseSpecifier(kind, specifier)
        : namedToolSpecifier(specifier);
  if (typeof matcher === 'string') return invalid(matcher);
  return { ok: true, rule: { text: trimmed, toolName, matcher, source } };
}

/** Why a rule's text cannot be used, or undefined when it parses; for validating settings files. */
export function permissionRuleError(text: string): string | undefined {
  const parsed = parsePermissionRule(text, { source: 'project' });
  return parsed.ok ? undefined : parsed.error;
}

/**
 * A specifier in the syntax of a permission kind, or why it is not one. Pure; the engine calls it
 * again for rules that name one tool, once it knows that tool's kind.
 */
export function parseSpecifier(kind: PermissionKind, specifier: string): RuleMatcher | string {
  switch (kind) {
    case 'execute': {
      if (specifier.endsWith(':*')) {
        const words = specifier.slice(0, -2).trim().split(/\s+/);
        if (words[0] === '') return 'a ":*" prefix needs a command before it';
        return { kind: 'bash-prefix', words };
      }
      if (specifier.includes(':*')) return '":*" is only recognised at the end';
      return { kind: 'bash-pattern', pattern: specifier.replace(/\s+/g, ' ') };
    }
    case 'read':
    case 'edit':
      return pathPatternError(specifier) ?? { kind: 'path', pattern: specifier };
    case 'fetch': {
      const match = /^domain:(\*\.)?([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)$/.exec(specifier);
      if (!match) return 'WebFetch rules are WebFetch(domain:example.com) or WebFetch(domain:*.example.com)';
      return { kind: 'domain', domain: `${match[1] ?? ''}${(match[2] ?? '').toLowerCase()}` };
    }
    case 'other':
      return { kind: 'target', pattern: specifier };
  }
}

/**
 * The specifier of a rule naming one tool, kept for `matcherFor`. Checked now as a path pattern,
 * the syntax of the file tools such rules mostly name (`Write(src/**)`), so a brace typo is
 * reported when settings load rather than making the rule silently inert.
 */
function namedToolSpecifier(specifier: string): RuleMatcher | string {
  return pathPatternError(specifier) ?? { kind: 'specifier', specifier };
}

/** A set of rules by behaviour; the engine evaluates deny, then ask, then allow. */
export interface RuleSet {
  allow: PermissionRule[];
  ask: PermissionRule[];
  deny: PermissionRule[];
}

/** Builds a RuleSet from settings lists, keeping the valid rules and reporting the others. */
export function buildRuleSet(
  lists: { behavior: RuleBehavior; rules: readonly string[]; source: RuleSource }[],
): { rules: RuleSet; errors: string[] } {
  const rules: RuleSet = { allow: [], ask: [], deny: [] };
  const errors: string[] = [];
  for (const list of lists) {
    for (const text of list.rules) {
      const parsed = parsePermissionRule(text, list.source);
      if (parsed.ok) rules[list.behavior].push(parsed.rule);
      else errors.push(parsed.error);
    }
  }
  return { rules, errors };
}

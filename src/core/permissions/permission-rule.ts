/**
 * Permission rules in the public Claude Code syntax: `Tool`, `Tool(specifier)`, `mcp__server`,
 * `mcp__server__tool`, `mcp__server__*`. Parsing never throws: an invalid rule is an error value.
 */

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
  /** `Read(./.env)`, `Edit(src/**)`: a gitignore-style path pattern. */
  | { kind: 'path'; pattern: string }
  /** `WebFetch(domain:x.com)`; `*.x.com` means its subdomains only. */
  | { kind: 'domain'; domain: string }
  /** Any other `Tool(spec)`: `*` wildcards over the tool's permission target. */
  | { kind: 'target'; pattern: string };

export interface PermissionRule {
  /** The rule as written, for messages and "allow always". */
  text: string;
  /** The tool name or MCP name pattern (may hold `*` for MCP names). */
  toolName: string;
  matcher: RuleMatcher;
  source: RuleSource;
}

export type ParseRuleResult = { ok: true; rule: PermissionRule } | { ok: false; error: string };

/** Tools an `Edit(...)` rule governs. */
export const editToolNames: ReadonlySet<string> = new Set([
  'Edit',
  'MultiEdit',
  'Write',
  'ApplyPatch',
  'NotebookEdit',
]);
/** Tools a `Read(...)` rule governs. */
export const readToolNames: ReadonlySet<string> = new Set(['Read', 'Glob', 'Grep', 'LS', 'NotebookRead']);

const toolNamePattern = /^[A-Za-z][A-Za-z0-9_-]*$/;
const mcpNamePattern = /^mcp__[A-Za-z0-9_*-]+$/;

/**
 * Parses one rule. Returns `{ ok: false, error }` naming the rule when it is malformed: unbalanced
 * parentheses, an empty specifier, a wildcard outside an MCP name, or a specifier the tool does not
 * understand.
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
  const matcher = specifier === '*' ? { kind: 'tool' as const } : parseSpecifier(toolName, specifier);
  if (typeof matcher === 'string') return invalid(matcher);
  return { ok: true, rule: { text: trimmed, toolName, matcher, source } };
}

function parseSpecifier(toolName: string, specifier: string): RuleMatcher | string {
  if (toolName === 'Bash') {
    if (specifier.endsWith(':*')) {
      const words = specifier.slice(0, -2).trim().split(/\s+/);
      if (words[0] === '') return 'a ":*" prefix needs a command before it';
      return { kind: 'bash-prefix', words };
    }
    if (specifier.includes(':*')) return '":*" is only recognised at the end';
    return { kind: 'bash-pattern', pattern: specifier.replace(/\s+/g, ' ') };
  }
  if (editToolNames.has(toolName) || readToolNames.has(toolName)) {
    if (/[\0]/.test(specifier)) return 'a path pattern cannot hold a NUL character';
    return { kind: 'path', pattern: specifier };
  }
  if (toolName === 'WebFetch') {
    const match = /^domain:(\*\.)?([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)$/.exec(specifier);
    if (!match) return 'WebFetch rules are WebFetch(domain:example.com) or WebFetch(domain:*.example.com)';
    return { kind: 'domain', domain: `${match[1] ?? ''}${(match[2] ?? '').toLowerCase()}` };
  }
  return { kind: 'target', pattern: specifier };
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

/**
 * Whether a rule names this tool (ignoring its specifier). Edit rules cover every file-editing
 * tool and Read rules every reading tool; MCP rules cover a server, a tool, or a `*` pattern.
 */
export function ruleNamesTool(rule: PermissionRule, toolName: string, behavior: RuleBehavior): boolean {
  if (rule.toolName === toolName) return true;
  if (rule.toolName === 'Edit' && editToolNames.has(toolName)) return true;
  if (rule.toolName === 'Read' && readToolNames.has(toolName)) return true;
  // Claude Code: an Edit allow also grants reading, a Read deny also blocks editing.
  if (behavior === 'allow' && rule.toolName === 'Edit' && readToolNames.has(toolName)) return true;
  if (behavior !== 'allow' && rule.toolName === 'Read' && editToolNames.has(toolName)) return true;
  if (
    (rule.toolName === 'Task' && toolName === 'Agent') ||
    (rule.toolName === 'Agent' && toolName === 'Task')
  )
    return true;
  if (!rule.toolName.startsWith('mcp__') || !toolName.startsWith('mcp__')) return false;
  return mcpRuleNamesTool(rule.toolName, toolName, behavior);
}

function mcpRuleNamesTool(ruleName: string, toolName: string, behavior: RuleBehavior): boolean {
  if (!ruleName.includes('*')) {
    // `mcp__server` covers all of the server's tools.
    return ruleName.split('__').length === 2 && toolName.startsWith(`${ruleName}__`);
  }
  // Allow globs need a literal server (`mcp__server__*`); deny and ask may be broader (`mcp__*`).
  if (behavior === 'allow' && !/^mcp__[^*]+__/.test(ruleName)) return false;
  const regex = new RegExp(`^${ruleName.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return regex.test(toolName);
}

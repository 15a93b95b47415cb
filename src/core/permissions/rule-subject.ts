/**
 * Which rules govern which tools. Rules name tools the way Claude Code's syntax does; the engine
 * maps a rule to a tool by the tool's declared permission kind, so a new tool (an MCP tool
 * included) is governed by what it declares, never by a list of names.
 */
import type { PermissionKind, Tool } from '../tools/tool';
import type { PermissionRule, RuleBehavior, RuleMatcher } from './permission-rule';
import { parseSpecifier, ruleKind } from './permission-rule';

/** What a rule is matched against: a tool's name and kind (a shell redirection is an `Edit`). */
export type RuleSubject = Pick<Tool, 'name' | 'permissionKind'>;

/** Claude Code renamed the Task tool to Agent; rules under either name govern both. */
const ruleNameAliases: ReadonlyMap<string, string> = new Map([
  ['Task', 'Agent'],
  ['Agent', 'Task'],
]);

/**
 * Whether a rule governs this tool (ignoring its specifier). A rule named after a kind governs every
 * tool of that kind; in addition an `Edit` allow grants reading and a `Read` deny or ask also covers
 * editing, as in Claude Code. Any other rule governs the tool it names; MCP rules cover a server, a
 * tool, or a `*` pattern.
 */
export function ruleGoverns(rule: PermissionRule, subject: RuleSubject, behavior: RuleBehavior): boolean {
  if (rule.toolName === subject.name || ruleNameAliases.get(rule.toolName) === subject.name) return true;
  const kind = ruleKind(rule);
  if (kind !== undefined) {
    if (kind === subject.permissionKind) return true;
    if (behavior === 'allow') return kind === 'edit' && subject.permissionKind === 'read';
    return kind === 'read' && subject.permissionKind === 'edit';
  }
  if (!rule.toolName.startsWith('mcp__') || !subject.name.startsWith('mcp__')) return false;
  return mcpRuleNamesTool(rule.toolName, subject.name, behavior);
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

const namedMatchers = new WeakMap<PermissionRule, Map<PermissionKind, RuleMatcher | undefined>>();

/**
 * The rule's matcher for a tool of this kind. A rule naming one tool keeps its specifier until
 * here, where it is read in that kind's syntax (a path for `read`/`edit`, a command pattern for
 * `execute`, `domain:` for `fetch`); undefined when the specifier is not valid in it, and then the
 * rule does not match.
 */
export function matcherFor(rule: PermissionRule, kind: PermissionKind): RuleMatcher | undefined {
  if (rule.matcher.kind !== 'specifier') return rule.matcher;
  let byKind = namedMatchers.get(rule);
  if (!byKind) namedMatchers.set(rule, (byKind = new Map()));
  if (!byKind.has(kind)) {
    const parsed = parseSpecifier(kind, rule.matcher.specifier);
    byKind.set(kind, typeof parsed === 'string' ? undefined : parsed);
  }
  return byKind.get(kind);
}

import type { TargetEvaluation } from './permission-decision';
import type { PermissionRule, RuleBehavior, RuleSet } from './permission-rule';
import { ruleNamesTool } from './permission-rule';

function hostOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

/**
 * `domain:x.com` allows exactly x.com and `domain:*.x.com` its subdomains only (as Claude Code
 * documents). Deny and ask rules also cover subdomains of a plain domain, erring towards caution.
 */
export function domainMatches(ruleDomain: string, host: string, behavior: RuleBehavior): boolean {
  if (ruleDomain.startsWith('*.')) return host.endsWith(ruleDomain.slice(1));
  return host === ruleDomain || (behavior !== 'allow' && host.endsWith(`.${ruleDomain}`));
}

function wildcardMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${source}$`).test(value);
}

function ruleMatches(
  rule: PermissionRule,
  behavior: RuleBehavior,
  toolName: string,
  target: string | undefined,
): boolean {
  if (!ruleNamesTool(rule, toolName, behavior)) return false;
  switch (rule.matcher.kind) {
    case 'tool':
      return true;
    case 'domain': {
      const host = hostOf(target);
      return host !== undefined && domainMatches(rule.matcher.domain, host, behavior);
    }
    case 'target':
      return target !== undefined && wildcardMatches(rule.matcher.pattern, target);
    default:
      return false;
  }
}

/**
 * Rules for tools that are neither Bash nor file tools: WebFetch by domain, MCP tools by name,
 * others by `*` patterns over their permission target. The network counts as outside.
 */
export function evaluateOtherTool(
  toolName: string,
  target: string | undefined,
  rules: RuleSet,
): TargetEvaluation {
  const find = (list: readonly PermissionRule[], behavior: RuleBehavior) =>
    list.find((rule) => ruleMatches(rule, behavior, toolName, target));
  const evaluation: TargetEvaluation = {
    inside: toolName !== 'WebFetch' && toolName !== 'WebSearch',
    hasPaths: false,
  };
  const deny = find(rules.deny, 'deny');
  const ask = find(rules.ask, 'ask');
  const allow = find(rules.allow, 'allow');
  if (deny) evaluation.deny = deny;
  if (ask) evaluation.ask = ask;
  if (allow) evaluation.allow = allow;
  const host = hostOf(target);
  if (toolName === 'WebFetch' && host) evaluation.suggestedRule = `WebFetch(domain:${host})`;
  else if (toolName.startsWith('mcp__') || target === undefined) evaluation.suggestedRule = toolName;
  return evaluation;
}

import type { TargetEvaluation } from './permission-decision';
import type { PermissionRule, RuleBehavior, RuleSet } from './permission-rule';
import type { RuleSubject } from './rule-subject';
import { matcherFor, ruleGoverns } from './rule-subject';

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
  subject: RuleSubject,
  target: string | undefined,
): boolean {
  if (!ruleGoverns(rule, subject, behavior)) return false;
  const matcher = matcherFor(rule, subject.permissionKind);
  switch (matcher?.kind) {
    case 'tool':
      return true;
    case 'domain': {
      const host = hostOf(target);
      return host !== undefined && domainMatches(matcher.domain, host, behavior);
    }
    case 'target':
      return target !== undefined && wildcardMatches(matcher.pattern, target);
    default:
      return false;
  }
}

/**
 * Rules for `fetch` and `other` tools: fetch tools by the domain of their URL (`WebFetch(domain:…)`
 * rules govern every fetch tool), others by name (MCP tools by server or tool) and `*` patterns over
 * their permission target. The network counts as outside the workspace.
 */
export function evaluateTargetRules(
  subject: RuleSubject,
  target: string | undefined,
  rules: RuleSet,
): TargetEvaluation {
  const find = (list: readonly PermissionRule[], behavior: RuleBehavior) =>
    list.find((rule) => ruleMatches(rule, behavior, subject, target));
  const fetches = subject.permissionKind === 'fetch';
  const evaluation: TargetEvaluation = { inside: !fetches, hasPaths: false };
  const deny = find(rules.deny, 'deny');
  const ask = find(rules.ask, 'ask');
  const allow = find(rules.allow, 'allow');
  if (deny) evaluation.deny = deny;
  if (ask) evaluation.ask = ask;
  if (allow) evaluation.allow = allow;
  const host = fetches ? hostOf(target) : undefined;
  if (host) evaluation.suggestedRule = `WebFetch(domain:${host})`;
  else if (subject.name.startsWith('mcp__') || target === undefined) evaluation.suggestedRule = subject.name;
  return evaluation;
}

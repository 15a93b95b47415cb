import type { Workspace } from '../ports';
import { bashMatcherMatches, canonicalArgv, escalationForms, suggestBashRule } from './bash-command';
import { hazardEscalation } from './bash-hazards';
import { pathEscalation } from './bash-paths';
import type { TargetEvaluation } from './permission-decision';
import type { PermissionRule, RuleBehavior, RuleSet } from './permission-rule';
import { ruleNamesTool } from './permission-rule';
import type { PathContext } from './path-permissions';
import { isSecret, resolveForCheck } from './path-permissions';
import { applyInPlaceEdit, findInPlaceEdit, unifiedDiff } from './sed-preview';
import type { ParsedCommand, SubCommand } from './shell-parser';

function findBashRule(
  rules: readonly PermissionRule[],
  behavior: RuleBehavior,
  subcommands: readonly SubCommand[],
): PermissionRule | undefined {
  for (const rule of rules) {
    if (!ruleNamesTool(rule, 'Bash', behavior)) continue;
    if (rule.matcher.kind === 'tool') return rule;
    for (const subcommand of subcommands) {
      if (escalationForms(subcommand.argv).some((form) => bashMatcherMatches(rule.matcher, form)))
        return rule;
    }
  }
  return undefined;
}

/**
 * Rules and checks for one Bash command. Deny and ask rules match any sub-command (in any of its
 * wrapper-stripped forms); an allow needs every sub-command covered and no hazard or path check
 * firing. Never throws.
 */
export async function evaluateBash(
  parsed: ParsedCommand,
  rules: RuleSet,
  context: PathContext,
): Promise<TargetEvaluation> {
  const evaluation: TargetEvaluation = { inside: true, hasPaths: false };
  const runnable = parsed.subcommands.filter((subcommand) => subcommand.argv.length > 0);
  evaluation.deny = findBashRule(rules.deny, 'deny', parsed.subcommands);
  evaluation.ask = findBashRule(rules.ask, 'ask', parsed.subcommands);
  const escalation = hazardEscalation(parsed) ?? (await pathEscalation(parsed, context));
  if (escalation) evaluation.escalation = escalation;
  if (escalation?.check === 'outside-workspace' || escalation?.check === 'unc') evaluation.inside = false;
  let firstAllow: PermissionRule | undefined;
  let unmatched: SubCommand | undefined;
  for (const subcommand of runnable) {
    const argv = canonicalArgv(subcommand.argv);
    const rule = rules.allow.find(
      (candidate) => ruleNamesTool(candidate, 'Bash', 'allow') && bashMatcherMatches(candidate.matcher, argv),
    );
    firstAllow ??= rule;
    if (!rule) {
      unmatched = subcommand;
      break;
    }
  }
  if (runnable.length > 0 && !unmatched && firstAllow) evaluation.allow = firstAllow;
  if (unmatched && !escalation) {
    const suggestion = suggestBashRule(canonicalArgv(unmatched.argv));
    if (suggestion) evaluation.suggestedRule = suggestion;
  }
  return evaluation;
}

const maxPreviewBytes = 1_000_000;

/** The diff `sed -i` / `perl -pi` would make, for the person to see; undefined when unsure. */
export async function previewInPlaceEdits(
  parsed: ParsedCommand,
  workspace: Workspace,
  context: PathContext,
): Promise<string | undefined> {
  const diffs: string[] = [];
  for (const subcommand of parsed.subcommands) {
    const edit = findInPlaceEdit(canonicalArgv(subcommand.argv));
    if (!edit) continue;
    for (const file of edit.files) {
      const path = await resolveForCheck(file, context);
      // The diff would put the secret's content in front of the person and into logs.
      if (isSecret(path, context)) continue;
      try {
        const content = await workspace.readFile(path.real);
        if (content.bytes.length > maxPreviewBytes) continue;
        const before = new TextDecoder().decode(content.bytes);
        const after = applyInPlaceEdit(edit, before);
        if (after !== undefined && after !== before) diffs.push(unifiedDiff(file, before, after));
      } catch {
        continue;
      }
    }
  }
  return diffs.length > 0 ? diffs.join('\n') : undefined;
}

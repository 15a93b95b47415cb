import type { Workspace } from '../ports';
import { bashMatcherMatches, canonicalArgv, escalationForms, suggestBashRule } from './bash-command';
import { hazardEscalation } from './bash-hazards';
import { pathEscalation } from './bash-paths';
import type { TargetEvaluation } from './permission-decision';
import type { PermissionRule, RuleBehavior, RuleSet } from './permission-rule';
import type { PathContext } from './path-permissions';
import { evaluatePaths, isSecret, resolveForCheck } from './path-permissions';
import { redirectWriteTargets } from './redirect-writes';
import type { RuleSubject } from './rule-subject';
import { matcherFor, ruleGoverns } from './rule-subject';
import { applyInPlaceEdit, findInPlaceEdit, unifiedDiff } from './sed-preview';
import type { ParsedCommand, SubCommand } from './shell-parser';

function findBashRule(
  rules: readonly PermissionRule[],
  behavior: RuleBehavior,
  subject: RuleSubject,
  subcommands: readonly SubCommand[],
): PermissionRule | undefined {
  for (const rule of rules) {
    if (!ruleGoverns(rule, subject, behavior)) continue;
    const matcher = matcherFor(rule, 'execute');
    if (!matcher) continue;
    if (matcher.kind === 'tool') return rule;
    for (const subcommand of subcommands) {
      if (escalationForms(subcommand.argv).some((form) => bashMatcherMatches(matcher, form))) return rule;
    }
  }
  return undefined;
}

/** A shell redirection is decided like an edit of its target by the Edit tool. */
const redirectSubject: RuleSubject = { name: 'Edit', permissionKind: 'edit' };

/**
 * Rules and checks for one command of an `execute` tool. Deny and ask rules match any sub-command
 * (in any of its wrapper-stripped forms), and the Edit rules the files it redirects into; an allow
 * needs every sub-command covered, no hazard or path check firing, and every redirected-into file
 * covered by an `Edit(...)` allow rule (else `writesUnapproved`, for the mode to decide). Never
 * throws.
 */
export async function evaluateBash(
  parsed: ParsedCommand,
  subject: RuleSubject,
  rules: RuleSet,
  context: PathContext,
): Promise<TargetEvaluation> {
  const targets = redirectWriteTargets(parsed);
  const writes =
    targets.length > 0 ? await evaluatePaths(redirectSubject, targets, rules, context) : undefined;
  const evaluation: TargetEvaluation = { inside: writes?.inside ?? true, hasPaths: false };
  const deny = findBashRule(rules.deny, 'deny', subject, parsed.subcommands) ?? writes?.deny;
  const ask = findBashRule(rules.ask, 'ask', subject, parsed.subcommands) ?? writes?.ask;
  if (deny) evaluation.deny = deny;
  if (ask) evaluation.ask = ask;
  const escalation =
    hazardEscalation(parsed) ?? (await pathEscalation(parsed, context)) ?? writes?.escalation;
  if (escalation) evaluation.escalation = escalation;
  if (escalation?.check === 'outside-workspace' || escalation?.check === 'unc') evaluation.inside = false;
  if (writes?.paths?.length) evaluation.writes = writes.paths;
  const allowed = allowingRule(parsed, subject, rules);
  if (allowed.rule && (!writes || writes.allow)) evaluation.allow = allowed.rule;
  else if (allowed.rule) {
    evaluation.writesUnapproved = true;
    if (writes?.suggestedRule) evaluation.suggestedRule = writes.suggestedRule;
  } else if (allowed.unmatched && !escalation) {
    const suggestion = suggestBashRule(canonicalArgv(allowed.unmatched.argv));
    if (suggestion) evaluation.suggestedRule = suggestion;
  }
  return evaluation;
}

/** The allow rule when every runnable sub-command has one; else the first sub-command without. */
function allowingRule(
  parsed: ParsedCommand,
  subject: RuleSubject,
  rules: RuleSet,
): { rule?: PermissionRule; unmatched?: SubCommand } {
  const runnable = parsed.subcommands.filter((subcommand) => subcommand.argv.length > 0);
  let first: PermissionRule | undefined;
  for (const subcommand of runnable) {
    const argv = canonicalArgv(subcommand.argv);
    const rule = rules.allow.find((candidate) => {
      if (!ruleGoverns(candidate, subject, 'allow')) return false;
      const matcher = matcherFor(candidate, 'execute');
      return matcher !== undefined && bashMatcherMatches(matcher, argv);
    });
    if (!rule) return { unmatched: subcommand };
    first ??= rule;
  }
  return first ? { rule: first } : {};
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

import type { PermissionMode } from './permission-mode';
import type { PermissionRule, RuleSource } from './permission-rule';
import type { HazardKind } from './shell-parser';

/** A check that fired regardless of allow rules. */
export type PermissionCheckName =
  | 'outside-workspace'
  | 'secret-path'
  | 'protected-path'
  | 'unc'
  | 'untrusted-workspace'
  | 'redirect-write'
  | `hazard:${HazardKind}`;

export type DecidedBy =
  | { kind: 'rule'; rule: string; source: RuleSource }
  | { kind: 'mode'; mode: PermissionMode }
  | { kind: 'tool' }
  | { kind: 'check'; check: PermissionCheckName }
  | { kind: 'classifier'; verdict: 'safe' | 'needs_review' }
  | { kind: 'default' };

/** The engine's answer for one tool call. */
export interface PermissionDecision {
  behavior: 'allow' | 'deny' | 'ask';
  /** One sentence for the model (on deny) or the person (on ask). */
  reason: string;
  decidedBy: DecidedBy;
  /** A rule that would allow this call, for "allow always". */
  suggestedRule?: string;
  /** For in-place shell edits (`sed -i`): the change it would make, as a unified diff. */
  diff?: string;
}

/** What the rules and checks say about one call's target(s), before the mode is applied. */
export interface TargetEvaluation {
  deny?: PermissionRule;
  ask?: PermissionRule;
  /** A check that forces asking (or refusing, for UNC paths) whatever the allow rules say. */
  escalation?: { check: PermissionCheckName; reason: string; refuse?: boolean };
  /** An allow rule covering the whole call (for Bash: every sub-command has one). */
  allow?: PermissionRule;
  /** Every path the call touches is inside the workspace (false for the network, unknown targets). */
  inside: boolean;
  /** The call names at least one file path. */
  hasPaths: boolean;
  /** The file paths checked, resolved (for file tools). */
  paths?: string[];
  /** Files a shell command writes through output redirections (`>`, `>>`, `2>` …), resolved. */
  writes?: string[];
  /**
   * Every sub-command has an allow rule, but no `Edit(...)` rule covers `writes`: the writes are
   * decided like edits, by the mode (accept-edits allows them inside the workspace) or by asking.
   */
  writesUnapproved?: boolean;
  suggestedRule?: string;
}

export function ruleDecision(
  behavior: PermissionDecision['behavior'],
  rule: PermissionRule,
  reason: string,
): PermissionDecision {
  return { behavior, reason, decidedBy: { kind: 'rule', rule: rule.text, source: rule.source } };
}

/** A decision with no rule behind it: a mode, a check, the tool, the classifier or the default. */
export function decided(
  behavior: PermissionDecision['behavior'],
  reason: string,
  decidedBy: DecidedBy,
): PermissionDecision {
  return { behavior, reason, decidedBy };
}

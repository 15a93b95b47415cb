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
  suggestedRule?: string;
}

export function ruleDecision(
  behavior: PermissionDecision['behavior'],
  rule: PermissionRule,
  reason: string,
): PermissionDecision {
  return { behavior, reason, decidedBy: { kind: 'rule', rule: rule.text, source: rule.source } };
}

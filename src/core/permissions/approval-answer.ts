import type { ApprovalAnswer } from '../ports';
import type { PermissionEngine } from './permission-engine';

/** What the caller must do after an answer: nothing more, persist a rule, or report a denial. */
export type ApprovalOutcome =
  | { kind: 'allow-once' }
  /** The rule is active for this session; for `project`/`user`, the caller writes it to settings. */
  | { kind: 'allow-always'; scope: 'session' | 'project' | 'user'; rule: string }
  | { kind: 'deny'; message: string }
  | { kind: 'invalid-rule'; error: string };

/**
 * Applies a person's answer to the engine. "Allow always" adds the rule to the session at once
 * (so the next identical call runs) and returns its text; writing settings files is not done here.
 */
export function applyApprovalAnswer(engine: PermissionEngine, answer: ApprovalAnswer): ApprovalOutcome {
  switch (answer.kind) {
    case 'allow-once':
      return { kind: 'allow-once' };
    case 'deny':
      return { kind: 'deny', message: answer.message ?? 'The person declined this action.' };
    case 'allow-always': {
      const added = engine.addSessionRule(answer.rule);
      if (!added.ok) return { kind: 'invalid-rule', error: added.error };
      return { kind: 'allow-always', scope: answer.scope, rule: added.rule.text };
    }
  }
}

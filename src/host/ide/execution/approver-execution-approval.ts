import type { Approver } from '../../../core/ports';
import type { ExecutionApproval } from './code-executor';

/**
 * `executeCode`'s question asked through a core `Approver` (the panel's permission prompt), for
 * Tandem's own agent: one prompt in the panel instead of a modal. Any "allow" lets this one run
 * only; the next snippet is asked again, because code is not a rule.
 */
export function approverExecutionApproval(
  approver: Approver,
  toolName = 'mcp__ide__executeCode',
): ExecutionApproval {
  return {
    async confirm({ code, plan }, signal) {
      const answer = await approver.ask(
        {
          toolUseId: `execute-${Date.now().toString(36)}`,
          toolName,
          input: { code },
          title: `Run ${plan.language} code with ${plan.where}`,
          reason: 'Running code always asks first.',
        },
        signal,
      );
      return answer.kind !== 'deny' && !signal.aborted;
    },
  };
}

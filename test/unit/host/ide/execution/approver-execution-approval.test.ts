import { strict as assert } from 'node:assert';
import type { ApprovalAnswer, ApprovalRequest } from '../../../../../src/core/ports';
import { approverExecutionApproval } from '../../../../../src/host/ide/execution/approver-execution-approval';
import type { ExecutionPlan } from '../../../../../src/host/ide/execution/code-executor';

const plan: ExecutionPlan = {
  target: 'process',
  language: 'python',
  where: 'python3 in /p',
  runtime: 'python3',
  cwd: '/p',
};

function answering(answer: ApprovalAnswer) {
  const asked: ApprovalRequest[] = [];
  return { asked, approver: { ask: async (request: ApprovalRequest) => (asked.push(request), answer) } };
}

describe('executeCode asked through the panel', () => {
  it('shows the code and where it runs, and runs on allow', async () => {
    const { asked, approver } = answering({ kind: 'allow-once' });
    const approval = approverExecutionApproval(approver);
    assert.equal(
      await approval.confirm({ code: 'print(1)', plan, client: 'tandem' }, new AbortController().signal),
      true,
    );
    assert.equal(asked[0]?.toolName, 'mcp__ide__executeCode');
    assert.equal(asked[0]?.title, 'Run python code with python3 in /p');
    assert.deepEqual(asked[0]?.input, { code: 'print(1)' });
  });

  it('does not run on deny', async () => {
    const { approver } = answering({ kind: 'deny', message: 'no' });
    const approval = approverExecutionApproval(approver);
    assert.equal(
      await approval.confirm({ code: 'x', plan, client: 'tandem' }, new AbortController().signal),
      false,
    );
  });
});

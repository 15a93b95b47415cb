import * as vscode from 'vscode';
import type { ExecutionApproval } from './code-executor';

const previewLines = 30;

function preview(code: string): string {
  const lines = code.split('\n');
  if (lines.length <= previewLines) return code;
  return `${lines.slice(0, previewLines).join('\n')}\n… ${lines.length - previewLines} more lines`;
}

/**
 * Asks with a modal dialog showing the code and where it will run; only an explicit "Run" allows
 * it. A request that is cancelled while the dialog is up is refused whatever the answer.
 */
export const modalExecutionApproval: ExecutionApproval = {
  async confirm({ code, plan, client }, signal) {
    if (signal.aborted) return false;
    const choice = await vscode.window.showWarningMessage(
      `${client} (connected to Tandem) wants to run ${plan.language} code with ${plan.where}.`,
      { modal: true, detail: preview(code) },
      'Run',
    );
    return choice === 'Run' && !signal.aborted;
  },
};

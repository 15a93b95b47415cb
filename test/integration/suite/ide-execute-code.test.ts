import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ExecutionApproval, ExecutionPlan } from '../../../src/host/ide/execution/code-executor';
import { callTool, connectIde, textsOf } from './ide-support';
import { workspaceRoot } from './tandem-api';

/** Answers every question with `allow`, and records what the person was shown. */
function approvalAnswering(allow: boolean): ExecutionApproval & { asked: ExecutionPlan[] } {
  const asked: ExecutionPlan[] = [];
  return {
    asked,
    confirm: async ({ plan }) => {
      asked.push(plan);
      return allow;
    },
  };
}

async function openFile(name: string, text: string): Promise<void> {
  const path = join(mkdtempSync(join(workspaceRoot(), 'exec-')), name);
  writeFileSync(path, text);
  await vscode.window.showTextDocument(vscode.Uri.file(path));
}

describe('executeCode in VS Code', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("runs a snippet with the active editor's runtime in the workspace folder, once allowed", async () => {
    const approval = approvalAnswering(true);
    const client = await connectIde(approval);
    await openFile('script.sh', 'echo hi\n');
    const result = await callTool(client, 'executeCode', { code: 'echo "running in $PWD"; echo oops >&2' });
    assert.deepEqual(textsOf(result), [`running in ${workspaceRoot()}\noops`]);
    assert.equal(result.isError, undefined);
    assert.equal(approval.asked[0]?.where, `bash in ${workspaceRoot()}`);
    await client.close();
  });

  it('runs nothing when the person declines', async () => {
    const client = await connectIde(approvalAnswering(false));
    await openFile('script.sh', '');
    const marker = join(workspaceRoot(), 'must-not-exist.txt');
    const result = await callTool(client, 'executeCode', { code: `touch ${marker}` });
    assert.equal(result.isError, true);
    assert.equal(existsSync(marker), false);
    await client.close();
  });

  it('runs a snippet in the kernel of the active notebook, keeping its state between calls', async () => {
    const approval = approvalAnswering(true);
    const client = await connectIde(approval);
    // A stand-in kernel: it keeps a running total across cells, as a real kernel keeps variables.
    let total = 0;
    const controller = vscode.notebooks.createNotebookController(
      'tandem-test-kernel',
      'jupyter-notebook',
      'Test kernel',
    );
    controller.supportedLanguages = ['python'];
    controller.executeHandler = async (cells, _notebook, kernel) => {
      for (const cell of cells) {
        const execution = kernel.createNotebookCellExecution(cell);
        execution.start(Date.now());
        total += Number(cell.document.getText());
        await execution.replaceOutput(
          new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.stdout(`total ${total}\n`)]),
        );
        execution.end(true, Date.now());
      }
    };
    try {
      const notebook = await vscode.workspace.openNotebookDocument(
        'jupyter-notebook',
        new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Code, '0', 'python')]),
      );
      await vscode.window.showNotebookDocument(notebook);
      controller.updateNotebookAffinity(notebook, vscode.NotebookControllerAffinity.Preferred);
      await vscode.commands.executeCommand('notebook.selectKernel', {
        id: controller.id,
        extension: 'tandem-dev.tandem',
      });
      assert.deepEqual(textsOf(await callTool(client, 'executeCode', { code: '2' })), ['total 2\n']);
      assert.deepEqual(textsOf(await callTool(client, 'executeCode', { code: '3' })), ['total 5\n']);
      assert.equal(approval.asked[0]?.target, 'notebook');
      assert.equal(notebook.cellCount, 3, 'each snippet stays in the notebook as a cell');
    } finally {
      controller.dispose();
      await client.close();
    }
  });
});

import * as vscode from 'vscode';
import type { ExecutionOutput, ExecutionResult } from './code-executor';

const stdoutMime = 'application/vnd.code.notebook.stdout';
const stderrMime = 'application/vnd.code.notebook.stderr';
const errorMime = 'application/vnd.code.notebook.error';

function failure(text: string): ExecutionResult {
  return { output: [{ type: 'text', text }], failed: true };
}

function finished(cell: vscode.NotebookCell): boolean {
  return cell.executionSummary?.timing?.endTime !== undefined || cell.executionSummary?.success !== undefined;
}

/** Resolves once `cell` finished executing, or with 'stopped' on timeout or abort. */
function waitForCell(
  cell: vscode.NotebookCell,
  timeoutMs: number,
  signal: AbortSignal,
): { done: Promise<'finished' | 'stopped'>; dispose(): void } {
  let dispose = (): void => {};
  const done = new Promise<'finished' | 'stopped'>((resolve) => {
    const watch = vscode.workspace.onDidChangeNotebookDocument((event) => {
      if (event.notebook === cell.notebook && finished(cell)) resolve('finished');
    });
    const timer = setTimeout(() => resolve('stopped'), timeoutMs);
    const onAbort = (): void => resolve('stopped');
    signal.addEventListener('abort', onAbort, { once: true });
    dispose = () => {
      watch.dispose();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
  });
  return { done, dispose: () => dispose() };
}

/** One output item as MCP content: images as PNG data, the rest as text. */
function contentOf(output: vscode.NotebookCellOutput): ExecutionOutput[] {
  const decode = (item: vscode.NotebookCellOutputItem): string => new TextDecoder().decode(item.data);
  const image = output.items.find((item) => item.mime === 'image/png');
  if (image)
    return [{ type: 'image', data: Buffer.from(image.data).toString('base64'), mimeType: 'image/png' }];
  const error = output.items.find((item) => item.mime === errorMime);
  if (error) {
    const parsed = safeJson(decode(error));
    return [
      {
        type: 'text',
        text: parsed ? `${parsed.name}: ${parsed.message}\n${parsed.stack ?? ''}`.trim() : decode(error),
      },
    ];
  }
  const text =
    output.items.find((item) => item.mime === stdoutMime || item.mime === stderrMime) ??
    output.items.find((item) => item.mime === 'text/plain') ??
    output.items.find((item) => item.mime.startsWith('text/'));
  return text ? [{ type: 'text', text: decode(text) }] : [];
}

function safeJson(text: string): { name: string; message: string; stack?: string } | undefined {
  try {
    const value = JSON.parse(text) as { name?: unknown; message?: unknown; stack?: unknown };
    if (typeof value.name !== 'string' || typeof value.message !== 'string') return undefined;
    return {
      name: value.name,
      message: value.message,
      ...(typeof value.stack === 'string' ? { stack: value.stack } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * Appends `code` as a new cell at the end of the notebook and runs it with the notebook's selected
 * kernel, so the snippet sees (and leaves) the kernel's state like any cell. A run past `timeoutMs`
 * or an abort cancels the cell. The cell stays in the notebook: the person sees what ran.
 */
export async function runInNotebook(options: {
  notebook: string;
  code: string;
  language: string;
  timeoutMs: number;
  signal: AbortSignal;
}): Promise<ExecutionResult> {
  const notebook = vscode.workspace.notebookDocuments.find(
    (document) => document.uri.toString() === options.notebook,
  );
  if (!notebook) return failure('The notebook was closed before the code could run.');
  const index = notebook.cellCount;
  const edit = new vscode.WorkspaceEdit();
  const cellData = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, options.code, options.language);
  edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(index, [cellData])]);
  if (!(await vscode.workspace.applyEdit(edit))) return failure('Could not add a cell to the notebook.');
  const cell = notebook.cellAt(index);
  const waiting = waitForCell(cell, options.timeoutMs, options.signal);
  try {
    const range = { start: index, end: index + 1 };
    await vscode.commands.executeCommand('notebook.cell.execute', {
      ranges: [range],
      document: notebook.uri,
    });
    const outcome = finished(cell) ? 'finished' : await waiting.done;
    if (outcome === 'stopped') {
      await vscode.commands.executeCommand('notebook.cell.cancelExecution', {
        ranges: [range],
        document: notebook.uri,
      });
      return {
        output: [...cell.outputs.flatMap(contentOf), { type: 'text', text: '(stopped)' }],
        failed: true,
      };
    }
    return { output: cell.outputs.flatMap(contentOf), failed: cell.executionSummary?.success === false };
  } finally {
    waiting.dispose();
  }
}

import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Shell } from '../../../core/ports';
import type { CodeExecutor, ExecutionPlan, ExecutionResult } from './code-executor';
import { runInNotebook } from './notebook-kernel-runner';
import { runSnippetProcess } from './process-code-runner';
import { noRuntimeMessage, snippetRuntime } from './snippet-runtime';

/** Options of {@link VscodeCodeExecutor}. */
export interface VscodeCodeExecutorOptions {
  shell: Shell;
  /** How long one run may take, in ms. */
  timeoutMs: number;
}

/** Restricted Mode runs no code of a workspace nobody vouched for. */
export const restrictedModeMessage =
  'This workspace is in Restricted Mode (not trusted), so no code runs in it. The person can trust the workspace to allow it.';

function notebookLanguage(notebook: vscode.NotebookDocument): string {
  const code = notebook.getCells().filter((cell) => cell.kind === vscode.NotebookCellKind.Code);
  return code.at(-1)?.document.languageId ?? 'python';
}

/**
 * `executeCode` in this window: in the active notebook's kernel when a notebook editor is active,
 * else as a script with the runtime of the active editor's language (or a shebang), in that file's
 * workspace folder (the first folder otherwise). Nothing runs in an untrusted workspace.
 */
export class VscodeCodeExecutor implements CodeExecutor {
  constructor(private readonly options: VscodeCodeExecutorOptions) {}

  plan(code: string): { ok: true; plan: ExecutionPlan } | { ok: false; message: string } {
    if (!vscode.workspace.isTrusted) return { ok: false, message: restrictedModeMessage };
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    if (notebook) {
      return {
        ok: true,
        plan: {
          target: 'notebook',
          language: notebookLanguage(notebook),
          where: `the kernel of ${basename(notebook.uri.path)}`,
          notebook: notebook.uri.toString(),
        },
      };
    }
    const editor = vscode.window.activeTextEditor;
    const runtime = snippetRuntime(code, editor?.document.languageId);
    if (!runtime) return { ok: false, message: noRuntimeMessage };
    const folder =
      (editor && vscode.workspace.getWorkspaceFolder(editor.document.uri)) ??
      vscode.workspace.workspaceFolders?.[0];
    if (!folder) return { ok: false, message: 'No workspace folder is open to run the code in.' };
    const cwd = folder.uri.fsPath;
    return {
      ok: true,
      plan: {
        target: 'process',
        language: runtime.language,
        where: `${runtime.runtime} in ${cwd}`,
        runtime: runtime.runtime,
        cwd,
      },
    };
  }

  async run(code: string, plan: ExecutionPlan, signal: AbortSignal): Promise<ExecutionResult> {
    const { timeoutMs, shell } = this.options;
    if (plan.target === 'notebook') {
      return runInNotebook({ notebook: plan.notebook, code, language: plan.language, timeoutMs, signal });
    }
    const extension = snippetRuntime(code, plan.language)?.extension ?? '';
    return runSnippetProcess({
      code,
      runtime: plan.runtime,
      extension,
      cwd: plan.cwd,
      timeoutMs,
      signal,
      shell,
    });
  }
}

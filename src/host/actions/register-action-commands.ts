import * as vscode from 'vscode';
import type {
  EditorRequest,
  EditorRequestKind,
  EditorRequestMessage,
} from '../../core/diagnostics/editor-request';
import { editorRequestMessage } from '../../core/diagnostics/editor-request';
import type { ReportedDiagnostic } from '../../core/diagnostics/reported-diagnostic';
import { splitLines } from '../../core/review/text-lines';
import { actionCommandIds } from './action-command-ids';
import { isFixable, reportedDiagnosticOf } from './reported-diagnostic-of';

/** A task for the panel, started from the editor. */
export interface EditorTask {
  kind: EditorRequestKind;
  message: EditorRequestMessage;
  /** For a fix: the problems to check again after each accepted write, by URI string. */
  targets: Map<string, ReportedDiagnostic[]>;
}

/** Starts editor tasks in a chat; resolves once the task is under way, not when it ends. */
export interface EditorTaskStarter {
  start(task: EditorTask): Promise<void>;
}

async function taskFor(
  kind: EditorRequestKind,
  uri: vscode.Uri,
  diagnostics: readonly vscode.Diagnostic[],
  selection?: vscode.Range,
): Promise<EditorTask> {
  const document = await vscode.workspace.openTextDocument(uri);
  const reported = diagnostics.map(reportedDiagnosticOf);
  const request: EditorRequest = {
    kind,
    path: vscode.workspace.asRelativePath(uri, false),
    lines: splitLines(document.getText()),
    diagnostics: reported,
    ...(selection ? { selection: { startLine: selection.start.line, endLine: selection.end.line } } : {}),
  };
  const targets = new Map<string, ReportedDiagnostic[]>();
  if (kind === 'fix') targets.set(uri.toString(), reported);
  return { kind, message: editorRequestMessage(request), targets };
}

/**
 * The commands behind the code actions and the editor's context menu. They gather what the task
 * needs (the document's text as open, its diagnostics) and hand it to the panel without waiting
 * for the answer, so the editor is never blocked.
 */
export function registerActionCommands(starter: () => Promise<EditorTaskStarter>): vscode.Disposable[] {
  const start = async (task: Promise<EditorTask>): Promise<void> => {
    await (await starter()).start(await task);
  };
  const activeSelection = (): { uri: vscode.Uri; range: vscode.Range } | undefined => {
    const editor = vscode.window.activeTextEditor;
    return editor ? { uri: editor.document.uri, range: editor.selection } : undefined;
  };
  return [
    vscode.commands.registerCommand(
      actionCommandIds.fixDiagnostic,
      (uri: vscode.Uri, diagnostics: vscode.Diagnostic[]) => start(taskFor('fix', uri, diagnostics)),
    ),
    vscode.commands.registerCommand(actionCommandIds.fixFile, async (uri?: vscode.Uri) => {
      const target = uri ?? vscode.window.activeTextEditor?.document.uri;
      if (!target) return;
      const problems = vscode.languages.getDiagnostics(target).filter(isFixable);
      if (problems.length === 0) {
        void vscode.window.showInformationMessage('Tandem: this file has no errors or warnings to fix.');
        return;
      }
      await start(taskFor('fix', target, problems));
    }),
    vscode.commands.registerCommand(
      actionCommandIds.explain,
      (uri: vscode.Uri, diagnostics: vscode.Diagnostic[], range: vscode.Range) =>
        start(taskFor('explain', uri, diagnostics, diagnostics.length === 0 ? range : undefined)),
    ),
    vscode.commands.registerCommand(actionCommandIds.fixSelection, async () => {
      const selected = activeSelection();
      if (!selected) return;
      // Problems inside the selection say what is wrong better than the lines alone.
      const inside = vscode.languages
        .getDiagnostics(selected.uri)
        .filter((diagnostic) => selected.range.intersection(diagnostic.range));
      await start(taskFor('fix', selected.uri, inside, inside.length === 0 ? selected.range : undefined));
    }),
    vscode.commands.registerCommand(actionCommandIds.explainSelection, async () => {
      const selected = activeSelection();
      if (selected) await start(taskFor('explain', selected.uri, [], selected.range));
    }),
  ];
}

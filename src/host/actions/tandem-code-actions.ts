import * as vscode from 'vscode';
import { actionCommandIds } from './action-command-ids';
import { isFixable } from './reported-diagnostic-of';

/** The kind of "Explain with Tandem": a refactoring, so it shows in the Refactor menu. */
export const explainKind = vscode.CodeActionKind.Refactor.append('tandem.explain');

const titleChars = 60;

function short(message: string): string {
  const line = message.split('\n')[0]?.trim() ?? '';
  return line.length > titleChars ? `${line.slice(0, titleChars - 1)}…` : line;
}

/**
 * "Fix with Tandem" on each diagnostic under the cursor, "Fix all Tandem-fixable problems in this
 * file" when there are several, and "Explain with Tandem" in the Refactor menu — for every
 * language. It only reads what the editor passes in and the diagnostics it already holds: no I/O,
 * so the lightbulb stays instant. The commands start the task; nothing here waits for it.
 */
export class TandemCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, explainKind],
  };

  provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind);
    const actions: vscode.CodeAction[] = [];
    const { diagnostics } = context;
    if (wants(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of diagnostics) {
        const title =
          diagnostics.length > 1 ? `Fix with Tandem: ${short(diagnostic.message)}` : 'Fix with Tandem';
        const fix = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        fix.diagnostics = [diagnostic];
        fix.command = {
          command: actionCommandIds.fixDiagnostic,
          title,
          arguments: [document.uri, [diagnostic]],
        };
        actions.push(fix);
      }
      const fixable = vscode.languages.getDiagnostics(document.uri).filter(isFixable);
      if (diagnostics.length > 0 && fixable.length > 1) {
        const title = `Fix all Tandem-fixable problems in this file (${fixable.length})`;
        const all = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        all.diagnostics = fixable;
        all.command = { command: actionCommandIds.fixFile, title, arguments: [document.uri] };
        actions.push(all);
      }
    }
    if (wants(explainKind) && (diagnostics.length > 0 || !range.isEmpty)) {
      const explain = new vscode.CodeAction('Explain with Tandem', explainKind);
      const [first] = diagnostics;
      explain.command = {
        command: actionCommandIds.explain,
        title: 'Explain with Tandem',
        arguments: [document.uri, first ? [first] : [], range],
      };
      actions.push(explain);
    }
    return actions;
  }
}

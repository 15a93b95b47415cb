import * as vscode from 'vscode';
import type { DiagnosticSeverityName, EditorDiagnostic, EditorRange, FileDiagnostics } from '../ide-editor';

const severityNames: Record<vscode.DiagnosticSeverity, DiagnosticSeverityName> = {
  [vscode.DiagnosticSeverity.Error]: 'Error',
  [vscode.DiagnosticSeverity.Warning]: 'Warning',
  [vscode.DiagnosticSeverity.Information]: 'Information',
  [vscode.DiagnosticSeverity.Hint]: 'Hint',
};

/** A VS Code range as plain 0-based data. */
export function plainRange(range: vscode.Range): EditorRange {
  return {
    start: { line: range.start.line, character: range.start.character },
    end: { line: range.end.line, character: range.end.character },
  };
}

function plainDiagnostic(diagnostic: vscode.Diagnostic): EditorDiagnostic {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return {
    message: diagnostic.message,
    severity: severityNames[diagnostic.severity],
    range: plainRange(diagnostic.range),
    ...(diagnostic.source ? { source: diagnostic.source } : {}),
    ...(code !== undefined ? { code: String(code) } : {}),
  };
}

/**
 * What the editor's language services already know, read synchronously (never a build): every file
 * with problems, or one file (an entry even when clean). Line counts come from open documents only.
 */
export function readDiagnostics(path?: string): FileDiagnostics[] {
  const lineCounts = new Map(
    vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document.lineCount]),
  );
  const entry = (uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): FileDiagnostics => {
    const linesInFile = lineCounts.get(uri.toString());
    return {
      uri: uri.toString(true),
      ...(linesInFile !== undefined ? { linesInFile } : {}),
      diagnostics: diagnostics.map(plainDiagnostic),
    };
  };
  if (path !== undefined) {
    const uri = vscode.Uri.file(path);
    return [entry(uri, vscode.languages.getDiagnostics(uri))];
  }
  return vscode.languages
    .getDiagnostics()
    .filter(([, diagnostics]) => diagnostics.length > 0)
    .map(([uri, diagnostics]) => entry(uri, diagnostics));
}

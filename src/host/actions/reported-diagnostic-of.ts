import * as vscode from 'vscode';
import type { DiagnosticSeverity, ReportedDiagnostic } from '../../core/diagnostics/reported-diagnostic';

const severities: Record<vscode.DiagnosticSeverity, DiagnosticSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** An editor diagnostic as the core describes it (its code without the link some servers attach). */
export function reportedDiagnosticOf(diagnostic: vscode.Diagnostic): ReportedDiagnostic {
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  const { start, end } = diagnostic.range;
  return {
    message: diagnostic.message,
    severity: severities[diagnostic.severity],
    ...(diagnostic.source ? { source: diagnostic.source } : {}),
    ...(code === undefined ? {} : { code }),
    range: {
      startLine: start.line,
      startCharacter: start.character,
      endLine: end.line,
      endCharacter: end.character,
    },
  };
}

/** Errors and warnings: the problems "Fix all" takes on (information and hints are left alone). */
export function isFixable(diagnostic: vscode.Diagnostic): boolean {
  return (
    diagnostic.severity === vscode.DiagnosticSeverity.Error ||
    diagnostic.severity === vscode.DiagnosticSeverity.Warning
  );
}

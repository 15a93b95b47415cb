import { neutralizeReminderTags } from '../context/reminders';

/** How serious a problem the editor reports is. */
export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

/** A problem the editor reports for a file, as the core sees it. Ranges are 0-based. */
export interface ReportedDiagnostic {
  message: string;
  severity: DiagnosticSeverity;
  /** Who reports it: `ts`, `eslint`, `Pylance`… */
  source?: string;
  code?: string | number;
  range: { startLine: number; startCharacter: number; endLine: number; endCharacter: number };
}

/** `error TS2322 (ts) at line 3, column 7: Type 'string' is not…`: one line, 1-based positions. */
export function describeDiagnostic(diagnostic: ReportedDiagnostic): string {
  const { severity, source, code, range } = diagnostic;
  const origin = [code === undefined ? '' : String(code), source === undefined ? '' : `(${source})`]
    .filter((part) => part !== '')
    .join(' ');
  const where =
    range.endLine > range.startLine
      ? `lines ${range.startLine + 1}–${range.endLine + 1}`
      : `line ${range.startLine + 1}, column ${range.startCharacter + 1}`;
  const message = neutralizeReminderTags(diagnostic.message.replace(/\s*\n\s*/g, ' ').trim());
  return `${severity}${origin ? ` ${origin}` : ''} at ${where}: ${message}`;
}

/**
 * Whether two reports are the same problem, wherever it now sits: the same severity, source, code
 * and message. Positions move when lines are added above, so they do not count.
 */
export function sameProblem(a: ReportedDiagnostic, b: ReportedDiagnostic): boolean {
  return a.severity === b.severity && a.source === b.source && a.code === b.code && a.message === b.message;
}

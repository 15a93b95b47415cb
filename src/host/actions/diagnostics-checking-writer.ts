import * as vscode from 'vscode';
import type { DiagnosticsOutcome } from '../../core/diagnostics/diagnostics-outcome';
import { compareDiagnostics, diagnosticsOutcomeReminder } from '../../core/diagnostics/diagnostics-outcome';
import type { ReportedDiagnostic } from '../../core/diagnostics/reported-diagnostic';
import type { FileWriter, ProposedWrite, WriteOutcome } from '../../core/tools/file-writer';
import type { SettleTimes } from './diagnostics-watch';
import { DiagnosticsWatch, defaultSettleTimes } from './diagnostics-watch';
import { reportedDiagnosticOf } from './reported-diagnostic-of';

/** The problems a task was started to fix, per file (URI strings). */
export type FixTargets = ReadonlyMap<string, readonly ReportedDiagnostic[]>;

/** One accepted write and what the editor reported after it, for the panel. */
export interface DiagnosticsCheck {
  toolUseId: string;
  path: string;
  outcome: DiagnosticsOutcome;
}

/** Options of {@link DiagnosticsCheckingWriter}. */
export interface DiagnosticsCheckingWriterOptions {
  /** The problems of the task the writer's chat runs; undefined when it was not started to fix any. */
  targets(): FixTargets | undefined;
  /** Workspace-relative path, as the model and the person read it. */
  relativePath(path: string): string;
  onDidCheck?(check: DiagnosticsCheck): void;
  times?: SettleTimes;
}

/**
 * Re-reads the editor's diagnostics of every file the writer writes while its chat runs a "Fix
 * with Tandem" task: it waits (bounded) for the language server to report on the written text,
 * compares with the problems before the write and the task's targets, and hands the model a
 * reminder — fixed, still failing, new problems — with the write's outcome. Other chats write as
 * before, with no wait.
 */
export class DiagnosticsCheckingWriter implements FileWriter {
  constructor(
    private readonly inner: FileWriter,
    private readonly options: DiagnosticsCheckingWriterOptions,
  ) {}

  async propose(edit: ProposedWrite, signal: AbortSignal): Promise<WriteOutcome> {
    const targets = this.options.targets();
    if (!targets || edit.after === undefined) return this.inner.propose(edit, signal);
    const uri = vscode.Uri.file(edit.path);
    const before = vscode.languages.getDiagnostics(uri).map(reportedDiagnosticOf);
    const watch = new DiagnosticsWatch(uri, this.options.times ?? defaultSettleTimes);
    try {
      const outcome = await this.inner.propose(edit, signal);
      if (outcome.kind !== 'written' || signal.aborted) return outcome;
      const after = await watch.settled();
      const result = compareDiagnostics({
        targets: targets.get(uri.toString()) ?? [],
        before,
        after: after.diagnostics.map(reportedDiagnosticOf),
        settled: after.settled,
      });
      const path = this.options.relativePath(edit.path);
      this.options.onDidCheck?.({ toolUseId: edit.toolUseId, path, outcome: result });
      const note = diagnosticsOutcomeReminder(path, result);
      return note ? { ...outcome, notes: [...(outcome.notes ?? []), note] } : outcome;
    } finally {
      watch.dispose();
    }
  }
}

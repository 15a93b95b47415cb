import { wrapSystemReminder } from '../context/reminders';
import type { ReportedDiagnostic } from './reported-diagnostic';
import { describeDiagnostic, sameProblem } from './reported-diagnostic';

/** What became of a file's problems after an accepted edit. */
export interface DiagnosticsOutcome {
  /** Problems the task was about that are no longer reported. */
  fixed: ReportedDiagnostic[];
  /** Problems the task was about that are still reported (as they are now). */
  stillFailing: ReportedDiagnostic[];
  /** Errors and warnings reported now that were not before the edit. */
  newProblems: ReportedDiagnostic[];
  /** The editor had not reported again when the wait ended: the "after" may be stale. */
  settled: boolean;
}

function takeMatch(pool: ReportedDiagnostic[], wanted: ReportedDiagnostic): ReportedDiagnostic | undefined {
  const index = pool.findIndex((candidate) => sameProblem(candidate, wanted));
  return index < 0 ? undefined : pool.splice(index, 1)[0];
}

/**
 * Compares a file's problems before and after an edit. `targets` are the problems the task was
 * asked to fix (none for a task that was not about problems). Matching ignores positions, counts
 * duplicates one by one, and lists as new only errors and warnings.
 */
export function compareDiagnostics(options: {
  targets: readonly ReportedDiagnostic[];
  before: readonly ReportedDiagnostic[];
  after: readonly ReportedDiagnostic[];
  settled: boolean;
}): DiagnosticsOutcome {
  const remaining = [...options.after];
  const fixed: ReportedDiagnostic[] = [];
  const stillFailing: ReportedDiagnostic[] = [];
  for (const target of options.targets) {
    const now = takeMatch(remaining, target);
    if (now) stillFailing.push(now);
    else fixed.push(target);
  }
  const known = [...options.before];
  for (const target of options.targets) takeMatch(known, target);
  const newProblems = remaining.filter(
    (diagnostic) =>
      (diagnostic.severity === 'error' || diagnostic.severity === 'warning') &&
      takeMatch(known, diagnostic) === undefined,
  );
  return { fixed, stillFailing, newProblems, settled: options.settled };
}

/** True when there is nothing to say: no target and no new problem. */
export function isQuiet(outcome: DiagnosticsOutcome): boolean {
  return outcome.fixed.length + outcome.stillFailing.length + outcome.newProblems.length === 0;
}

/** The outcome in one line for the person: "1 fixed · 1 still failing · 2 new problems". */
export function summarizeOutcome(outcome: DiagnosticsOutcome): string {
  const parts = [
    outcome.fixed.length > 0 ? `${outcome.fixed.length} fixed` : '',
    outcome.stillFailing.length > 0 ? `${outcome.stillFailing.length} still failing` : '',
    outcome.newProblems.length > 0
      ? `${outcome.newProblems.length} new problem${outcome.newProblems.length === 1 ? '' : 's'}`
      : '',
  ].filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' · ') : 'no problems reported';
}

/** The outcome for the model, as a reminder after the edit's result; undefined when quiet. */
export function diagnosticsOutcomeReminder(path: string, outcome: DiagnosticsOutcome): string | undefined {
  if (isQuiet(outcome)) return undefined;
  const list = (title: string, diagnostics: readonly ReportedDiagnostic[]): string[] =>
    diagnostics.length === 0
      ? []
      : [`${title}:`, ...diagnostics.slice(0, 20).map((diagnostic) => `- ${describeDiagnostic(diagnostic)}`)];
  const lines = [
    `After your edit to ${path} was written, the editor reports (${summarizeOutcome(outcome)}):`,
    ...list('Fixed', outcome.fixed),
    ...list('Still failing', outcome.stillFailing),
    ...list('New problems', outcome.newProblems),
  ];
  if (!outcome.settled)
    lines.push('The language server had not finished when Tandem stopped waiting; these may change.');
  return wrapSystemReminder(lines.join('\n'));
}

import type { FileDiagnostics } from '../context/reminders';
import { diagnosticsReminder } from '../context/reminders';
import type { DiagnosticsProvider } from './ide-diagnostics';

type Diagnostic = FileDiagnostics['diagnostics'][number];

/** Rounds a touched file stays watched: language services often report a moment after the edit. */
export const watchedRounds = 3;

/** As Claude Code gives its IDE: diagnostics that take longer are skipped, never waited for. */
export const diagnosticsDeadlineMs = 2_000;

function withDeadline(signal: AbortSignal | undefined): AbortSignal {
  const deadline = AbortSignal.timeout(diagnosticsDeadlineMs);
  return signal ? AbortSignal.any([signal, deadline]) : deadline;
}

/** Same problem, wherever it moved to: an edit above it shifts its line but does not make it new. */
function keyOf(diagnostic: Diagnostic): string {
  return [
    diagnostic.severity,
    diagnostic.source ?? '',
    String(diagnostic.code ?? ''),
    diagnostic.message,
  ].join('\0');
}

function counts(diagnostics: readonly Diagnostic[]): Map<string, number> {
  const result = new Map<string, number>();
  for (const diagnostic of diagnostics)
    result.set(keyOf(diagnostic), (result.get(keyOf(diagnostic)) ?? 0) + 1);
  return result;
}

/**
 * Tells the agent about problems its edits introduced, as Claude Code does with its IDE: a
 * baseline of every file's diagnostics when a message arrives, then after each tool round the
 * diagnostics of the files edited since, compared with that baseline. Only problems that were not
 * there before are reported (as a `<system-reminder>`), once; then they are the new baseline. A
 * file stays watched for {@link watchedRounds} rounds, because analysis lags behind the write.
 * Each look takes at most {@link diagnosticsDeadlineMs}. Never throws: without diagnostics there is
 * simply no reminder.
 */
export class NewDiagnosticsTracker {
  readonly #provider: DiagnosticsProvider;
  readonly #baseline = new Map<string, Map<string, number>>();
  readonly #watched = new Map<string, number>();

  constructor(provider: DiagnosticsProvider) {
    this.#provider = provider;
  }

  /** Records every file's current diagnostics as what is known; call when a message arrives. */
  async takeBaseline(signal?: AbortSignal): Promise<void> {
    const all = await this.#provider(undefined, withDeadline(signal)).catch(() => undefined);
    if (!all) return;
    this.#baseline.clear();
    for (const file of all) this.#baseline.set(file.path, counts(file.diagnostics));
  }

  /** Files an edit just wrote (absolute paths). */
  touched(paths: readonly string[]): void {
    for (const path of paths) this.#watched.set(path, watchedRounds);
  }

  /** The reminder for new problems in watched files, or undefined. Call after each tool round. */
  async reminder(signal?: AbortSignal): Promise<string | undefined> {
    if (this.#watched.size === 0) return undefined;
    const paths = [...this.#watched.keys()];
    for (const path of paths) {
      const left = (this.#watched.get(path) ?? 1) - 1;
      if (left <= 0) this.#watched.delete(path);
      else this.#watched.set(path, left);
    }
    const files = await this.#provider(paths, withDeadline(signal)).catch(() => undefined);
    if (!files) return undefined;
    const fresh: FileDiagnostics[] = [];
    for (const file of files) {
      const known = new Map(this.#baseline.get(file.path) ?? []);
      const added = file.diagnostics.filter((diagnostic) => {
        const key = keyOf(diagnostic);
        const left = known.get(key) ?? 0;
        known.set(key, left - 1);
        return left <= 0;
      });
      this.#baseline.set(file.path, counts(file.diagnostics));
      if (added.length > 0) {
        fresh.push({ path: file.path, diagnostics: added });
        this.#watched.delete(file.path);
      }
    }
    return diagnosticsReminder(fresh);
  }
}

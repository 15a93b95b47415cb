import * as vscode from 'vscode';
import { Disposable } from '../base/disposable';

/** How long the diagnostics of a file must stay unchanged to count as settled, and the longest wait. */
export interface SettleTimes {
  quietMs: number;
  timeoutMs: number;
}

/** Enough for a language server's syntax pass and its semantic pass, and a bound on waiting. */
export const defaultSettleTimes: SettleTimes = { quietMs: 400, timeoutMs: 6_000 };

/**
 * Watches one file's diagnostics from before a write until the language server has answered for
 * the text as it ended up: `settled()` resolves once diagnostics came after the file's last change
 * and then stayed unchanged for `quietMs`, or after `timeoutMs` with `settled: false`. Start it
 * before writing, so the first report after the write is never missed.
 */
export class DiagnosticsWatch extends Disposable {
  #lastChange = 0;
  #lastReport = -1;
  #clock = 0;
  #wake: (() => void) | undefined;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly times: SettleTimes = defaultSettleTimes,
  ) {
    super();
    const key = uri.toString();
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === key && event.contentChanges.length > 0)
          this.#lastChange = ++this.#clock;
      }),
    );
    this._register(
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (!event.uris.some((changed) => changed.toString() === key)) return;
        this.#lastReport = ++this.#clock;
        this.#wake?.();
      }),
    );
  }

  /** The file's diagnostics once settled (or at the time limit), and whether they settled. */
  async settled(): Promise<{ diagnostics: vscode.Diagnostic[]; settled: boolean }> {
    const deadline = Date.now() + this.times.timeoutMs;
    for (;;) {
      const fresh = this.#lastReport > this.#lastChange;
      const left = deadline - Date.now();
      if (left <= 0) return { diagnostics: vscode.languages.getDiagnostics(this.uri), settled: fresh };
      const reported = await this.#next(fresh ? Math.min(this.times.quietMs, left) : left);
      if (fresh && !reported)
        return { diagnostics: vscode.languages.getDiagnostics(this.uri), settled: true };
    }
  }

  /** Resolves true at the next report for the file, false when `ms` pass first. */
  #next(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = undefined;
        resolve(false);
      }, ms);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve(true);
      };
    });
  }
}

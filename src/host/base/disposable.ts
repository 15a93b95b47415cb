import type * as vscode from 'vscode';

/**
 * Owns child disposables: whatever is `_register`ed is disposed with its owner, in reverse order.
 * Registering after disposal disposes the child at once so nothing leaks.
 */
export class Disposable implements vscode.Disposable {
  readonly #children: vscode.Disposable[] = [];
  #disposed = false;

  protected get isDisposed(): boolean {
    return this.#disposed;
  }

  protected _register<T extends vscode.Disposable>(child: T): T {
    if (this.#disposed) child.dispose();
    else this.#children.push(child);
    return child;
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const child of this.#children.splice(0).reverse()) {
      try {
        child.dispose();
      } catch {
        // one failing child must not keep the others alive
      }
    }
  }
}

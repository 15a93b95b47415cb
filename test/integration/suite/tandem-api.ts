import * as vscode from 'vscode';
import type { TandemApi } from '../../../src/host/extension';

/** The extension id from package.json (publisher.name). */
export const extensionId = 'tandem-dev.tandem';

/** Activates Tandem and returns its API. */
export async function tandemApi(): Promise<TandemApi> {
  const extension = vscode.extensions.getExtension<TandemApi>(extensionId);
  if (!extension) throw new Error(`${extensionId} is not loaded`);
  return extension.activate();
}

/** Polls until `probe` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first workspace folder's path. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return folder.uri.fsPath;
}

import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../../core/ports';
import { silentLogger } from '../../core/ports';
import { loadSettings, settingsFiles } from './settings-loader';
import type { LoadedSettings, SettingsLoaderOptions } from './settings-loader';

/** The loader's options plus watching knobs. */
export interface SettingsWatcherOptions extends SettingsLoaderOptions {
  /** Quiet time after the last file event before reloading. Default 150 ms. */
  debounceMs?: number;
  logger?: Logger;
}

type ChangeListener = (settings: LoadedSettings) => void;

/**
 * Keeps the merged settings current. Watches the folder of every settings file (or its nearest
 * existing ancestor, so a file or `.claude` folder created later is noticed), reloads after a quiet
 * period and calls listeners only when the outcome changed. Listeners must not throw.
 */
export class SettingsWatcher {
  #current: LoadedSettings;
  #options: SettingsWatcherOptions;
  readonly #listeners = new Set<ChangeListener>();
  #watchers: FSWatcher[] = [];
  #timer: NodeJS.Timeout | undefined;
  #disposed = false;

  private constructor(options: SettingsWatcherOptions, initial: LoadedSettings) {
    this.#options = options;
    this.#current = initial;
  }

  /** Loads once and starts watching. */
  static async start(options: SettingsWatcherOptions): Promise<SettingsWatcher> {
    const watcher = new SettingsWatcher(options, await loadSettings(options));
    await watcher.#arm();
    return watcher;
  }

  get current(): LoadedSettings {
    return this.#current;
  }

  /** Returns a function that removes the listener. */
  onDidChange(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Replaces the editor-level settings (the host calls it on `onDidChangeConfiguration`) and reloads. */
  async setEditorSettings(vscode: unknown): Promise<void> {
    this.#options = { ...this.#options, vscode };
    await this.reload();
  }

  /** Reloads now; notifies listeners if anything changed. */
  async reload(): Promise<void> {
    const next = await loadSettings(this.#options);
    if (this.#disposed) return;
    await this.#arm();
    if (JSON.stringify(next) === JSON.stringify(this.#current)) return;
    this.#current = next;
    for (const listener of this.#listeners) listener(next);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    for (const watcher of this.#watchers) watcher.close();
    this.#watchers = [];
    this.#listeners.clear();
  }

  async #arm(): Promise<void> {
    const folders = new Set<string>();
    for (const file of settingsFiles(this.#options)) folders.add(await nearestExisting(dirname(file.path)));
    for (const watcher of this.#watchers) watcher.close();
    if (this.#disposed) return;
    this.#watchers = [];
    for (const folder of folders) {
      try {
        const watcher = watch(folder, () => this.#schedule());
        watcher.on('error', (error) => this.#options.logger?.debug('settings watch error', folder, error));
        this.#watchers.push(watcher);
      } catch (error) {
        (this.#options.logger ?? silentLogger).debug('cannot watch settings folder', folder, error);
      }
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.reload().catch((error: unknown) => this.#options.logger?.warn('settings reload failed', error));
    }, this.#options.debounceMs ?? 150);
  }
}

async function nearestExisting(folder: string): Promise<string> {
  let current = folder;
  for (;;) {
    const info = await stat(current).catch(() => undefined);
    if (info?.isDirectory() === true) return current;
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
}

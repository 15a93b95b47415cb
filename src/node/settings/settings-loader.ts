import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mergeSettings } from '../../core/settings/merge-settings';
import type { MergedSettings, SettingsLevel, SettingsSource } from '../../core/settings/merge-settings';
import { parseSettings, validateSettings } from '../../core/settings/parse-settings';
import type { SettingsProblem } from '../../core/settings/parse-settings';
import { managedSettingsPath, projectSettingsPaths, userConfigDirectory } from './settings-paths';

/** Absolute paths; nothing is read from the process except `process.platform` by default. */
export interface SettingsLoaderOptions {
  projectRoot: string;
  homeDir: string;
  /** Root for rules from CLI flags and editor settings; defaults to `projectRoot`. */
  cwd?: string;
  platform?: NodeJS.Platform;
  /** Overrides the platform's managed policy path (tests, custom installs). */
  managedPath?: string;
  /** Read for `CLAUDE_CONFIG_DIR`. */
  env?: Record<string, string | undefined>;
  /** Settings given on the command line (`--settings`), already parsed from JSON. */
  cli?: unknown;
  /** Tandem's editor settings mapped to the settings.json shape. */
  vscode?: unknown;
}

/** The outcome of one load: what applies, each level that was found, and what was wrong. */
export interface LoadedSettings {
  merged: MergedSettings;
  levels: SettingsLevel[];
  problems: SettingsProblem[];
}

interface FileLevel {
  source: SettingsSource;
  path: string;
  root: string;
}

/** The files a load reads, highest precedence first; the watcher watches their folders. */
export function settingsFiles(options: SettingsLoaderOptions): FileLevel[] {
  const managed = options.managedPath ?? managedSettingsPath(options.platform ?? process.platform);
  const project = projectSettingsPaths(options.projectRoot);
  const userDir = userConfigDirectory(options.homeDir, options.env);
  return [
    { source: 'managed', path: managed, root: dirname(managed) },
    { source: 'local', path: project.local, root: options.projectRoot },
    { source: 'project', path: project.project, root: options.projectRoot },
    { source: 'user', path: join(userDir, 'settings.json'), root: userDir },
  ];
}

/**
 * Reads every level and merges them. A missing file is no level; an unreadable or broken file is a
 * problem (with its path and field) and loads without its broken parts. Never throws.
 */
export async function loadSettings(options: SettingsLoaderOptions): Promise<LoadedSettings> {
  const levels: SettingsLevel[] = [];
  const problems: SettingsProblem[] = [];
  const cwd = options.cwd ?? options.projectRoot;
  for (const file of settingsFiles(options)) {
    const text = await readIfPresent(file.path, problems);
    if (text === undefined) continue;
    const parsed = parseSettings(text, file.path);
    problems.push(...parsed.problems);
    levels.push({ ...file, settings: parsed.settings });
  }
  for (const [source, raw] of [
    ['cli', options.cli],
    ['vscode', options.vscode],
  ] as const) {
    if (raw === undefined) continue;
    const parsed = validateSettings(raw, source === 'cli' ? '--settings' : 'editor settings');
    problems.push(...parsed.problems);
    levels.push({ source, root: cwd, settings: parsed.settings });
  }
  return { merged: mergeSettings(levels), levels, problems };
}

async function readIfPresent(path: string, problems: SettingsProblem[]): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      problems.push({ path, field: '', message: `could not read: ${code ?? String(error)}` });
    }
    return undefined;
  }
}

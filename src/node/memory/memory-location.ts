import { isAbsolute, join, parse, resolve } from 'node:path';
import { z } from 'zod';
import type { SettingsLevel, SettingsSource } from '../../core/settings/merge-settings';
import { settingsPrecedence } from '../../core/settings/merge-settings';
import { projectDataDirectory, projectKey } from '../project/project-directory';
import { loadSettings } from '../settings/settings-loader';

/** Where a project's auto-memory lives, or that it is off; `problems` are settings that were ignored. */
export type MemoryLocation =
  { enabled: true; location: string; problems: string[] } | { enabled: false; problems: string[] };

/** What the location is decided from. */
export interface MemoryLocationOptions {
  projectRoot: string;
  homeDir: string;
  env: Record<string, string | undefined>;
  /** The settings levels of the session (managed, CLI, project, local, user, editor). */
  levels: readonly SettingsLevel[];
}

/**
 * Levels that may move the memory folder: the person's own (user settings, CLI flags) and their
 * organisation's (managed policy). A project's `.claude/settings.json` or `settings.local.json`
 * may not — a repository must not redirect memory writes into `~/.ssh` — and neither may editor
 * settings, which VS Code merges with the workspace's own `.vscode/settings.json`.
 */
const trustedSources: ReadonlySet<SettingsSource> = new Set(['managed', 'cli', 'user']);

const memorySettingsSchema = z.looseObject({
  autoMemoryEnabled: z.boolean().optional(),
  autoMemoryDirectory: z.string().optional(),
});

/**
 * Decides the memory folder of a project. By default `~/.tandem/projects/<project key>/memory`, in
 * the user's data folder and never in the project, shared by the editor and the CLI. The settings
 * key `autoMemoryDirectory` (Claude Code's name) moves the root under which each project gets its
 * `<project key>` folder — only from trusted levels, and only to an absolute, non-root path;
 * `autoMemoryEnabled: false` at any level turns auto-memory off (turning it off is always safe).
 */
export function resolveMemoryLocation(options: MemoryLocationOptions): MemoryLocation {
  const problems: string[] = [];
  const ordered = [...options.levels].sort(
    (a, b) => settingsPrecedence.indexOf(a.source) - settingsPrecedence.indexOf(b.source),
  );
  const settings = ordered.map((level) => ({
    level,
    parsed: memorySettingsSchema.safeParse(level.settings),
  }));
  const enabled = settings.find(
    ({ parsed }) => parsed.success && parsed.data.autoMemoryEnabled !== undefined,
  );
  if (enabled?.parsed.success && enabled.parsed.data.autoMemoryEnabled === false)
    return { enabled: false, problems };
  for (const { level, parsed } of settings) {
    const value = parsed.success ? parsed.data.autoMemoryDirectory : undefined;
    if (value === undefined) continue;
    const where = level.path ?? `${level.source} settings`;
    if (!trustedSources.has(level.source)) {
      problems.push(
        `${where}: autoMemoryDirectory is ignored: a project's settings cannot move the memory folder.`,
      );
      continue;
    }
    const root = checkedDirectory(value, options.homeDir);
    if (!root.ok) {
      problems.push(`${where}: autoMemoryDirectory is ignored: ${root.reason}.`);
      continue;
    }
    return { enabled: true, location: join(root.path, projectKey(options.projectRoot)), problems };
  }
  return { enabled: true, location: join(projectDataDirectory(options), 'memory'), problems };
}

/** Loads the settings levels itself (for the editor's memory commands, outside any session). */
export async function locateMemory(options: Omit<MemoryLocationOptions, 'levels'>): Promise<MemoryLocation> {
  const settings = await loadSettings({
    projectRoot: options.projectRoot,
    homeDir: options.homeDir,
    env: options.env,
  });
  return resolveMemoryLocation({ ...options, levels: settings.levels });
}

function checkedDirectory(
  value: string,
  homeDir: string,
): { ok: true; path: string } | { ok: false; reason: string } {
  if (/[\u0000-\u001f]/.test(value)) return { ok: false, reason: 'it contains control characters' };
  const expanded = value === '~' || value.startsWith('~/') ? join(homeDir, value.slice(1)) : value;
  if (/^(\\\\|\/\/)/.test(expanded))
    return { ok: false, reason: 'network (UNC) paths are not used for memory' };
  if (!isAbsolute(expanded)) return { ok: false, reason: 'it must be an absolute path (or start with ~/)' };
  const path = resolve(expanded);
  if (path === parse(path).root || path.length < 3)
    return { ok: false, reason: 'it cannot be the root of a disk' };
  return { ok: true, path };
}

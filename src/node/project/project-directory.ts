import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a project's data lives outside the project. */
export interface ProjectDirectoryOptions {
  /** The project's root (its git root, else the working directory); absolute. */
  projectRoot: string;
  env?: Record<string, string | undefined>;
  homeDir?: string;
}

/** Tandem's data folder for the user: `$TANDEM_HOME`, else `~/.tandem`. */
export function tandemHome(
  env: Record<string, string | undefined> = process.env,
  homeDir = homedir(),
): string {
  const configured = env['TANDEM_HOME'];
  return configured !== undefined && configured !== '' ? configured : join(homeDir, '.tandem');
}

/**
 * A folder name for a project: its path made readable (`-home-ana-shop`) and a hash of the exact
 * path, so two paths that read alike (`/a-b`, `/a/b`) never share a folder.
 */
export function projectKey(projectRoot: string): string {
  const path = resolve(projectRoot);
  const readable =
    path
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(-80) || 'root';
  const hash = createHash('sha256').update(path).digest('hex').slice(0, 10);
  return `${readable}-${hash}`;
}

/**
 * `~/.tandem/projects/<project key>`: the project's sessions (for the CLI) and its auto-memory,
 * in the user's data folder and never inside the project, so a repository cannot ship or rewrite
 * them and the editor and the CLI share them.
 */
export function projectDataDirectory(options: ProjectDirectoryOptions): string {
  return join(tandemHome(options.env, options.homeDir), 'projects', projectKey(options.projectRoot));
}

/** Where the CLI keeps a project's sessions: `<project data directory>/sessions`. */
export function projectSessionsDirectory(options: ProjectDirectoryOptions): string {
  return join(projectDataDirectory(options), 'sessions');
}

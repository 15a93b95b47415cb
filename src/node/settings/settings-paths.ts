import { join, win32 } from 'node:path';

/** Where the organisation's managed policy file lives on each platform (as in Claude Code). */
export function managedSettingsPath(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return '/Library/Application Support/ClaudeCode/managed-settings.json';
  if (platform === 'win32') return win32.join('C:\\Program Files\\ClaudeCode', 'managed-settings.json');
  return '/etc/claude-code/managed-settings.json';
}

/** `~/.claude`, or `$CLAUDE_CONFIG_DIR` when set. */
export function userConfigDirectory(homeDir: string, env: Record<string, string | undefined> = {}): string {
  const configured = env['CLAUDE_CONFIG_DIR'];
  return configured !== undefined && configured !== '' ? configured : join(homeDir, '.claude');
}

/** The settings files of a project, lowest precedence first. */
export function projectSettingsPaths(projectRoot: string): { project: string; local: string } {
  return {
    project: join(projectRoot, '.claude', 'settings.json'),
    local: join(projectRoot, '.claude', 'settings.local.json'),
  };
}

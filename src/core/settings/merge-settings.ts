import type {
  HookHandler,
  HookMatcherGroup,
  HooksSettings,
  PermissionModeName,
  Settings,
} from './settings-schema';

/** Where a setting came from, highest precedence first (`session` is added at run time by the panel). */
export type SettingsSource = 'managed' | 'cli' | 'local' | 'project' | 'user' | 'vscode' | 'session';

/** Precedence, highest first. `vscode` (editor settings) ranks with the user level, just below the user file. */
export const settingsPrecedence: readonly SettingsSource[] = [
  'managed',
  'cli',
  'session',
  'local',
  'project',
  'user',
  'vscode',
];

/**
 * A permission rule (or an additional directory) with its origin. `root` is the folder relative
 * paths in the rule are resolved against: the project root for project and local settings,
 * `~/.claude` for user settings, the policy folder for managed settings, the working directory for
 * CLI flags and editor settings.
 */
export interface SourcedRule {
  text: string;
  source: SettingsSource;
  root: string;
}

/** One settings level as loaded. */
export interface SettingsLevel {
  source: SettingsSource;
  /** The file it came from (for messages); absent for flags and editor settings. */
  path?: string;
  root: string;
  settings: Settings;
}

/** The effective settings of a session. */
export interface MergedSettings {
  permissions: {
    allow: SourcedRule[];
    ask: SourcedRule[];
    deny: SourcedRule[];
    additionalDirectories: SourcedRule[];
    defaultMode?: PermissionModeName;
    disableBypassPermissionsMode?: 'disable';
  };
  /** Matcher groups of every level, highest level first; empty when `disableAllHooks` wins. */
  hooks: HooksSettings;
  env: Record<string, string>;
  model?: string;
  /** Every other top-level key, highest level wins per key (kept for callers that know them). */
  other: Record<string, unknown>;
}

const knownKeys = new Set(['permissions', 'hooks', 'disableAllHooks', 'env', 'model', '$schema']);
type RuleList = 'allow' | 'ask' | 'deny' | 'additionalDirectories';
const ruleLists: readonly RuleList[] = ['allow', 'ask', 'deny', 'additionalDirectories'];

/**
 * Merges levels in any order (they are sorted by `settingsPrecedence`): scalars from the highest
 * level that sets them, key by key; rule lists concatenated highest first, deduplicated by text and
 * root; hooks concatenated with identical handlers under the same matcher kept once; `env` merged key
 * by key. Pure.
 */
export function mergeSettings(levels: readonly SettingsLevel[]): MergedSettings {
  const ordered = [...levels].sort(
    (a, b) => settingsPrecedence.indexOf(a.source) - settingsPrecedence.indexOf(b.source),
  );
  const merged: MergedSettings = {
    permissions: { allow: [], ask: [], deny: [], additionalDirectories: [] },
    hooks: {},
    env: {},
    other: {},
  };
  const seenRules = new Set<string>();
  const seenHandlers = new Set<string>();
  let hooksDisabled: boolean | undefined;
  for (const level of ordered) {
    const { settings } = level;
    const permissions = settings.permissions;
    for (const list of ruleLists) {
      for (const text of permissions?.[list] ?? []) {
        const key = `${list}\0${text}\0${level.root}`;
        if (seenRules.has(key)) continue;
        seenRules.add(key);
        merged.permissions[list].push({ text, source: level.source, root: level.root });
      }
    }
    merged.permissions.defaultMode ??= permissions?.defaultMode;
    merged.permissions.disableBypassPermissionsMode ??= permissions?.disableBypassPermissionsMode;
    merged.model ??= settings.model;
    hooksDisabled ??= settings.disableAllHooks;
    merged.env = { ...settings.env, ...merged.env };
    for (const [event, groups] of Object.entries(settings.hooks ?? {})) {
      for (const group of groups) addHookGroup(merged.hooks, event, group, seenHandlers);
    }
    for (const [key, value] of Object.entries(settings)) {
      if (!knownKeys.has(key) && !(key in merged.other)) merged.other[key] = value;
    }
  }
  if (hooksDisabled === true) merged.hooks = {};
  dropUndefined(merged.permissions);
  if (merged.model === undefined) delete merged.model;
  return merged;
}

function addHookGroup(
  target: HooksSettings,
  event: string,
  group: HookMatcherGroup,
  seen: Set<string>,
): void {
  const matcher = group.matcher ?? '';
  const handlers: HookHandler[] = [];
  for (const handler of group.hooks) {
    const key = `${event}\0${matcher}\0${JSON.stringify(handler)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    handlers.push(handler);
  }
  if (handlers.length === 0) return;
  (target[event] ??= []).push({ ...group, hooks: handlers });
}

function dropUndefined(record: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(record)) if (value === undefined) delete record[key];
}

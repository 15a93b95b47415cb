import type { ModelRole } from './model-roles';
import type { Logger, Workspace } from '../../core/ports';
import { createModelClassifier } from '../../core/permissions/permission-classifier';
import { PermissionEngine } from '../../core/permissions/permission-engine';
import type { PermissionMode } from '../../core/permissions/permission-mode';
import { permissionModeNamed } from '../../core/permissions/permission-mode';
import { buildRuleSet } from '../../core/permissions/permission-rule';
import type { ShellParser } from '../../core/permissions/shell-parser';
import type { RuleBehavior, RuleSet } from '../../core/permissions/permission-rule';
import { TreeSitterShellParser } from '../bash-parser/tree-sitter-shell-parser';
import type { TreeSitterPaths } from '../bash-parser/tree-sitter-shell-parser';
import type { LoadedSettings } from '../settings/settings-loader';

/** What the permission engine of a Node session is built from. */
export interface PermissionEngineSetup {
  settings: LoadedSettings;
  roots: readonly string[];
  cwd: string;
  homeDir: string;
  /** Workspace Trust; false = read-only tools only. */
  trusted: boolean;
  /** Folders read-only calls open without asking (the session's saved tool results). */
  readRoots?: readonly string[];
  workspace: Workspace;
  /** The model that judges calls in `auto` mode. */
  classifier: ModelRole;
  treeSitterPaths?: TreeSitterPaths;
  logger: Logger;
}

/** The engine, the mode it runs in and its shell parser, or why the configured mode cannot be used. */
export type PermissionEngineResult =
  | { ok: true; engine: PermissionEngine; mode: PermissionMode; shellParser: ShellParser | undefined }
  | { ok: false; message: string };

/**
 * Builds the permission engine from merged settings: their rules, the configured mode (an
 * unsupported name falls back to `default` with a warning), the shell parser (if it fails to load,
 * every command asks) and the classifier for `auto` mode. Never throws.
 */
export async function createPermissionEngine(setup: PermissionEngineSetup): Promise<PermissionEngineResult> {
  const { settings, logger } = setup;
  const shellParser = await TreeSitterShellParser.load(setup.treeSitterPaths).catch((error: unknown) => {
    logger.error('The shell parser did not load; every shell command will ask.', error);
    return undefined;
  });
  const configured = settings.merged.permissions.defaultMode ?? 'default';
  const named = permissionModeNamed(configured);
  if (named === undefined) logger.warn(`Permission mode "${configured}" is not supported; using default.`);
  const mode = named ?? 'default';
  const engine = new PermissionEngine({
    rules: rulesOf(settings, logger),
    mode: 'default',
    workspaceRoots: [
      ...setup.roots,
      ...settings.merged.permissions.additionalDirectories.map((rule) => rule.text),
    ],
    readRoots: setup.readRoots ?? [],
    cwd: setup.cwd,
    home: setup.homeDir,
    caseInsensitive: process.platform === 'darwin' || process.platform === 'win32',
    windows: process.platform === 'win32',
    trusted: setup.trusted,
    shellParser,
    workspace: setup.workspace,
    classifier: createModelClassifier(setup.classifier),
  });
  const switched = engine.setMode(mode);
  return switched.ok ? { ok: true, engine, mode, shellParser } : { ok: false, message: switched.error };
}

/** The permission rules of merged settings, each with the folder its file sits in; bad rules are logged. */
export function rulesOf(settings: LoadedSettings, logger: Logger): RuleSet {
  const lists: { behavior: RuleBehavior; key: 'allow' | 'ask' | 'deny' }[] = [
    { behavior: 'allow', key: 'allow' },
    { behavior: 'ask', key: 'ask' },
    { behavior: 'deny', key: 'deny' },
  ];
  const { rules, errors } = buildRuleSet(
    lists.flatMap(({ behavior, key }) =>
      settings.merged.permissions[key].map((rule) => ({
        behavior,
        rules: [rule.text],
        source: { source: rule.source, root: rule.root },
      })),
    ),
  );
  for (const error of errors) logger.warn(`permission rule ignored: ${error}`);
  return rules;
}

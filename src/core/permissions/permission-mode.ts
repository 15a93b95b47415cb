import { z } from 'zod';

/**
 * How much runs without asking: `default` asks before edits and commands no rule allows,
 * `acceptEdits` runs file edits too, `plan` runs read-only tools only, `auto` lets the classifier
 * approve what no rule decides, `bypassPermissions` runs everything but denials. The one list of
 * modes: the CLI flag, the editor setting, settings files and the panel all take theirs from here.
 */
export const permissionModes = ['default', 'acceptEdits', 'plan', 'auto', 'bypassPermissions'] as const;

/** One of {@link permissionModes}. */
export type PermissionMode = (typeof permissionModes)[number];

/** Validates a mode at a boundary (a flag, a setting, a webview message). */
export const permissionModeSchema = z.enum(permissionModes);

/** Names Claude Code's settings may use for a Tandem mode: `manual` is the newer name of `default`. */
const aliases: Readonly<Record<string, PermissionMode>> = { manual: 'default' };

/**
 * The mode a settings file names (a mode or an alias of one), or undefined for a name Tandem does
 * not support (`dontAsk`, a typo).
 */
export function permissionModeNamed(name: string): PermissionMode | undefined {
  const parsed = permissionModeSchema.safeParse(name);
  return parsed.success ? parsed.data : aliases[name];
}

import { z } from 'zod';
import { permissionRuleError } from '../permissions/permission-rule';
import { permissionModes } from '../permissions/permission-mode';

/**
 * Mode names Claude Code settings may use: Tandem's modes, `manual` (the newer name of `default`)
 * and `dontAsk` (which Tandem does not support). `permissionModeNamed` maps a name to a mode.
 */
export const permissionModeNameSchema = z.enum([...permissionModes, 'manual', 'dontAsk']);

/** A mode name as written in settings. */
export type PermissionModeName = z.infer<typeof permissionModeNameSchema>;

/**
 * A list of permission rules. A rule the engine cannot parse is an issue at its own index, so it
 * is dropped and reported by file, list and position (`permissions.deny[2]`) instead of being
 * silently inert.
 */
const ruleListSchema = z.array(
  z.string().superRefine((text, context) => {
    const error = permissionRuleError(text);
    if (error) context.addIssue({ code: 'custom', message: error });
  }),
);

/** `permissions` block. Unknown keys pass through so newer Claude Code files still load. */
export const permissionsSettingsSchema = z.looseObject({
  allow: ruleListSchema.optional(),
  ask: ruleListSchema.optional(),
  deny: ruleListSchema.optional(),
  defaultMode: permissionModeNameSchema.optional(),
  additionalDirectories: z.array(z.string()).optional(),
  disableBypassPermissionsMode: z.literal('disable').optional(),
});

/** Seconds, as in Claude Code. */
const timeoutSchema = z.number().positive().max(86_400);

/** `{type: 'command', command, timeout?}`; timeout in seconds. */
export const commandHookSchema = z.looseObject({
  type: z.literal('command'),
  command: z.string().min(1),
  timeout: timeoutSchema.optional(),
  statusMessage: z.string().optional(),
});

/** `{type: 'http', url, headers?, timeout?}`; POSTs the event JSON. */
export const httpHookSchema = z.looseObject({
  type: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
  timeout: timeoutSchema.optional(),
  statusMessage: z.string().optional(),
});

/**
 * Claude Code handler kinds Tandem does not run yet (`prompt`, `agent`, `mcp_tool`). Kept so a valid Claude
 * Code file is not reported as broken; the runner skips them with a warning.
 */
export const otherHookSchema = z.looseObject({
  type: z.enum(['prompt', 'agent', 'mcp_tool']),
});

/** Any handler in a matcher group. */
export const hookHandlerSchema = z.union([commandHookSchema, httpHookSchema, otherHookSchema]);

/** `{matcher?, hooks}`: the handlers that run when `matcher` fits. */
export const hookMatcherGroupSchema = z.looseObject({
  matcher: z.string().optional(),
  hooks: z.array(hookHandlerSchema),
});

/** Event name → matcher groups. Event names are not restricted: unknown events are simply never fired. */
export const hooksSettingsSchema = z.record(z.string(), z.array(hookMatcherGroupSchema));

/**
 * One settings.json (any level). Loose: keys we do not know are kept, never rejected. Parse it with
 * `parseSettings`, which drops only the invalid parts.
 */
export const settingsSchema = z.looseObject({
  $schema: z.string().optional(),
  permissions: permissionsSettingsSchema.optional(),
  hooks: hooksSettingsSchema.optional(),
  disableAllHooks: z.boolean().optional(),
  env: z.record(z.string(), z.string()).optional(),
  model: z.string().optional(),
});

/** One settings file's content after `parseSettings`. */
export type Settings = z.infer<typeof settingsSchema>;
/** The `permissions` block of one file. */
export type PermissionsSettings = z.infer<typeof permissionsSettingsSchema>;
/** A command hook handler. */
export type CommandHook = z.infer<typeof commandHookSchema>;
/** An HTTP hook handler. */
export type HttpHook = z.infer<typeof httpHookSchema>;
/** Any hook handler (command, http, or a kind Tandem skips). */
export type HookHandler = z.infer<typeof hookHandlerSchema>;
/** One matcher group. */
export type HookMatcherGroup = z.infer<typeof hookMatcherGroupSchema>;
/** The `hooks` block: event name → matcher groups. */
export type HooksSettings = z.infer<typeof hooksSettingsSchema>;

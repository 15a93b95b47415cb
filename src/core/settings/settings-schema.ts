import { z } from 'zod';

/** Permission modes Claude Code settings may name; `manual` is the newer alias of `default`. */
export const permissionModeSchema = z.enum(['default', 'acceptEdits', 'plan', 'bypassPermissions', 'manual', 'dontAsk', 'auto']);

export type PermissionMode = z.infer<typeof permissionModeSchema>;

const ruleListSchema = z.array(z.string());

/** `permissions` block. Unknown keys pass through so newer Claude Code files still load. */
export const permissionsSettingsSchema = z.looseObject({
  allow: ruleListSchema.optional(),
  ask: ruleListSchema.optional(),
  deny: ruleListSchema.optional(),
  defaultMode: permissionModeSchema.optional(),
  additionalDirectories: ruleListSchema.optional(),
  disableBypassPermissionsMode: z.literal('disable').optional(),
});

/** Seconds, as in Claude Code. */
const timeoutSchema = z.number().positive().max(86_400);

export const commandHookSchema = z.looseObject({
  type: z.literal('command'),
  command: z.string().min(1),
  timeout: timeoutSchema.optional(),
  statusMessage: z.string().optional(),
});

export const httpHookSchema = z.looseObject({
  type: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).optional(),
  timeout: timeoutSchema.optional(),
  statusMessage: z.string().optional(),
});

/**
 * Handler kinds Tandem does not run yet (`prompt`, `agent`, `mcp_tool`, …). Kept so a valid Claude
 * Code file is not reported as broken; the runner skips them with a warning.
 */
export const otherHookSchema = z.looseObject({
  type: z.string().refine((type) => type !== 'command' && type !== 'http', 'expected a valid command or http hook'),
});

export const hookHandlerSchema = z.union([commandHookSchema, httpHookSchema, otherHookSchema]);

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

export type Settings = z.infer<typeof settingsSchema>;
export type PermissionsSettings = z.infer<typeof permissionsSettingsSchema>;
export type CommandHook = z.infer<typeof commandHookSchema>;
export type HttpHook = z.infer<typeof httpHookSchema>;
export type HookHandler = z.infer<typeof hookHandlerSchema>;
export type HookMatcherGroup = z.infer<typeof hookMatcherGroupSchema>;
export type HooksSettings = z.infer<typeof hooksSettingsSchema>;

import * as z from 'zod/mini';

/** Permission modes, as in Claude Code. */
export const permissionModeSchema = z.enum(['default', 'acceptEdits', 'plan', 'bypassPermissions']);

/** A permission mode. */
export type PermissionMode = z.infer<typeof permissionModeSchema>;

/** A model the person can pick. */
export const modelOptionSchema = z.object({ id: z.string().check(z.minLength(1)), label: z.string() });

/** A model offered in the picker. */
export type ModelOption = z.infer<typeof modelOptionSchema>;

/** One chat in the history list. `updatedAt` is epoch milliseconds. */
export const chatSummarySchema = z.object({
  id: z.string().check(z.minLength(1)),
  title: z.string(),
  busy: z.boolean(),
  updatedAt: z.number(),
});

/** A chat in the history list. */
export type ChatSummary = z.infer<typeof chatSummarySchema>;

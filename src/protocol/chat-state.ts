import * as z from 'zod/mini';
import type { PermissionMode as CorePermissionMode } from '../core/permissions/permission-mode';

/**
 * The core's permission modes, in picker order. Listed here because the webview bundle must not
 * carry core code; the record's type makes a mode missing from or foreign to the core's list a
 * type error, so the two cannot drift.
 */
const modes: Record<CorePermissionMode, true> = {
  default: true,
  acceptEdits: true,
  plan: true,
  auto: true,
  bypassPermissions: true,
};

/** Permission modes, validated at the webview boundary. */
export const permissionModeSchema = z.enum(
  Object.keys(modes) as [CorePermissionMode, ...CorePermissionMode[]],
);

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

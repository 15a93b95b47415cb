import { z } from 'zod';
import { permissionModes } from '../core/permissions/permission-mode';

/** Permission modes: the core's list (a zod-only leaf module), validated at the webview boundary. */
export const permissionModeSchema = z.enum(permissionModes);

/** A permission mode. */
export type PermissionMode = z.infer<typeof permissionModeSchema>;

/** A model the person can pick. */
export const modelOptionSchema = z.object({ id: z.string().min(1), label: z.string() });

/** A model offered in the picker. */
export type ModelOption = z.infer<typeof modelOptionSchema>;

/** One chat in the history list. `updatedAt` is epoch milliseconds. */
export const chatSummarySchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  busy: z.boolean(),
  updatedAt: z.number(),
});

/** A chat in the history list. */
export type ChatSummary = z.infer<typeof chatSummarySchema>;

import { z } from 'zod';

/** A 0-based, end-exclusive line range inside a file (`endLine` may equal `startLine` for a caret). */
export const lineRangeSchema = z.object({
  startLine: z.number().int().nonnegative(),
  endLine: z.number().int().nonnegative(),
});

/** A line range, 0-based, as sent between host and webview. */
export type LineRange = z.infer<typeof lineRangeSchema>;

/**
 * Context the person attached to a message: a whole file or an editor selection. `path` is
 * workspace-relative (the host resolves it and refuses paths outside the workspace).
 */
export const attachmentSchema = z.object({
  kind: z.enum(['file', 'selection']),
  path: z.string().min(1).max(4096),
  range: lineRangeSchema.optional(),
});

/** A file or selection attached to a message. */
export type Attachment = z.infer<typeof attachmentSchema>;

import * as z from 'zod/mini';

const lineNumber = z.int().check(z.nonnegative());

/** A 0-based, end-exclusive line range inside a file (`endLine` may equal `startLine` for a caret). */
export const lineRangeSchema = z.object({ startLine: lineNumber, endLine: lineNumber });

/** A line range, 0-based, as sent between host and webview. */
export type LineRange = z.infer<typeof lineRangeSchema>;

/**
 * Context the person attached to a message: a whole file or an editor selection. `path` is
 * workspace-relative (the host resolves it and refuses paths outside the workspace).
 */
export const attachmentSchema = z.object({
  kind: z.enum(['file', 'selection']),
  path: z.string().check(z.minLength(1), z.maxLength(4096)),
  range: z.optional(lineRangeSchema),
});

/** A file or selection attached to a message. */
export type Attachment = z.infer<typeof attachmentSchema>;

/** Two attachments name the same thing (same kind, path and range). */
export function sameAttachment(a: Attachment, b: Attachment): boolean {
  return (
    a.kind === b.kind &&
    a.path === b.path &&
    a.range?.startLine === b.range?.startLine &&
    a.range?.endLine === b.range?.endLine
  );
}

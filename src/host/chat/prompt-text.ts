import type { Attachment } from '../../protocol/attachment';

/**
 * The prompt the agent gets for a message: the person's text, then one `@path` line per
 * attachment (`@path#L<first>-<last>` for a selection, 1-based and inclusive), which the core's
 * mention handling reads.
 */
export function promptText(text: string, attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return text;
  const lines = attachments.map((attachment) =>
    attachment.range
      ? `@${attachment.path}#L${attachment.range.startLine + 1}-${attachment.range.endLine}`
      : `@${attachment.path}`,
  );
  return `${text}\n\n${lines.join('\n')}`;
}

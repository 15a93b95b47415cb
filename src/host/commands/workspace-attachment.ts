import { isAbsolute, relative, sep } from 'node:path';
import type { Attachment, LineRange } from '../../protocol/attachment';

/** A position as VS Code reports it: 0-based line and character. */
export interface TextPosition {
  line: number;
  character: number;
}

/** Why nothing was attached; the command turns it into a sentence for the person. */
export type AttachmentRefusal = 'no-workspace' | 'outside-workspace' | 'empty-selection';

/** An attachment, or the reason there is none. */
export type AttachmentResult =
  { ok: true; attachment: Attachment } | { ok: false; refusal: AttachmentRefusal };

/**
 * `path` relative to `root` with `/` separators when it lies strictly inside `root`; undefined for
 * the root itself, anything above or beside it (`/work/app-other` is not inside `/work/app`), and
 * another drive on Windows. Pure string logic: symlinks are not resolved.
 */
export function pathInside(root: string, path: string): string | undefined {
  const fromRoot = relative(root, path);
  const escapes = fromRoot === '..' || fromRoot.startsWith(`..${sep}`);
  if (fromRoot === '' || escapes || isAbsolute(fromRoot)) return undefined;
  return fromRoot.split(sep).join('/');
}

/**
 * The lines a selection covers, 0-based and end-exclusive; undefined for an empty selection. A
 * selection that ends at the very start of a line (whole lines picked with the keyboard or by
 * clicking in the gutter) does not include that line.
 */
export function selectedLines(start: TextPosition, end: TextPosition): LineRange | undefined {
  if (start.line === end.line && start.character === end.character) return undefined;
  const endLine = end.character === 0 && end.line > start.line ? end.line : end.line + 1;
  return { startLine: start.line, endLine };
}

/** A whole file at `path` (absolute) as an attachment relative to the workspace `root`. */
export function fileAttachment(root: string | undefined, path: string): AttachmentResult {
  if (root === undefined) return { ok: false, refusal: 'no-workspace' };
  const inside = pathInside(root, path);
  if (inside === undefined) return { ok: false, refusal: 'outside-workspace' };
  return { ok: true, attachment: { kind: 'file', path: inside } };
}

/** The lines selected in the file at `path` (absolute) as an attachment relative to `root`. */
export function selectionAttachment(options: {
  root: string | undefined;
  path: string;
  start: TextPosition;
  end: TextPosition;
}): AttachmentResult {
  const range = selectedLines(options.start, options.end);
  if (range === undefined) return { ok: false, refusal: 'empty-selection' };
  const file = fileAttachment(options.root, options.path);
  if (!file.ok) return file;
  return { ok: true, attachment: { kind: 'selection', path: file.attachment.path, range } };
}

import { structuredPatch } from 'diff';
import type { Workspace } from '../ports';
import type { FileStateCache } from '../tools/file-state-cache';
import { neutralizeReminderTags, wrapSystemReminder } from './reminders';

/** The session's read cache and the workspace to compare it with. */
export interface ChangedFilesOptions {
  cache: FileStateCache;
  workspace: Pick<Workspace, 'stat' | 'readFile'>;
  /** Files described at most; the rest are only counted. Default 5. */
  maxFiles?: number;
  /** Diff lines shown per file. Default 20. */
  maxDiffLines?: number;
  /** The most recently seen files checked; default {@link watchedFiles}. */
  maxWatched?: number;
}

/**
 * Files checked for outside changes each turn: the most recently seen ones, so a turn's check
 * costs the same at turn 1,000 as at turn 1 (Claude Code bounds its read-file state alike). A file
 * seen longer ago is not watched; the edit guards still refuse an edit of it if it changed.
 */
export const watchedFiles = 100;

/** A file reported as changed. */
export interface ChangedFile {
  path: string;
  kind: 'modified' | 'deleted';
}

/**
 * Finds files the agent recently read that changed on disk since (mtime moved and the text differs), and
 * describes them with a short diff. Updates the cache so each change is reported once: a fully read
 * file is noted with its new content (the model has seen the change, so an Edit may anchor on it,
 * but a diff of a few lines is not the file, so a Write still needs a new read); a deleted or
 * partially read file is forgotten (it must be read again before an edit). Returns undefined when
 * nothing changed.
 */
export async function changedFilesReminder(
  options: ChangedFilesOptions,
): Promise<{ text: string; changed: ChangedFile[] } | undefined> {
  const maxFiles = options.maxFiles ?? 5;
  const maxDiffLines = options.maxDiffLines ?? 20;
  const changed: ChangedFile[] = [];
  const sections: string[] = [];
  const watched = options.cache.recent(options.maxWatched ?? watchedFiles);
  // Stats run together: one turn waits for the slowest, not for their sum.
  const stats = await Promise.all(
    watched.map(([path]) => options.workspace.stat(path).catch(() => undefined)),
  );
  for (const [index, [path, snapshot]] of watched.entries()) {
    const stat = stats[index];
    if (stat === undefined || stat.kind !== 'file') {
      options.cache.delete(path);
      changed.push({ path, kind: 'deleted' });
      if (changed.length <= maxFiles) sections.push(`${path} was deleted.`);
      continue;
    }
    if (stat.mtimeMs === snapshot.mtimeMs) continue;
    const content = await readText(options.workspace, path);
    if (content === undefined || content === snapshot.content) continue;
    changed.push({ path, kind: 'modified' });
    if (snapshot.partial) {
      options.cache.delete(path);
      if (changed.length <= maxFiles) sections.push(`${path} changed; read it again before editing it.`);
      continue;
    }
    options.cache.recordNotice(path, { content, mtimeMs: stat.mtimeMs });
    if (changed.length <= maxFiles)
      sections.push(`${path} changed:\n${shortDiff(snapshot.content, content, maxDiffLines)}`);
  }
  if (changed.length === 0) return undefined;
  if (changed.length > maxFiles) sections.push(`… and ${changed.length - maxFiles} more changed files.`);
  const text = wrapSystemReminder(
    `Files you read were changed outside this conversation (by the user or a tool). Take the changes into account; do not revert them unless asked.\n\n${sections.join('\n\n')}`,
  );
  return { text, changed };
}

function shortDiff(before: string, after: string, maxLines: number): string {
  const patch = structuredPatch('before', 'after', before, after, '', '', { context: 1 });
  const lines: string[] = [];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`, ...hunk.lines);
  }
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines) shown.push(`[… ${lines.length - maxLines} more diff lines]`);
  return neutralizeReminderTags(shown.join('\n'));
}

async function readText(workspace: Pick<Workspace, 'readFile'>, path: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode((await workspace.readFile(path)).bytes);
  } catch {
    return undefined;
  }
}

import * as vscode from 'vscode';
import type { PendingHunkView } from './inline-review';

/** A fenced code block that no backtick run inside `lines` can close early. */
export function fencedCode(lines: readonly string[], languageId: string): string {
  const longest = Math.max(
    0,
    ...lines.map((line) => Math.max(0, ...[...line.matchAll(/`+/g)].map((run) => run[0].length))),
  );
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${languageId}\n${lines.join('\n')}\n${fence}`;
}

/** The hunk as `-`/`+` lines in a diff block, for hovers and tooltips. */
export function hunkMarkdown(hunk: PendingHunkView, title: string): vscode.MarkdownString {
  const lines = [...hunk.removed.map((line) => `-${line}`), ...hunk.added.map((line) => `+${line}`)];
  const markdown = new vscode.MarkdownString(`**${title}**\n\n${fencedCode(lines, 'diff')}`);
  if (hunk.conflict) markdown.appendMarkdown(`\n\n$(warning) ${hunk.conflict}`);
  markdown.supportThemeIcons = true;
  return markdown;
}

/** "Change 2 of 5 · +3 −1": how the person and the model name a hunk. */
export function hunkTitle(hunk: PendingHunkView): string {
  const counts = [
    hunk.added.length > 0 ? `+${hunk.added.length}` : '',
    hunk.removed.length > 0 ? `−${hunk.removed.length}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  return `Change ${hunk.index} of ${hunk.count} · ${counts}`;
}

/** The line a hunk's controls sit on: its first removed line, or the line its insertion goes before. */
export function anchorLine(hunk: PendingHunkView, lineCount: number): number {
  return Math.max(0, Math.min(hunk.start, lineCount - 1));
}

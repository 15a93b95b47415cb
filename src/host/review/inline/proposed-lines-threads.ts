import * as vscode from 'vscode';
import { Disposable } from '../../base/disposable';
import type { HunkTarget, PendingFileView, PendingHunkView } from './inline-review';
import { fencedCode, hunkTitle } from './proposed-text';

/** The comment controller's id, for `commentController == …` in package.json menus. */
export const proposedLinesControllerId = 'tandem.review';

interface Shown {
  thread: vscode.CommentThread;
  target: HunkTarget;
  /** What the thread shows, to skip updates that change nothing while the person types. */
  body: string;
}

/** What an editor shows of a file: its length and the line ranges on screen (0-based, inclusive). */
export interface VisibleFile {
  lineCount: number;
  visible: readonly { start: number; end: number }[];
}

/** Lines above and below the screen within which blocks are made ahead of scrolling. */
const margin = 100;

/** The line a hunk's block sits under: its last replaced line, or the line before an insertion. */
function blockLine(hunk: PendingHunkView, lineCount: number): number {
  const under = hunk.removed.length > 0 ? hunk.start + hunk.removed.length - 1 : hunk.start - 1;
  return Math.max(0, Math.min(lineCount - 1, under));
}

function keyOf(target: HunkTarget): string {
  return `${target.uri}#${target.proposalId}#${target.index}`;
}

/**
 * The proposed lines of each pending hunk as a block right under the lines they replace, in the
 * file's own syntax colours: an expanded, read-only comment thread — the one inline zone the
 * stable API offers (the GitHub extension shows suggested changes the same way). Its title bar
 * carries Accept and Reject (package.json, `comments/commentThread/title`).
 */
export class ProposedLinesThreads extends Disposable {
  readonly #controller = this._register(
    vscode.comments.createCommentController(proposedLinesControllerId, 'Tandem proposed changes'),
  );
  readonly #shown = new Map<string, Shown>();

  /** The blocks shown in `uri`: the line each sits under, its title, and the proposed lines. */
  blocks(uri: vscode.Uri): { line: number; label: string; body: string }[] {
    return [...this.#shown.values()]
      .filter((shown) => shown.thread.uri.toString() === uri.toString())
      .map((shown) => ({
        line: shown.thread.range?.start.line ?? -1,
        label: shown.thread.label ?? '',
        body: shown.body,
      }))
      .sort((a, b) => a.line - b.line);
  }

  /** The hunk a thread shows, for commands run from its title bar. */
  targetOf(thread: vscode.CommentThread): HunkTarget | undefined {
    for (const shown of this.#shown.values()) if (shown.thread === thread) return shown.target;
    return undefined;
  }

  /**
   * Shows a thread for each pending hunk that adds lines and sits within `margin` lines of what an
   * editor shows of its file; a thread once shown stays until its hunk is decided, so scrolling back
   * never moves the text. Threads of decided hunks go. Each thread is an editor zone the workbench
   * lays out and colours, so a 200-hunk file gets the few the person can see, not 200.
   */
  render(files: readonly PendingFileView[], editors: ReadonlyMap<string, VisibleFile>): void {
    const pending = new Set<string>();
    for (const file of files) {
      const shown = editors.get(file.uri.toString());
      for (const hunk of file.hunks) {
        if (hunk.added.length === 0) continue;
        const key = keyOf(hunk);
        pending.add(key);
        const line = blockLine(hunk, shown?.lineCount ?? 1);
        const near =
          shown?.visible.some((range) => range.start - margin <= line && line <= range.end + margin) ?? false;
        if (shown && (near || this.#shown.has(key))) this.#show(key, file, hunk, line);
      }
    }
    for (const [key, shown] of this.#shown) {
      if (pending.has(key)) continue;
      shown.thread.dispose();
      this.#shown.delete(key);
    }
  }

  #show(key: string, file: PendingFileView, hunk: PendingHunkView, line: number): void {
    const range = new vscode.Range(line, 0, line, 0);
    const code = fencedCode(hunk.added, file.languageId);
    const body = hunk.conflict ? `${code}\n\n$(warning) ${hunk.conflict}` : code;
    const label = `${hunkTitle(hunk)}${hunk.start === 0 && hunk.removed.length === 0 ? ' · goes above line 1' : ''}`;
    const contextValue = hunk.conflict ? 'tandem-hunk-conflict' : 'tandem-hunk';
    const shown = this.#shown.get(key);
    if (shown) {
      if (!shown.thread.range?.isEqual(range)) shown.thread.range = range;
      if (shown.thread.label !== label) shown.thread.label = label;
      if (shown.thread.contextValue !== contextValue) shown.thread.contextValue = contextValue;
      if (shown.body !== body) {
        shown.thread.comments = [this.#comment(body)];
        shown.body = body;
      }
      return;
    }
    const thread = this.#controller.createCommentThread(file.uri, range, [this.#comment(body)]);
    thread.canReply = false;
    thread.label = label;
    thread.contextValue = contextValue;
    thread.collapsibleState = vscode.CommentThreadCollapsibleState.Expanded;
    this.#shown.set(key, {
      thread,
      target: { uri: hunk.uri, proposalId: hunk.proposalId, index: hunk.index },
      body,
    });
  }

  #comment(body: string): vscode.Comment {
    const markdown = new vscode.MarkdownString(body);
    markdown.supportThemeIcons = true;
    return {
      body: markdown,
      mode: vscode.CommentMode.Preview,
      author: { name: 'Tandem proposes' },
      contextValue: 'tandem-proposed-lines',
    };
  }

  override dispose(): void {
    for (const shown of this.#shown.values()) shown.thread.dispose();
    this.#shown.clear();
    super.dispose();
  }
}

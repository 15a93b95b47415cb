import * as vscode from 'vscode';
import type { DecisionResult, HunkTarget, InlineReview, PendingHunkView } from './inline-review';
import type { PendingNode } from './pending-changes-tree';
import type { ProposedLinesThreads } from './proposed-lines-threads';
import { reviewCommandIds } from './review-command-ids';

function isTarget(value: unknown): value is HunkTarget {
  const record = value as Partial<HunkTarget> | undefined;
  return (
    typeof record?.uri === 'string' &&
    typeof record.proposalId === 'string' &&
    typeof record.index === 'number'
  );
}

function isNode(value: unknown): value is PendingNode {
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  return kind === 'file' || kind === 'hunk';
}

function covers(hunk: PendingHunkView, line: number): boolean {
  return hunk.start <= line && line < hunk.start + Math.max(1, hunk.removed.length);
}

async function report(result: DecisionResult): Promise<void> {
  if (!result.ok) await vscode.window.showWarningMessage(`Tandem: ${result.problem}`);
  else if (result.notice) await vscode.window.showInformationMessage(`Tandem: ${result.notice}`);
}

/**
 * The inline review's commands. Each takes what its caller has — a CodeLens's target, a tree row,
 * a comment thread, a file's URI — or, from the keyboard and the palette, the hunk or file at the
 * cursor.
 */
export function registerInlineReviewCommands(
  review: InlineReview,
  threads: ProposedLinesThreads,
): vscode.Disposable[] {
  const targetOf = (argument: unknown): HunkTarget | undefined => {
    if (isTarget(argument)) return argument;
    if (isNode(argument) && argument.kind === 'hunk') return argument.hunk;
    if (argument && typeof argument === 'object' && 'uri' in argument && 'range' in argument) {
      return threads.targetOf(argument as vscode.CommentThread);
    }
    return hunkAtCursor();
  };
  const hunkAtCursor = (): PendingHunkView | undefined => {
    const editor = vscode.window.activeTextEditor;
    const hunks = editor ? (review.fileOf(editor.document.uri)?.hunks ?? []) : [];
    const line = editor?.selection.active.line ?? 0;
    return (
      hunks.find((hunk) => covers(hunk, line)) ?? hunks.find((hunk) => hunk.start > line) ?? hunks.at(-1)
    );
  };
  const uriOf = (argument: unknown): vscode.Uri | undefined => {
    if (argument instanceof vscode.Uri) return argument;
    if (isNode(argument))
      return argument.kind === 'file' ? argument.file.uri : vscode.Uri.parse(argument.hunk.uri);
    return vscode.window.activeTextEditor?.document.uri;
  };
  const decideHunk = (decision: 'accept' | 'reject') => async (argument?: unknown) => {
    const target = targetOf(argument);
    if (target) await report(await review.decide(target, decision));
  };
  const decideFile = (decision: 'accept' | 'reject') => async (argument?: unknown) => {
    const uri = uriOf(argument);
    if (uri) await report(await review.decideFile(uri, decision));
  };
  const reveal = async (hunk: HunkTarget): Promise<void> => {
    await review.reveal(hunk);
  };
  // Hunks are ordered by file (as listed) then line; next and previous wrap around.
  const step = (direction: 1 | -1) => async () => {
    const files = review.files();
    const editor = vscode.window.activeTextEditor;
    const here = files.findIndex((file) => file.uri.toString() === editor?.document.uri.toString());
    const line = editor?.selection.active.line ?? 0;
    const ordered = files.flatMap((file, fileIndex) => file.hunks.map((hunk) => ({ fileIndex, hunk })));
    const after = ({ fileIndex, hunk }: (typeof ordered)[number]): boolean =>
      fileIndex > here || (fileIndex === here && hunk.start > line);
    const before = ({ fileIndex, hunk }: (typeof ordered)[number]): boolean =>
      fileIndex < here || (fileIndex === here && hunk.start < line);
    const next =
      direction === 1
        ? (ordered.find(after) ?? ordered[0])
        : ([...ordered].reverse().find(before) ?? ordered.at(-1));
    if (next) await reveal(next.hunk);
  };
  return [
    vscode.commands.registerCommand(reviewCommandIds.acceptHunk, decideHunk('accept')),
    vscode.commands.registerCommand(reviewCommandIds.rejectHunk, decideHunk('reject')),
    vscode.commands.registerCommand(reviewCommandIds.acceptFile, decideFile('accept')),
    vscode.commands.registerCommand(reviewCommandIds.rejectFile, decideFile('reject')),
    vscode.commands.registerCommand(reviewCommandIds.acceptAll, async () =>
      report(await review.decideAll('accept')),
    ),
    vscode.commands.registerCommand(reviewCommandIds.rejectAll, async () =>
      report(await review.decideAll('reject')),
    ),
    vscode.commands.registerCommand(reviewCommandIds.nextHunk, step(1)),
    vscode.commands.registerCommand(reviewCommandIds.previousHunk, step(-1)),
    vscode.commands.registerCommand(reviewCommandIds.reveal, async (argument?: unknown) => {
      const target = targetOf(argument);
      if (target) await reveal(target);
    }),
  ];
}

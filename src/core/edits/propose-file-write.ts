/**
 * The one way the file tools change a file: build the unified diff, hand the proposal to the
 * session's FileWriter (which may write, ask, or let the person edit it), then record the result in
 * the file-state cache so the next edit's guards see it.
 */
import { createTwoFilesPatch } from 'diff';
import type { HunkReport } from '../review/hunk-report';
import { describeHunkReport } from '../review/hunk-report';
import type { ToolContext } from '../tools/tool';
import type { TextFormat } from './text-codec';
import { encodeText } from './text-codec';

/** A whole-file change: before/after as decoded text, written back in `format`. */
export interface FileWriteProposal {
  path: string;
  /** undefined for a new file. */
  before: string | undefined;
  /** undefined for a deletion. */
  after: string | undefined;
  format: TextFormat;
}

/**
 * What became of a proposal; `diff` is what was proposed, `userDiff` what the person changed, and
 * `hunks` which hunks they accepted and rejected when they reviewed it hunk by hunk.
 */
export type FileWriteResult =
  | {
      kind: 'written';
      content: string | undefined;
      modifiedByUser: boolean;
      diff: string;
      userDiff: string | undefined;
      hunks?: HunkReport;
      /** Reminders about the write from the host, passed on to the model. */
      notes?: string[];
    }
  | { kind: 'rejected'; reason: string };

/** A unified diff of one file, labelled with its path. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  return createTwoFilesPatch(path, path, before ?? '', after ?? '', undefined, undefined, { context: 3 });
}

/**
 * Proposes the write and waits for the outcome. On success the file-state cache records the written
 * text with its new mtime (a deletion forgets the file). `userDiff` shows what the person changed.
 */
export async function proposeFileWrite(
  context: ToolContext,
  proposal: FileWriteProposal,
): Promise<FileWriteResult> {
  const diff = unifiedDiff(proposal.path, proposal.before, proposal.after);
  const outcome = await context.writer.propose(
    {
      toolUseId: context.toolUseId,
      path: proposal.path,
      before: proposal.before,
      after: proposal.after,
      diff,
      encode: (text) => encodeText(text, proposal.format),
    },
    context.signal,
  );
  if (outcome.kind === 'rejected') return { kind: 'rejected', reason: outcome.reason };
  const content = outcome.content;
  if (content === undefined) {
    context.fileState.delete(proposal.path);
  } else {
    const stat = await context.workspace.stat(proposal.path);
    await context.fileState.recordWrite(proposal.path, {
      before: proposal.before,
      content,
      mtimeMs: stat?.mtimeMs ?? context.clock.now(),
    });
  }
  const modified = outcome.modifiedByUser && content !== proposal.after;
  const userDiff = modified ? unifiedDiff(proposal.path, proposal.after, content) : undefined;
  return {
    kind: 'written',
    content,
    modifiedByUser: modified,
    diff,
    userDiff,
    ...(outcome.hunks ? { hunks: outcome.hunks } : {}),
    ...(outcome.notes?.length ? { notes: outcome.notes } : {}),
  };
}

/**
 * The model-facing account of a write beyond "written": which hunks were applied and which were
 * not, when the person reviewed hunk by hunk (otherwise the diff of their edits to the proposal),
 * then the host's notes about it. Empty when there is nothing to add; else starts with a newline.
 */
export function describeWriteOutcome(result: FileWriteResult): string {
  if (result.kind !== 'written') return '';
  const parts: string[] = [];
  if (result.hunks) {
    const report = describeHunkReport(result.hunks);
    if (report !== '') parts.push(report);
  } else if (result.userDiff) {
    parts.push(
      `The person edited your proposal before accepting it; the file holds their version. Their changes to your proposal:\n${result.userDiff}`,
    );
  }
  parts.push(...(result.notes ?? []));
  return parts.map((part) => `\n${part}`).join('');
}

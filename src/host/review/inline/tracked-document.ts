import * as vscode from 'vscode';
import { DocumentReview } from '../../../core/review/document-review';
import type { HunkReport } from '../../../core/review/hunk-report';
import type { ProposalReview } from '../../../core/review/proposal-review';
import type { LineBreak } from '../../../core/review/text-lines';
import { splitLines } from '../../../core/review/text-lines';

/** A proposed edit of an existing file, to be reviewed in its editor. */
export interface InlineProposalRequest {
  /** The review request's id, shared with the panel's card for the same proposal. */
  id: string;
  /** The chat that proposed it, for "accept all of this chat". */
  chatId?: string;
  /** Absolute file-system path. */
  path: string;
  /** The text the proposal was made against, and the proposed text. */
  before: string;
  after: string;
  /** Encodes text the way the file is stored (encoding, BOM). */
  encode(text: string): Uint8Array;
}

/** How an inline review ended: what the document holds and which hunks are in it. */
export interface InlineOutcome {
  /** At least one hunk was written. */
  written: boolean;
  /** The document's text when the review ended. */
  content: string;
  report: HunkReport;
}

/** A proposal under review and how to settle whoever waits for it. */
export interface TrackedProposal {
  readonly request: InlineProposalRequest;
  readonly review: ProposalReview;
  settle(outcome: InlineOutcome): void;
}

/** The line break of a document, as the hunk model spells it. */
export function lineBreakOf(document: vscode.TextDocument): LineBreak {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, index) => line === b[index]);
}

/**
 * One document under inline review: the composed review of its proposals, kept in step with the
 * document's edits, and a queue so that one write finishes (and its edits are followed) before the
 * next decision reads the document.
 */
export class TrackedDocument {
  readonly uri: vscode.Uri;
  readonly review: DocumentReview;
  readonly proposals = new Map<string, TrackedProposal>();
  /** The document's language when the review began, for colouring proposed lines. */
  languageId: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(document: vscode.TextDocument) {
    this.uri = document.uri;
    this.languageId = document.languageId;
    this.review = new DocumentReview(document.getText());
  }

  /** Follows one change event; starts over from the text when the line counts no longer agree. */
  follow(event: vscode.TextDocumentChangeEvent): void {
    // The events' ranges are applied one after another, as the extension host's own copy does.
    for (const change of event.contentChanges) {
      this.review.applyChange({
        startLine: change.range.start.line,
        startCharacter: change.range.start.character,
        endLine: change.range.end.line,
        endCharacter: change.range.end.character,
        text: change.text,
      });
    }
    if (this.review.lines.length !== event.document.lineCount) this.review.resync(event.document.getText());
  }

  /**
   * Catches up with the document's text when it changed without events reaching us (it was closed
   * and reopened after a change on disk): the difference is followed like an edit.
   */
  catchUp(document: vscode.TextDocument): void {
    const text = document.getText();
    if (!sameLines(this.review.lines, splitLines(text))) this.review.resync(text);
    this.languageId = document.languageId;
  }

  /** Runs `task` after every task queued before it, whatever became of those. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(task, task);
    this.#queue = next.catch(() => undefined);
    return next;
  }
}

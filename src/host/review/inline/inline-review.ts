import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Workspace } from '../../../core/ports';
import type { ReviewHunk } from '../../../core/review/proposal-review';
import { joinLines, splitLines } from '../../../core/review/text-lines';
import { Disposable } from '../../base/disposable';
import type { InlineOutcome, InlineProposalRequest, TrackedProposal } from './tracked-document';
import { lineBreakOf, TrackedDocument } from './tracked-document';

/** Names one hunk of one proposal: what the CodeLens, tree and commands pass around. */
export interface HunkTarget {
  uri: string;
  proposalId: string;
  index: number;
}

/** A pending hunk as the editor shows it. */
export interface PendingHunkView extends HunkTarget {
  chatId: string | undefined;
  /** Hunks in its proposal. */
  count: number;
  /** 0-based line of its removed lines now (an insertion goes before this line). */
  start: number;
  removed: readonly string[];
  added: readonly string[];
  /** Why it can no longer be applied, when the person changed its lines. */
  conflict: string | undefined;
}

/** A file with pending hunks, top to bottom. */
export interface PendingFileView {
  uri: vscode.Uri;
  languageId: string;
  hunks: PendingHunkView[];
}

/** What a decision did: done (with a note for the person when only part applied), or refused and why. */
export type DecisionResult = { ok: true; notice?: string } | { ok: false; problem: string };

/** A proposal shown inline; whoever asked waits on `settled`. */
export interface InlineProposal {
  readonly id: string;
  readonly uri: vscode.Uri;
  /** Resolves once every hunk is decided, or the proposal was dismissed. Never rejects. */
  readonly settled: Promise<InlineOutcome>;
  /** True once a hunk was accepted or rejected in the editor. */
  readonly decided: boolean;
  /** Its hunks, and how many were accepted and rejected so far. */
  counts(): { total: number; accepted: number; rejected: number };
  /** The first hunk still waiting, for "Review in editor". */
  firstPending(): HunkTarget | undefined;
  /** Accepts every pending hunk that still applies (the panel's Accept). */
  acceptRemaining(): Promise<DecisionResult>;
  rejectRemaining(reason?: string): Promise<DecisionResult>;
  /** Takes the preview away, settling with what was decided so far (the rest counts as unreviewed). */
  dispose(): void;
}

const gone: DecisionResult = { ok: false, problem: 'This change is no longer waiting for review.' };

function list(indices: readonly number[]): string {
  return indices.length === 1 ? `Change ${indices[0]}` : `Changes ${indices.join(', ')}`;
}

/**
 * Inline review: proposals shown in the real editor before anything is written. The file and its
 * undo stack are untouched until the person accepts a hunk; then exactly the accepted hunks are
 * written through the Workspace port (a WorkspaceEdit, one undo step). Hunks follow the person's
 * typing; several proposals on one file compose (see DocumentReview).
 */
export class InlineReview extends Disposable {
  readonly #documents = new Map<string, TrackedDocument>();
  readonly #onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires after anything shown changed: a proposal, a decision, or the lines under a hunk. */
  readonly onDidChange = this.#onDidChange.event;

  constructor(private readonly workspace: Workspace) {
    super();
    this._register(
      vscode.workspace.onDidChangeTextDocument((event) => {
        const tracked = this.#documents.get(event.document.uri.toString());
        if (!tracked || event.contentChanges.length === 0) return;
        tracked.follow(event);
        this.#onDidChange.fire();
      }),
    );
    this._register(
      vscode.workspace.onDidOpenTextDocument((document) => {
        this.#documents.get(document.uri.toString())?.catchUp(document);
      }),
    );
  }

  /** Shows a proposal for an existing text file inline; undefined when it changes nothing there. */
  async open(request: InlineProposalRequest): Promise<InlineProposal | undefined> {
    const uri = vscode.Uri.file(request.path);
    const document = await vscode.workspace.openTextDocument(uri);
    const key = uri.toString();
    const tracked = this.#documents.get(key) ?? new TrackedDocument(document);
    tracked.catchUp(document);
    const review = tracked.review.add(request.id, { before: request.before, after: request.after });
    if (review.hunks.length === 0) {
      tracked.review.remove(request.id);
      return undefined;
    }
    this.#documents.set(key, tracked);
    let settle: (outcome: InlineOutcome) => void = () => {};
    const settled = new Promise<InlineOutcome>((resolve) => (settle = resolve));
    tracked.proposals.set(request.id, { request, review, settle });
    this.#onDidChange.fire();
    const target = { uri: key, proposalId: request.id };
    return {
      id: request.id,
      uri,
      settled,
      get decided() {
        return review.hunks.some((hunk) => hunk.status !== 'pending');
      },
      counts: () => ({
        total: review.hunks.length,
        accepted: review.hunks.filter((hunk) => hunk.status === 'accepted').length,
        rejected: review.hunks.filter((hunk) => hunk.status === 'rejected').length,
      }),
      firstPending: () => {
        const [first] = review.pending;
        return first ? { ...target, index: first.index } : undefined;
      },
      acceptRemaining: () => this.decideProposal(target, 'accept'),
      rejectRemaining: (reason) => this.decideProposal(target, 'reject', reason),
      dispose: () => void this.#end(tracked, request.id),
    };
  }

  /** Opens the hunk's file and puts the cursor on it; false when it no longer waits. */
  async reveal(target: HunkTarget): Promise<boolean> {
    const hunk = this.fileOf(vscode.Uri.parse(target.uri))?.hunks.find(
      (candidate) => candidate.proposalId === target.proposalId && candidate.index === target.index,
    );
    if (!hunk) return false;
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(hunk.uri), { preview: false });
    const line = Math.max(0, Math.min(hunk.start, editor.document.lineCount - 1));
    const position = new vscode.Position(line, 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(
      new vscode.Range(position, position),
      vscode.TextEditorRevealType.InCenterIfOutsideViewport,
    );
    return true;
  }

  /** Every file with pending hunks. */
  files(): PendingFileView[] {
    return [...this.#documents.values()]
      .map((tracked) => this.#view(tracked))
      .filter((file) => file.hunks.length > 0);
  }

  /** The pending hunks of one document, top to bottom (none when it is not under review). */
  fileOf(uri: vscode.Uri): PendingFileView | undefined {
    const tracked = this.#documents.get(uri.toString());
    return tracked ? this.#view(tracked) : undefined;
  }

  /** Accepts or rejects one hunk. */
  decide(target: HunkTarget, decision: 'accept' | 'reject', reason?: string): Promise<DecisionResult> {
    return this.decideHunks(target, [target.index], decision, reason);
  }

  /** Accepts (in one write, one undo step) or rejects several hunks of one proposal. */
  decideHunks(
    target: { uri: string; proposalId: string },
    indices: readonly number[],
    decision: 'accept' | 'reject',
    reason?: string,
  ): Promise<DecisionResult> {
    const tracked = this.#documents.get(target.uri);
    if (!tracked) return Promise.resolve(gone);
    return tracked.run(async () => {
      const proposal = tracked.proposals.get(target.proposalId);
      if (!proposal) return gone;
      if (decision === 'reject')
        return this.#finish(tracked, proposal, proposal.review.reject(indices, reason));
      return this.#accept(tracked, proposal, [...indices]);
    });
  }

  /**
   * Decides every pending hunk of one proposal. Accepting drops hunks whose lines the person
   * changed (they can never apply) and says so in the notice.
   */
  decideProposal(
    target: { uri: string; proposalId: string },
    decision: 'accept' | 'reject',
    reason?: string,
  ): Promise<DecisionResult> {
    const tracked = this.#documents.get(target.uri);
    if (!tracked) return Promise.resolve(gone);
    return tracked.run(async () => {
      const proposal = tracked.proposals.get(target.proposalId);
      if (!proposal) return gone;
      const pending = proposal.review.pending;
      if (decision === 'reject') {
        return this.#finish(
          tracked,
          proposal,
          proposal.review.reject(
            pending.map((hunk) => hunk.index),
            reason,
          ),
        );
      }
      const conflicts = pending.filter((hunk) => hunk.conflict).map((hunk) => hunk.index);
      proposal.review.reject(conflicts);
      const notice =
        conflicts.length === 0
          ? undefined
          : `${list(conflicts)} of ${basename(proposal.request.path)} not applied: their lines changed after Tandem proposed them.`;
      const applicable = pending.filter((hunk) => !hunk.conflict).map((hunk) => hunk.index);
      const result =
        applicable.length === 0
          ? this.#finish(tracked, proposal, { ok: true })
          : await this.#accept(tracked, proposal, applicable);
      return result.ok && notice ? { ok: true, notice } : result;
    });
  }

  /** Decides every proposal on one file (Accept file / Reject file). */
  async decideFile(uri: vscode.Uri, decision: 'accept' | 'reject'): Promise<DecisionResult> {
    const tracked = this.#documents.get(uri.toString());
    if (!tracked) return gone;
    return this.#all(
      [...tracked.proposals.keys()].map((proposalId) => ({ uri: uri.toString(), proposalId })),
      decision,
    );
  }

  /** Decides every pending proposal, or those of one chat (Accept all / Reject all of a turn). */
  decideAll(decision: 'accept' | 'reject', chatId?: string): Promise<DecisionResult> {
    const targets = [...this.#documents.entries()].flatMap(([uri, tracked]) =>
      [...tracked.proposals.values()]
        .filter((proposal) => chatId === undefined || proposal.request.chatId === chatId)
        .map((proposal) => ({ uri, proposalId: proposal.request.id })),
    );
    return this.#all(targets, decision);
  }

  async #all(
    targets: { uri: string; proposalId: string }[],
    decision: 'accept' | 'reject',
  ): Promise<DecisionResult> {
    const problems: string[] = [];
    const notices: string[] = [];
    for (const target of targets) {
      const result = await this.decideProposal(target, decision);
      if (!result.ok) problems.push(result.problem);
      else if (result.notice) notices.push(result.notice);
    }
    if (problems.length > 0) return { ok: false, problem: [...problems, ...notices].join(' ') };
    return notices.length > 0 ? { ok: true, notice: notices.join(' ') } : { ok: true };
  }

  async #accept(
    tracked: TrackedDocument,
    proposal: TrackedProposal,
    indices: number[],
  ): Promise<DecisionResult> {
    const document = await vscode.workspace.openTextDocument(tracked.uri);
    tracked.catchUp(document);
    const before = document.getText();
    const result = proposal.review.accept(indices, splitLines(before));
    if (!result.ok) return result;
    try {
      const text = joinLines(result.lines, lineBreakOf(document));
      await this.workspace.writeFile(proposal.request.path, proposal.request.encode(text));
    } catch (error) {
      // Nothing reached the document: the hunks wait again. Otherwise they are in it, unsaved.
      if (document.getText() === before) proposal.review.restore(indices);
      const message = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        problem: `${list(indices)} could not be written to ${basename(proposal.request.path)}: ${message}`,
      };
    }
    return this.#finish(tracked, proposal, { ok: true });
  }

  /** After a decision: settles the proposal once nothing is pending, and tells the views. */
  #finish(tracked: TrackedDocument, proposal: TrackedProposal, result: DecisionResult): DecisionResult {
    if (proposal.review.settled) this.#end(tracked, proposal.request.id);
    this.#onDidChange.fire();
    return result;
  }

  #end(tracked: TrackedDocument, proposalId: string): void {
    const proposal = tracked.proposals.get(proposalId);
    if (!proposal) return;
    tracked.proposals.delete(proposalId);
    tracked.review.remove(proposalId);
    if (tracked.proposals.size === 0 && this.#documents.get(tracked.uri.toString()) === tracked) {
      this.#documents.delete(tracked.uri.toString());
    }
    const document = vscode.workspace.textDocuments.find(
      (open) => open.uri.toString() === tracked.uri.toString(),
    );
    const content = document?.getText() ?? tracked.review.lines.join('\n');
    const lines = splitLines(content);
    const written = proposal.review.hunks.some((hunk) => hunk.status === 'accepted');
    proposal.settle({ written, content, report: proposal.review.report(lines) });
    this.#onDidChange.fire();
  }

  #view(tracked: TrackedDocument): PendingFileView {
    const uri = tracked.uri.toString();
    const hunks = tracked.review.pendingHunks().map(({ proposalId, hunk }) => {
      const proposal = tracked.proposals.get(proposalId);
      return viewOf(uri, proposalId, proposal?.request.chatId, proposal?.review.hunks.length ?? 0, hunk);
    });
    return { uri: tracked.uri, languageId: tracked.languageId, hunks };
  }
}

function viewOf(
  uri: string,
  proposalId: string,
  chatId: string | undefined,
  count: number,
  hunk: ReviewHunk,
): PendingHunkView {
  return {
    uri,
    proposalId,
    chatId,
    index: hunk.index,
    count,
    start: hunk.start,
    removed: hunk.removed,
    added: hunk.added,
    conflict: hunk.conflict,
  };
}

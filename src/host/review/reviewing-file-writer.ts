import { basename } from 'node:path';
import { decodeText } from '../../core/edits/text-codec';
import type { Workspace } from '../../core/ports';
import type { FileWriter, ProposedWrite, WriteOutcome } from '../../core/tools/file-writer';
import type { AcceptedEdit, ApplyResult, EditReviewer } from './edit-reviewer';
import { rebaseEdit } from './rebase-edit';

/** The file as it is now: its text (unsaved typing included) and whether that is unsaved. */
type CurrentFile = { exists: false } | { exists: true; text: string; dirty: boolean };

/**
 * Writes only what the person accepts in the review (panel preview or diff editor). When the file
 * changed while the proposal waited — the person typed in it, saved or not — the proposal is
 * re-based onto the file as it is now, so both changes survive; overlapping changes are refused
 * with a message that says where, and the proposal stays open. Never throws.
 */
export class ReviewingFileWriter implements FileWriter {
  constructor(
    private readonly workspace: Workspace,
    private readonly reviewer: EditReviewer,
  ) {}

  propose(edit: ProposedWrite, signal: AbortSignal): Promise<WriteOutcome> {
    return this.reviewer.review(edit, (accepted) => this.#apply(edit, accepted), signal);
  }

  async #apply(edit: ProposedWrite, accepted: AcceptedEdit): Promise<ApplyResult> {
    const name = basename(edit.path);
    const current = await this.#current(edit.path);
    if (edit.before === undefined) {
      if (current.exists) return { kind: 'conflict', problem: `${name} was created while the edit waited.` };
      return this.#write(edit, accepted, accepted.content);
    }
    if (!current.exists) return { kind: 'conflict', problem: `${name} was deleted while the edit waited.` };
    if (current.text === edit.before) return this.#write(edit, accepted, accepted.content);
    const yours = current.dirty ? 'your unsaved changes' : 'the changes made';
    if (accepted.content === undefined) {
      return { kind: 'conflict', problem: `Not deleted: ${yours} to ${name} came after the proposal.` };
    }
    const rebased = rebaseEdit({ base: edit.before, current: current.text, proposed: accepted.content });
    if (rebased.kind === 'overlap') {
      const { first, last } = rebased.lines;
      const where = first === last ? `line ${first}` : `lines ${first}–${last}`;
      return {
        kind: 'conflict',
        problem: `Not applied: ${yours} to ${name} (${where}) overlap this edit. Change the file or the proposal (Open diff) and Accept again, or Reject.`,
      };
    }
    const written = await this.#write(edit, { content: rebased.text, modifiedByUser: true }, rebased.text);
    return written.kind === 'written' ? { ...written, detail: `Merged with ${yours} to ${name}.` } : written;
  }

  async #write(
    edit: ProposedWrite,
    accepted: AcceptedEdit,
    content: string | undefined,
  ): Promise<ApplyResult> {
    try {
      if (content === undefined) await this.workspace.deleteFile(edit.path);
      else await this.workspace.writeFile(edit.path, edit.encode(content));
    } catch (error) {
      return {
        kind: 'failed',
        reason: `Writing ${edit.path} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    return {
      kind: 'written',
      content,
      modifiedByUser: accepted.modifiedByUser,
      ...(accepted.modifiedByUser && content !== edit.after ? { detail: 'Your version was written.' } : {}),
    };
  }

  async #current(path: string): Promise<CurrentFile> {
    if ((await this.workspace.stat(path)) === undefined) return { exists: false };
    const file = await this.workspace.readFile(path);
    return { exists: true, text: decodeText(file.bytes).text, dirty: file.dirty === true };
  }
}

import type { Reviewer, Workspace } from '../../core/ports';
import type { FileWriter, ProposedWrite, WriteOutcome } from '../../core/tools/file-writer';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let index = 0; index < a.byteLength; index += 1) if (a[index] !== b[index]) return false;
  return true;
}

/** Message the model gets when a file changed under a waiting proposal. */
export const changedWhileWaitingMessage =
  'The file changed on disk while the edit waited for review, so the edit was not applied. Read the file again and propose the edit against its current content.';

/**
 * Writes only what the person accepts in the review (panel preview or diff editor), and refuses
 * when the file changed while the proposal waited (compared with the content it was based on),
 * so an accepted proposal never overwrites someone else's newer change. Never throws for a
 * rejection; a failed write is reported as a rejection with the reason.
 */
export class ReviewingFileWriter implements FileWriter {
  constructor(
    private readonly workspace: Workspace,
    private readonly reviewer: Reviewer,
  ) {}

  async propose(edit: ProposedWrite, signal: AbortSignal): Promise<WriteOutcome> {
    const answer = await this.reviewer.review(edit, signal);
    if (answer.kind === 'reject') {
      return { kind: 'rejected', reason: answer.reason ?? 'The person rejected the edit.' };
    }
    if (await this.#changedSince(edit)) return { kind: 'rejected', reason: changedWhileWaitingMessage };
    const content = answer.kind === 'accept-modified' ? answer.content : edit.after;
    try {
      if (content === undefined) await this.workspace.deleteFile(edit.path);
      else await this.workspace.writeFile(edit.path, edit.encode(content));
    } catch (error) {
      return {
        kind: 'rejected',
        reason: `Writing ${edit.path} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    return { kind: 'written', content, modifiedByUser: answer.kind === 'accept-modified' };
  }

  async #changedSince(edit: ProposedWrite): Promise<boolean> {
    const stat = await this.workspace.stat(edit.path);
    if (edit.before === undefined) return stat !== undefined;
    if (stat === undefined) return true;
    const current = await this.workspace.readFile(edit.path);
    return !sameBytes(current.bytes, edit.encode(edit.before));
  }
}

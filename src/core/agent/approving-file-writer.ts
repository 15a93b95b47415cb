import type { Approver, Workspace } from '../ports';
import type { FileWriter, ProposedWrite, WriteOutcome } from '../tools/file-writer';

/**
 * Asks the person through the Approver with the edit's diff, then writes. Used where there is no
 * diff panel (the CLI); in the editor the panel's reviewing writer takes this role.
 */
export class ApprovingFileWriter implements FileWriter {
  constructor(
    private readonly workspace: Workspace,
    private readonly approver: Approver,
  ) {}

  async propose(edit: ProposedWrite, signal: AbortSignal): Promise<WriteOutcome> {
    const verb = edit.before === undefined ? 'Create' : edit.after === undefined ? 'Delete' : 'Edit';
    const answer = await this.approver.ask(
      {
        toolUseId: edit.toolUseId,
        toolName: 'Edit',
        input: { file_path: edit.path },
        title: `${verb} ${edit.path}`,
        reason: 'File edits need approval in this permission mode.',
        diff: edit.diff,
      },
      signal,
    );
    if (answer.kind === 'deny')
      return { kind: 'rejected', reason: answer.message ?? 'The person rejected this edit.' };
    if (edit.after === undefined) await this.workspace.deleteFile(edit.path);
    else await this.workspace.writeFile(edit.path, edit.encode(edit.after));
    return { kind: 'written', content: edit.after, modifiedByUser: false };
  }
}

import type { Workspace } from '../ports';
import type { FileWriter, ProposedWrite, WriteOutcome } from './file-writer';

/** Writes at once: the writer used when the mode or a rule already allows the edit. */
export class DirectFileWriter implements FileWriter {
  constructor(private readonly workspace: Workspace) {}

  async propose(edit: ProposedWrite): Promise<WriteOutcome> {
    if (edit.after === undefined) await this.workspace.deleteFile(edit.path);
    else await this.workspace.writeFile(edit.path, edit.encode(edit.after));
    return { kind: 'written', content: edit.after, modifiedByUser: false };
  }
}

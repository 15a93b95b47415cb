import type { Workspace } from '../../../../src/core/ports';
import type { FileWriter, ProposedWrite, WriteOutcome } from '../../../../src/core/tools/file-writer';

/** What the fake person does with each proposal. */
export type FakeAnswer =
  { kind: 'accept' } | { kind: 'reject'; reason: string } | { kind: 'modify'; content: string };

/** A FileWriter that records proposals and answers like a person would, writing through the workspace. */
export class FakeFileWriter implements FileWriter {
  readonly proposals: ProposedWrite[] = [];
  constructor(
    private readonly workspace: Workspace,
    private readonly answer: (edit: ProposedWrite) => FakeAnswer = () => ({ kind: 'accept' }),
  ) {}

  async propose(edit: ProposedWrite): Promise<WriteOutcome> {
    this.proposals.push(edit);
    const answer = this.answer(edit);
    if (answer.kind === 'reject') return { kind: 'rejected', reason: answer.reason };
    const content = answer.kind === 'modify' ? answer.content : edit.after;
    if (content === undefined) await this.workspace.deleteFile(edit.path);
    else await this.workspace.writeFile(edit.path, edit.encode(content));
    return { kind: 'written', content, modifiedByUser: answer.kind === 'modify' };
  }
}

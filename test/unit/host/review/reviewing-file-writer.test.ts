import { strict as assert } from 'node:assert';
import type { ProposedWrite } from '../../../../src/core/tools/file-writer';
import type { ApplyResult, EditReviewer } from '../../../../src/host/review/edit-reviewer';
import { ReviewingFileWriter } from '../../../../src/host/review/reviewing-file-writer';
import { MemoryWorkspace } from '../../../support/memory-workspace';

const path = '/work/hello.py';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function proposal(before: string | undefined, after: string | undefined): ProposedWrite {
  return { toolUseId: 'toolu_1', path, before, after, diff: '', encode };
}

/** A reviewer that accepts once (after `meanwhile` ran) and records what applying gave. */
function acceptingOnce(meanwhile: () => void, results: ApplyResult[]): EditReviewer {
  return {
    review: async (edit, apply) => {
      meanwhile();
      const result = await apply({ content: edit.after, modifiedByUser: false });
      results.push(result);
      return result.kind === 'written'
        ? { kind: 'written', content: result.content, modifiedByUser: result.modifiedByUser }
        : { kind: 'rejected', reason: result.kind === 'failed' ? result.reason : result.problem };
    },
  };
}

describe('ReviewingFileWriter (what Accept really writes)', () => {
  it('writes the proposal when the file is as it was', async () => {
    const workspace = new MemoryWorkspace(['/work'], { [path]: 'print("hello")\n' });
    const results: ApplyResult[] = [];
    const writer = new ReviewingFileWriter(
      workspace,
      acceptingOnce(() => {}, results),
    );
    const outcome = await writer.propose(
      proposal('print("hello")\n', 'print("hi")\n'),
      new AbortController().signal,
    );
    assert.deepEqual(outcome, { kind: 'written', content: 'print("hi")\n', modifiedByUser: false });
    assert.equal(workspace.text(path), 'print("hi")\n');
  });

  it('re-bases onto what the person typed meanwhile, and tells the model it was merged', async () => {
    const workspace = new MemoryWorkspace(['/work'], { [path]: 'print("hello")\n' });
    const results: ApplyResult[] = [];
    const typed = () => workspace.put(path, 'print("hello")\nprint("mine")\n');
    const writer = new ReviewingFileWriter(workspace, acceptingOnce(typed, results));
    const outcome = await writer.propose(
      proposal('print("hello")\n', 'print("hi")\n'),
      new AbortController().signal,
    );
    const merged = 'print("hi")\nprint("mine")\n';
    assert.deepEqual(outcome, { kind: 'written', content: merged, modifiedByUser: true });
    assert.equal(workspace.text(path), merged);
    assert.equal(
      results[0]?.kind === 'written' && results[0].detail,
      'Merged with the changes made to hello.py.',
    );
  });

  it('refuses overlapping changes, says where, and writes nothing', async () => {
    const workspace = new MemoryWorkspace(['/work'], { [path]: 'a\nb\n' });
    const results: ApplyResult[] = [];
    const writer = new ReviewingFileWriter(
      workspace,
      acceptingOnce(() => workspace.put(path, 'a\nmine\n'), results),
    );
    await writer.propose(proposal('a\nb\n', 'a\ntheirs\n'), new AbortController().signal);
    assert.equal(results[0]?.kind, 'conflict');
    assert.match(
      results[0]?.kind === 'conflict' ? results[0].problem : '',
      /hello\.py \(line 2\) overlap this edit/,
    );
    assert.equal(workspace.text(path), 'a\nmine\n');
  });

  it('does not create a file that appeared while the proposal waited', async () => {
    const workspace = new MemoryWorkspace(['/work']);
    const results: ApplyResult[] = [];
    const writer = new ReviewingFileWriter(
      workspace,
      acceptingOnce(() => workspace.put(path, 'theirs\n'), results),
    );
    await writer.propose(proposal(undefined, 'mine\n'), new AbortController().signal);
    assert.deepEqual(results, [{ kind: 'conflict', problem: 'hello.py was created while the edit waited.' }]);
    assert.equal(workspace.text(path), 'theirs\n');
  });
});

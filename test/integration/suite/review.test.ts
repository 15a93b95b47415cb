import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReviewAnswer, Reviewer } from '../../../src/core/ports';
import type { ProposedWrite } from '../../../src/core/tools/file-writer';
import {
  changedWhileWaitingMessage,
  ReviewingFileWriter,
} from '../../../src/host/review/reviewing-file-writer';
import { VscodeWorkspace } from '../../../src/host/workspace/vscode-workspace';
import { workspaceRoot } from './tandem-api';

function proposal(path: string, before: string | undefined, after: string | undefined): ProposedWrite {
  return { toolUseId: 'toolu_1', path, before, after, diff: '', encode: (text) => Buffer.from(text) };
}

function answering(answer: ReviewAnswer, beforeAnswer?: () => void): Reviewer {
  return {
    review: async () => {
      beforeAnswer?.();
      return answer;
    },
  };
}

describe('reviewed writes', () => {
  const workspace = new VscodeWorkspace();
  const signal = new AbortController().signal;

  it('writes the proposal when the person accepts', async () => {
    const path = join(mkdtempSync(join(workspaceRoot(), 'review-')), 'a.txt');
    writeFileSync(path, 'one\n');
    const writer = new ReviewingFileWriter(workspace, answering({ kind: 'accept' }));
    assert.deepEqual(await writer.propose(proposal(path, 'one\n', 'two\n'), signal), {
      kind: 'written',
      content: 'two\n',
      modifiedByUser: false,
    });
    assert.equal(readFileSync(path, 'utf8'), 'two\n');
  });

  it('writes what the person edited in the diff editor, and says so', async () => {
    const path = join(mkdtempSync(join(workspaceRoot(), 'review-')), 'a.txt');
    writeFileSync(path, 'one\n');
    const writer = new ReviewingFileWriter(
      workspace,
      answering({ kind: 'accept-modified', content: 'mine\n' }),
    );
    const outcome = await writer.propose(proposal(path, 'one\n', 'two\n'), signal);
    assert.deepEqual(outcome, { kind: 'written', content: 'mine\n', modifiedByUser: true });
    assert.equal(readFileSync(path, 'utf8'), 'mine\n');
  });

  it('leaves the file unchanged and tells the model when the person rejects', async () => {
    const path = join(mkdtempSync(join(workspaceRoot(), 'review-')), 'a.txt');
    writeFileSync(path, 'one\n');
    const writer = new ReviewingFileWriter(workspace, answering({ kind: 'reject', reason: 'not like this' }));
    assert.deepEqual(await writer.propose(proposal(path, 'one\n', 'two\n'), signal), {
      kind: 'rejected',
      reason: 'not like this',
    });
    assert.equal(readFileSync(path, 'utf8'), 'one\n');
  });

  it('refuses an accepted edit when the file changed on disk while it waited', async () => {
    const path = join(mkdtempSync(join(workspaceRoot(), 'review-')), 'a.txt');
    writeFileSync(path, 'one\n');
    const writer = new ReviewingFileWriter(
      workspace,
      answering({ kind: 'accept' }, () => writeFileSync(path, 'someone else\n')),
    );
    assert.deepEqual(await writer.propose(proposal(path, 'one\n', 'two\n'), signal), {
      kind: 'rejected',
      reason: changedWhileWaitingMessage,
    });
    assert.equal(readFileSync(path, 'utf8'), 'someone else\n');
  });
});

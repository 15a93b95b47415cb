import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ProposedWrite } from '../../../src/core/tools/file-writer';
import type { AcceptedEdit, ApplyResult, EditReviewer } from '../../../src/host/review/edit-reviewer';
import { ReviewingFileWriter } from '../../../src/host/review/reviewing-file-writer';
import { VscodeWorkspace } from '../../../src/host/workspace/vscode-workspace';
import { workspaceRoot } from './tandem-api';

function proposal(path: string, before: string | undefined, after: string | undefined): ProposedWrite {
  return { toolUseId: 'toolu_1', path, before, after, diff: '', encode: (text) => Buffer.from(text) };
}

/** Answers the review the way a person would: runs `meanwhile`, then accepts or rejects once. */
function answering(
  answer: { kind: 'accept'; version?: string } | { kind: 'reject'; reason: string },
  meanwhile?: () => Promise<void>,
): EditReviewer & { results: ApplyResult[] } {
  const results: ApplyResult[] = [];
  return {
    results,
    review: async (edit, apply) => {
      await meanwhile?.();
      if (answer.kind === 'reject') return { kind: 'rejected', reason: answer.reason };
      const accepted: AcceptedEdit =
        answer.version === undefined
          ? { content: edit.after, modifiedByUser: false }
          : { content: answer.version, modifiedByUser: true };
      const result = await apply(accepted);
      results.push(result);
      if (result.kind === 'written')
        return { kind: 'written', content: result.content, modifiedByUser: result.modifiedByUser };
      return { kind: 'rejected', reason: result.kind === 'failed' ? result.reason : result.problem };
    },
  };
}

/** Opens `path` and types `text` at its end without saving, as the person would. */
async function typeUnsavedAtEnd(path: string, text: string): Promise<vscode.TextDocument> {
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path));
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  await editor.edit((builder) => builder.insert(end, text));
  return editor.document;
}

describe('reviewed writes (what Accept really does, in the editor)', () => {
  const workspace = new VscodeWorkspace();
  const signal = new AbortController().signal;
  let path = '';

  beforeEach(() => {
    path = join(mkdtempSync(join(workspaceRoot(), 'review-')), 'hello.py');
    writeFileSync(path, 'print("hello")\n');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('writes the proposal when the person accepts', async () => {
    const writer = new ReviewingFileWriter(workspace, answering({ kind: 'accept' }));
    const outcome = await writer.propose(proposal(path, 'print("hello")\n', 'print("hi")\n'), signal);
    assert.deepEqual(outcome, { kind: 'written', content: 'print("hi")\n', modifiedByUser: false });
    assert.equal(readFileSync(path, 'utf8'), 'print("hi")\n');
  });

  it('keeps the unsaved line the person typed at the end and writes the agent’s edit to line 1', async () => {
    let document: vscode.TextDocument | undefined;
    const reviewer = answering({ kind: 'accept' }, async () => {
      document = await typeUnsavedAtEnd(path, 'print("mine")\n');
      assert.equal(document.isDirty, true);
    });
    const writer = new ReviewingFileWriter(workspace, reviewer);
    const outcome = await writer.propose(
      proposal(path, 'print("hello")\n', 'print("hello, world")\n'),
      signal,
    );
    const both = 'print("hello, world")\nprint("mine")\n';
    assert.deepEqual(outcome, { kind: 'written', content: both, modifiedByUser: true });
    assert.equal(document?.getText(), both, 'the editor holds both changes');
    assert.equal(readFileSync(path, 'utf8'), both);
    const result = reviewer.results[0];
    assert.equal(
      result?.kind === 'written' && result.detail,
      'Merged with your unsaved changes to hello.py.',
    );
  });

  it('refuses when the person’s unsaved typing overlaps the edit, and leaves their text alone', async () => {
    let document: vscode.TextDocument | undefined;
    const reviewer = answering({ kind: 'accept' }, async () => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(path));
      await editor.edit((builder) => builder.replace(editor.document.lineAt(0).range, 'print("mine")'));
      document = editor.document;
    });
    const writer = new ReviewingFileWriter(workspace, reviewer);
    await writer.propose(proposal(path, 'print("hello")\n', 'print("theirs")\n'), signal);
    const result = reviewer.results[0];
    assert.equal(result?.kind, 'conflict');
    assert.match(
      result?.kind === 'conflict' ? result.problem : '',
      /your unsaved changes to hello\.py \(line 1\) overlap this edit/,
    );
    assert.equal(document?.getText(), 'print("mine")\n');
    assert.equal(readFileSync(path, 'utf8'), 'print("hello")\n');
  });

  it('writes what the person edited in the diff editor, and says so', async () => {
    const writer = new ReviewingFileWriter(
      workspace,
      answering({ kind: 'accept', version: 'print("mine")\n' }),
    );
    const outcome = await writer.propose(proposal(path, 'print("hello")\n', 'print("hi")\n'), signal);
    assert.deepEqual(outcome, { kind: 'written', content: 'print("mine")\n', modifiedByUser: true });
    assert.equal(readFileSync(path, 'utf8'), 'print("mine")\n');
  });

  it('leaves the file unchanged when the person rejects', async () => {
    const writer = new ReviewingFileWriter(workspace, answering({ kind: 'reject', reason: 'not like this' }));
    assert.deepEqual(await writer.propose(proposal(path, 'print("hello")\n', 'print("hi")\n'), signal), {
      kind: 'rejected',
      reason: 'not like this',
    });
    assert.equal(readFileSync(path, 'utf8'), 'print("hello")\n');
  });
});

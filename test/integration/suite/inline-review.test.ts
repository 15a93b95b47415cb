import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { InlineProposal } from '../../../src/host/review/inline/inline-review';
import type { InlineOutcome } from '../../../src/host/review/inline/tracked-document';
import { eventually, tandemApi, workspaceRoot } from './tandem-api';

const original = Array.from({ length: 12 }, (_, index) => `line ${index + 1}`).join('\n') + '\n';
/** Three hunks: line 2 replaced, a line inserted after line 6, line 10 deleted. */
const proposed = original
  .replace('line 2\n', 'line two\n')
  .replace('line 6\n', 'line 6\nline 6½\n')
  .replace('line 10\n', '');

async function fileWith(text: string): Promise<{ path: string; editor: vscode.TextEditor }> {
  const path = join(mkdtempSync(join(workspaceRoot(), 'inline-')), 'numbers.txt');
  writeFileSync(path, text);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
  return { path, editor };
}

async function propose(path: string, after = proposed, before = original): Promise<InlineProposal> {
  const { review } = await tandemApi();
  const proposal = await review.open({
    id: `edit-${Math.random().toString(36).slice(2)}`,
    path,
    before,
    after,
    encode: (text) => Buffer.from(text),
  });
  assert.ok(proposal, 'the proposal changes the file, so it is shown');
  return proposal;
}

async function decide(proposal: InlineProposal, indices: number[], decision: 'accept' | 'reject') {
  const { review } = await tandemApi();
  for (const index of indices) {
    const result = await review.decide(
      { uri: proposal.uri.toString(), proposalId: proposal.id, index },
      decision,
    );
    assert.ok(result.ok, result.ok ? '' : result.problem);
  }
}

async function lensTitles(uri: vscode.Uri): Promise<{ line: number; title: string }[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    uri,
  );
  return lenses
    .filter(
      (lens) =>
        lens.command?.command.startsWith('tandem.review.') || lens.command?.title.startsWith('Tandem'),
    )
    .map((lens) => ({ line: lens.range.start.line, title: lens.command?.title ?? '' }));
}

describe('inline review in the editor', () => {
  afterEach(async () => {
    const { review } = await tandemApi();
    await review.decideAll('reject');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('previews a proposal with decorations, blocks and CodeLens, without touching the document or its undo stack', async () => {
    const { path, editor } = await fileWith(original);
    await editor.edit((builder) => builder.insert(new vscode.Position(11, 7), '!'));
    await editor.document.save();
    const typed = editor.document.getText();
    const proposal = await propose(path, proposed.replace('line 12\n', 'line 12!\n'), typed);
    const { reviewUi } = await tandemApi();
    const painted = await eventually(() => {
      const lines = reviewUi.decorations.painted(proposal.uri);
      return lines.removed.length === 2 ? lines : undefined;
    });
    assert.deepEqual(painted, { removed: [1, 9], insertion: [6], conflict: [] });
    assert.deepEqual(
      reviewUi.threads.blocks(proposal.uri).map((block) => [block.line, block.label]),
      [
        [1, 'Change 1 of 3 · +1 −1'],
        [5, 'Change 2 of 3 · +1'],
      ],
    );
    assert.match(reviewUi.threads.blocks(proposal.uri)[0]?.body ?? '', /```plaintext\nline two\n```/);
    const titles = await lensTitles(proposal.uri);
    assert.deepEqual(
      titles.filter((lens) => lens.title.includes('Accept')).map((lens) => [lens.line, lens.title]),
      [
        [1, '$(check-all) Accept file (3)'],
        [1, '$(check) Accept'],
        [6, '$(check) Accept'],
        [9, '$(check) Accept'],
      ],
    );
    assert.equal(editor.document.getText(), typed, 'the preview leaves the text alone');
    assert.equal(editor.document.isDirty, false);
    assert.equal(readFileSync(path, 'utf8'), typed);
    // Undo takes back the person's own typing: the preview added nothing to the undo stack.
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });

  const partial: { name: string; accept: number[]; expected: string }[] = [
    { name: 'the first hunk only', accept: [1], expected: original.replace('line 2\n', 'line two\n') },
    { name: 'the last hunk only', accept: [3], expected: original.replace('line 10\n', '') },
    {
      name: 'alternating hunks',
      accept: [1, 3],
      expected: original.replace('line 2\n', 'line two\n').replace('line 10\n', ''),
    },
  ];
  for (const { name, accept, expected } of partial) {
    it(`accepting ${name} writes exactly that to disk and tells the model which hunks landed`, async () => {
      const { path } = await fileWith(original);
      const proposal = await propose(path);
      await decide(proposal, accept, 'accept');
      assert.equal(readFileSync(path, 'utf8'), expected);
      await decide(
        proposal,
        [1, 2, 3].filter((index) => !accept.includes(index)),
        'reject',
      );
      const outcome: InlineOutcome = await proposal.settled;
      assert.equal(outcome.written, true);
      assert.equal(outcome.content, expected);
      assert.deepEqual(
        outcome.report.hunks.map((hunk) => [hunk.index, hunk.status]),
        [1, 2, 3].map((index) => [index, accept.includes(index) ? 'accepted' : 'rejected']),
      );
    });
  }

  it('one accepted hunk is one undo step, and leaves the cursor where it was', async () => {
    const { path, editor } = await fileWith(original);
    editor.selection = new vscode.Selection(11, 3, 11, 3);
    const proposal = await propose(path);
    await decide(proposal, [1], 'accept');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [11, 3]);
    await decide(proposal, [3], 'accept');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original.replace('line 2\n', 'line two\n'));
  });

  it('typing in the file while a proposal waits moves its hunks; a hunk whose line was typed on is refused', async () => {
    const { path, editor } = await fileWith(original);
    const proposal = await propose(path);
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '// added by the person\n'));
    await editor.edit((builder) => builder.insert(new vscode.Position(10, 7), ' (edited)'));
    const { review } = await tandemApi();
    const refused = await review.decide(
      { uri: proposal.uri.toString(), proposalId: proposal.id, index: 3 },
      'accept',
    );
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.problem, /line 11 changed after Tandem proposed this/);
    await decide(proposal, [1, 2], 'accept');
    await decide(proposal, [3], 'reject');
    const outcome = await proposal.settled;
    const expected = `// added by the person\n${original
      .replace('line 2\n', 'line two\n')
      .replace('line 6\n', 'line 6\nline 6½\n')
      .replace('line 10\n', 'line 10 (edited)\n')}`;
    assert.equal(readFileSync(path, 'utf8'), expected);
    assert.equal(outcome.report.otherEdits, true);
    assert.equal(outcome.report.hunks[2]?.conflict, true);
  });

  it('Accept file writes every hunk at once; the proposal settles and the preview goes away', async () => {
    const { path } = await fileWith(original);
    const proposal = await propose(path);
    const { review, reviewUi } = await tandemApi();
    const result = await review.decideFile(proposal.uri, 'accept');
    assert.deepEqual(result, { ok: true });
    assert.equal(readFileSync(path, 'utf8'), proposed);
    assert.equal((await proposal.settled).written, true);
    await eventually(() =>
      reviewUi.decorations.painted(proposal.uri).removed.length === 0 ? true : undefined,
    );
    assert.deepEqual(await lensTitles(proposal.uri), []);
  });

  it('keyboard commands go to the next and previous hunk and accept or reject the one at the cursor', async () => {
    const { path, editor } = await fileWith(original);
    const proposal = await propose(path);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('tandem.review.nextHunk');
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 1);
    await vscode.commands.executeCommand('tandem.review.nextHunk');
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 6);
    await vscode.commands.executeCommand('tandem.review.acceptHunk');
    assert.equal(readFileSync(path, 'utf8'), original.replace('line 6\n', 'line 6\nline 6½\n'));
    await vscode.commands.executeCommand('tandem.review.previousHunk');
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, 1);
    await vscode.commands.executeCommand('tandem.review.rejectHunk');
    await vscode.commands.executeCommand('tandem.review.nextHunk');
    assert.equal(
      vscode.window.activeTextEditor?.selection.active.line,
      10,
      'the deletion of line 10, now line 11',
    );
    await vscode.commands.executeCommand('tandem.review.rejectHunk');
    const outcome = await proposal.settled;
    assert.deepEqual(
      outcome.report.hunks.map((hunk) => hunk.status),
      ['rejected', 'accepted', 'rejected'],
    );
  });

  it('two proposals on one file both show, and accepting one moves the other’s hunks', async () => {
    const { path } = await fileWith(original);
    const first = await propose(path);
    const second = await propose(path, original.replace('line 8\n', 'line eight\n'));
    const { review } = await tandemApi();
    assert.deepEqual(
      review
        .fileOf(first.uri)
        ?.hunks.map((hunk) => [hunk.proposalId === first.id ? 'first' : 'second', hunk.start]),
      [
        ['first', 1],
        ['first', 6],
        ['second', 7],
        ['first', 9],
      ],
    );
    await decide(first, [2], 'accept');
    assert.equal(review.fileOf(first.uri)?.hunks.find((hunk) => hunk.proposalId === second.id)?.start, 8);
    await decide(second, [1], 'accept');
    await review.decideFile(first.uri, 'reject');
    assert.equal(
      readFileSync(path, 'utf8'),
      original.replace('line 6\n', 'line 6\nline 6½\n').replace('line 8\n', 'line eight\n'),
    );
  });

  it('lists pending files and hunks in the Pending changes view and counts them in the status bar', async () => {
    const { path } = await fileWith(original);
    await propose(path);
    const { review } = await tandemApi();
    const files = review.files();
    assert.deepEqual(
      files.map((file) => [file.uri.fsPath, file.hunks.length]),
      [[path, 3]],
    );
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const id of [
      'tandem.review.acceptAll',
      'tandem.review.rejectAll',
      'tandem.review.nextHunk',
      'tandem.pendingChanges.focus',
    ]) {
      assert.ok(commands.has(id), `${id} is registered`);
    }
    await vscode.commands.executeCommand('tandem.review.rejectAll');
    assert.deepEqual(review.files(), []);
    assert.equal(readFileSync(path, 'utf8'), original);
  });
});

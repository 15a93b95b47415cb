import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { eventually, tandemApi, workspaceRoot } from './tandem-api';

const lineCount = 5_000;
const hunkCount = 200;
const acceptedCount = 100;

/** A 5,000-line TypeScript file, and a proposal changing one line in every 25: 200 hunks. */
function fixture(): { before: string; after: string; expected: string } {
  const lines = Array.from({ length: lineCount }, (_, index) => `export const value${index} = ${index};`);
  const changed = (index: number): boolean => index % 25 === 12;
  const after = lines.map((line, index) =>
    changed(index) ? line.replace(/= \d+;/, `= ${index} * 2;`) : line,
  );
  // Every other hunk accepted: hunks 1, 3, 5, …
  let hunk = 0;
  const expected = lines.map((line, index) => {
    if (!changed(index)) return line;
    hunk += 1;
    return hunk % 2 === 1 ? (after[index] ?? line) : line;
  });
  return {
    before: `${lines.join('\n')}\n`,
    after: `${after.join('\n')}\n`,
    expected: `${expected.join('\n')}\n`,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// Timings are reported, not asserted: bench/inline-review.ts reads them (TANDEM_BENCH_OUT).
describe('inline review bench', () => {
  it('reviews a 5,000-line file with 200 hunks and accepts 100 of them', async function () {
    this.timeout(180_000);
    const { review, reviewUi } = await tandemApi();
    const { before, after, expected } = fixture();
    const folder = mkdtempSync(join(workspaceRoot(), 'review-bench-'));
    const open = async (name: string) => {
      const path = join(folder, name);
      writeFileSync(path, before);
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(path));
      const started = performance.now();
      const proposal = await review.open({
        id: name,
        path,
        before,
        after,
        encode: (text) => Buffer.from(text),
      });
      const openMs = performance.now() - started;
      assert.ok(proposal);
      const rendered = performance.now();
      reviewUi.render();
      const renderMs = performance.now() - rendered;
      const lensed = performance.now();
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        proposal.uri,
      );
      const lensMs = performance.now() - lensed;
      assert.equal(lenses.filter((lens) => lens.command?.title === '$(check) Accept').length, hunkCount);
      // Blocks are made for the hunks on screen and near it, not for all 200.
      const blocks = reviewUi.threads.blocks(proposal.uri).length;
      assert.ok(blocks > 0 && blocks < hunkCount, `${blocks} blocks`);
      return { path, editor, proposal, openMs, renderMs, lensMs, blocks };
    };

    const oneByOne = await open('one-by-one.ts');
    const keystrokes: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      const started = performance.now();
      await oneByOne.editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'x'));
      keystrokes.push(performance.now() - started);
      await oneByOne.editor.edit((builder) => builder.delete(new vscode.Range(0, 0, 0, 1)));
    }
    const accepts: number[] = [];
    for (let index = 1; index <= hunkCount; index += 2) {
      const started = performance.now();
      const result = await review.decide(
        { uri: oneByOne.proposal.uri.toString(), proposalId: 'one-by-one.ts', index },
        'accept',
      );
      accepts.push(performance.now() - started);
      assert.ok(result.ok, result.ok ? '' : result.problem);
    }
    assert.equal(readFileSync(oneByOne.path, 'utf8'), expected);

    const batch = await open('batch.ts');
    const odd = Array.from({ length: acceptedCount }, (_, index) => index * 2 + 1);
    const started = performance.now();
    const result = await review.decideHunks(
      { uri: batch.proposal.uri.toString(), proposalId: 'batch.ts' },
      odd,
      'accept',
    );
    const batchMs = performance.now() - started;
    assert.ok(result.ok, result.ok ? '' : result.problem);
    assert.equal(readFileSync(batch.path, 'utf8'), expected);
    await eventually(() =>
      reviewUi.decorations.painted(batch.proposal.uri).removed.length === hunkCount - acceptedCount
        ? true
        : undefined,
    );

    const out = process.env['TANDEM_BENCH_OUT'];
    if (out) {
      writeFileSync(
        out,
        JSON.stringify({
          openMs: median([oneByOne.openMs, batch.openMs]),
          renderMs: median([oneByOne.renderMs, batch.renderMs]),
          lensMs: median([oneByOne.lensMs, batch.lensMs]),
          blocks: oneByOne.blocks,
          keystrokeMs: median(keystrokes),
          acceptOneMedianMs: median(accepts),
          acceptOneTotalMs: accepts.reduce((sum, value) => sum + value, 0),
          acceptBatchMs: batchMs,
        }),
      );
    }
    await review.decideAll('reject');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

/**
 * Inline review of a 5,000-line file with 200 hunks: the hunk model alone in Node (compute the
 * review, follow a keystroke, accept 100 hunks), then in real VS Code (code-server + headless
 * Chromium, the integration harness, one production build): open and paint the review, CodeLens,
 * a keystroke while it waits, and 100 hunks accepted one by one and at once, each write a real
 * WorkspaceEdit and save. Medians; three VS Code runs.
 * Run: `npx tsx bench/inline-review.ts` (about two minutes).
 */
import { z } from 'zod';
import { computeHunks } from '../src/core/review/compute-hunks';
import { DocumentReview } from '../src/core/review/document-review';
import type { ProposalReview } from '../src/core/review/proposal-review';
import { textChangesFor } from '../src/core/review/text-changes-for';
import { splitLines } from '../src/core/review/text-lines';
import { buildForVscode, vscodeSamples } from './vscode-samples';

const runs = 3;
const rounds = 15;

const lines = Array.from({ length: 5_000 }, (_, index) => `export const value${index} = ${index};`);
const proposed = lines.map((line, index) =>
  index % 25 === 12 ? line.replace(/= \d+;/, `= ${index} * 2;`) : line,
);
const before = `${lines.join('\n')}\n`;
const after = `${proposed.join('\n')}\n`;
const odd = Array.from({ length: 100 }, (_, index) => index * 2 + 1);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Writes lines into a document review the way the editor reports the write. */
function write(document: DocumentReview, next: readonly string[]): void {
  for (const change of textChangesFor(document.lines, computeHunks(document.lines, next), '\n')) {
    document.applyChange(change);
  }
}

const model = {
  compute: [] as number[],
  open: [] as number[],
  keystroke: [] as number[],
  acceptBatch: [] as number[],
  acceptOneByOne: [] as number[],
};
for (let round = 0; round < rounds; round += 1) {
  model.compute.push(timed(() => computeHunks(splitLines(before), splitLines(after))));
  let document = new DocumentReview(before);
  let review: ProposalReview | undefined;
  model.open.push(timed(() => (review = document.add('bench', { before, after }))));
  model.keystroke.push(
    timed(() =>
      document.applyChange({ startLine: 0, startCharacter: 0, endLine: 0, endCharacter: 0, text: 'x' }),
    ),
  );
  document = new DocumentReview(before);
  review = document.add('bench', { before, after });
  model.acceptBatch.push(
    timed(() => {
      const result = review?.accept(odd, document.lines);
      if (result?.ok) write(document, result.lines);
    }),
  );
  document = new DocumentReview(before);
  review = document.add('bench', { before, after });
  model.acceptOneByOne.push(
    timed(() => {
      for (const index of odd) {
        const result = review?.accept([index], document.lines);
        if (result?.ok) write(document, result.lines);
      }
    }),
  );
}

console.log('| hunk model in Node (5,000 lines, 200 hunks; median of 15) | ms |');
console.log('|---|---|');
console.log(`| compute the hunks | ${median(model.compute).toFixed(2)} |`);
console.log(`| open the review (hunks, positions) | ${median(model.open).toFixed(2)} |`);
console.log(`| follow one keystroke above every hunk | ${median(model.keystroke).toFixed(3)} |`);
console.log(
  `| accept 100 alternating hunks at once (new text, edits followed) | ${median(model.acceptBatch).toFixed(2)} |`,
);
console.log(`| accept 100 alternating hunks one by one | ${median(model.acceptOneByOne).toFixed(2)} |`);

const sampleSchema = z.object({
  openMs: z.number(),
  renderMs: z.number(),
  lensMs: z.number(),
  blocks: z.number(),
  keystrokeMs: z.number(),
  acceptOneMedianMs: z.number(),
  acceptOneTotalMs: z.number(),
  acceptBatchMs: z.number(),
});

buildForVscode('inline review');
const samples = vscodeSamples({ grep: 'inline review bench', runs, schema: sampleSchema });
const vscodeMedian = (pick: (sample: z.infer<typeof sampleSchema>) => number): string =>
  samples.length === 0 ? 'n/a' : median(samples.map(pick)).toFixed(1);

console.log('');
console.log(`| in VS Code 1.100.3 (5,000 lines, 200 hunks; median of ${samples.length} runs) | ms |`);
console.log('|---|---|');
console.log(
  `| open the proposal inline (read the document, compute, track) | ${vscodeMedian((sample) => sample.openMs)} |`,
);
console.log(
  `| paint it: decorations, 200 proposed-line blocks, tree, status bar | ${vscodeMedian((sample) => sample.renderMs)} |`,
);
console.log(`| the editor asks for the 600 CodeLens | ${vscodeMedian((sample) => sample.lensMs)} |`);
console.log(
  `| a keystroke in the file while it waits (edit applied and followed) | ${vscodeMedian((sample) => sample.keystrokeMs)} |`,
);
console.log(
  `| accept one hunk (WorkspaceEdit and save), median of 100 | ${vscodeMedian((sample) => sample.acceptOneMedianMs)} |`,
);
console.log(
  `| accept 100 alternating hunks one by one, total | ${vscodeMedian((sample) => sample.acceptOneTotalMs)} |`,
);
console.log(
  `| accept 100 alternating hunks at once (one write, one undo step) | ${vscodeMedian((sample) => sample.acceptBatchMs)} |`,
);

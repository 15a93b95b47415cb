import { strict as assert } from 'node:assert';
import { computeHunks } from '../../../../src/core/review/compute-hunks';
import { DocumentReview } from '../../../../src/core/review/document-review';
import { describeHunkReport } from '../../../../src/core/review/hunk-report';
import type { ProposalReview } from '../../../../src/core/review/proposal-review';
import { reviewOutcome } from '../../../../src/core/review/review-outcome';
import { splitLines } from '../../../../src/core/review/text-lines';
import { threeHunks, twelveLines, typeAt, writeDocument } from './review-harness';

function text(document: DocumentReview): string {
  return document.lines.join('\n');
}

/** Accepts hunks of a proposal and writes the result into the document, as the editor would. */
function accept(document: DocumentReview, review: ProposalReview, indices: number[]): void {
  const result = review.accept(indices, document.lines);
  assert.ok(result.ok, result.ok ? '' : result.problem);
  writeDocument(document, result.lines.join('\n'));
}

function open(
  before = twelveLines,
  after = threeHunks,
): { document: DocumentReview; review: ProposalReview } {
  const document = new DocumentReview(before);
  return { document, review: document.add('edit-1', { before, after }) };
}

describe('hunk review', () => {
  it('splits a proposal into the hunks a person sees: a replacement, an insertion, a deletion', () => {
    assert.deepEqual(computeHunks(splitLines(twelveLines), splitLines(threeHunks)), [
      { start: 1, removed: ['line 2'], added: ['line two'] },
      { start: 6, removed: [], added: ['line 6½'] },
      { start: 9, removed: ['line 10'], added: [] },
    ]);
  });

  describe('accepting a subset writes exactly those hunks', () => {
    const cases: { name: string; indices: number[]; expected: string }[] = [
      { name: 'the first hunk only', indices: [1], expected: twelveLines.replace('line 2\n', 'line two\n') },
      { name: 'the last hunk only', indices: [3], expected: twelveLines.replace('line 10\n', '') },
      {
        name: 'alternating hunks (first and last)',
        indices: [1, 3],
        expected: twelveLines.replace('line 2\n', 'line two\n').replace('line 10\n', ''),
      },
      { name: 'every hunk', indices: [1, 2, 3], expected: threeHunks },
    ];
    for (const { name, indices, expected } of cases) {
      it(`${name}, in one write`, () => {
        const { document, review } = open();
        accept(document, review, indices);
        assert.equal(text(document), expected);
      });
      it(`${name}, one hunk after another`, () => {
        const { document, review } = open();
        for (const index of indices) accept(document, review, [index]);
        assert.equal(text(document), expected);
        assert.deepEqual(
          review.pending.map((hunk) => hunk.index),
          [1, 2, 3].filter((index) => !indices.includes(index)),
        );
      });
    }

    it('rejecting the rest settles the proposal and writes nothing more', () => {
      const { document, review } = open();
      accept(document, review, [2]);
      assert.deepEqual(review.reject([1, 3], 'keep them'), { ok: true });
      assert.equal(review.settled, true);
      assert.equal(text(document), twelveLines.replace('line 6\n', 'line 6\nline 6½\n'));
    });

    it('refuses to accept a hunk twice', () => {
      const { document, review } = open();
      accept(document, review, [1]);
      const again = review.accept([1], document.lines);
      assert.equal(again.ok, false);
      assert.match(again.ok ? '' : again.problem, /already accepted/);
    });

    it('puts hunks back when the write failed', () => {
      const { document, review } = open();
      assert.ok(review.accept([1, 2], document.lines).ok);
      review.restore([1, 2]);
      assert.deepEqual(
        review.pending.map((hunk) => hunk.index),
        [1, 2, 3],
      );
      accept(document, review, [1, 2, 3]);
      assert.equal(text(document), threeHunks);
    });
  });

  describe('the person types in the file while the proposal waits', () => {
    it('lines typed above the hunks move them down, and they still apply', () => {
      const { document, review } = open();
      document.applyChange(typeAt(0, 0, '// header\n'));
      assert.deepEqual(
        review.pending.map((hunk) => hunk.start),
        [2, 7, 10],
      );
      accept(document, review, [1, 2, 3]);
      assert.equal(text(document), `// header\n${threeHunks}`);
    });

    it('typing below the last hunk leaves every hunk where it was', () => {
      const { document, review } = open();
      document.applyChange(typeAt(11, 7, ' (end)'));
      assert.deepEqual(
        review.pending.map((hunk) => hunk.start),
        [1, 6, 9],
      );
      accept(document, review, [1, 2, 3]);
      assert.equal(text(document), threeHunks.replace('line 12\n', 'line 12 (end)\n'));
    });

    it('typing inside a hunk makes that hunk a conflict that cannot be accepted; the others still apply', () => {
      const { document, review } = open();
      document.applyChange(typeAt(1, 6, '!'));
      const [first] = review.pending;
      assert.match(first?.conflict ?? '', /^line 2 changed after Tandem proposed this/);
      const refused = review.accept([1], document.lines);
      assert.equal(refused.ok, false);
      assert.match(refused.ok ? '' : refused.problem, /Change 1: line 2 changed/);
      accept(document, review, [2, 3]);
      review.reject([1]);
      assert.equal(text(document), threeHunks.replace('line two\n', 'line 2!\n'));
      assert.equal(review.report(document.lines).hunks[0]?.conflict, true);
    });

    it('a line opened right above or right below a hunk is not a conflict', () => {
      const { document, review } = open();
      document.applyChange(typeAt(0, 6, '\nabove'));
      document.applyChange(typeAt(2, 6, '\nbelow'));
      assert.equal(
        review.pending.some((hunk) => hunk.conflict),
        false,
      );
      accept(document, review, [1]);
      assert.equal(
        text(document).split('\n').slice(0, 5).join('\n'),
        'line 1\nabove\nline two\nbelow\nline 3',
      );
    });

    it('deleting the line a hunk removes makes it a conflict; deleting a neighbour does not', () => {
      const { document, review } = open();
      // Line 11 (0-based 10) is the neighbour below hunk 3, which removes line 10.
      document.applyChange({ startLine: 10, startCharacter: 0, endLine: 11, endCharacter: 0, text: '' });
      assert.equal(review.pending[2]?.conflict, undefined);
      document.applyChange({ startLine: 9, startCharacter: 0, endLine: 10, endCharacter: 0, text: '' });
      assert.match(review.pending[2]?.conflict ?? '', /line 10 changed/);
    });

    it('a proposal made against an older text is moved over the person’s changes when it opens', () => {
      const current = `// typed first\n${twelveLines.replace('line 6\n', 'line six\n')}`;
      const document = new DocumentReview(current);
      const review = document.add('edit-1', { before: twelveLines, after: threeHunks });
      assert.deepEqual(
        review.pending.map((hunk) => [hunk.start, hunk.conflict !== undefined]),
        [
          [2, false],
          [7, false],
          [10, false],
        ],
      );
      accept(document, review, [1, 2, 3]);
      assert.equal(text(document), `// typed first\n${threeHunks.replace('line 6\n', 'line six\n')}`);
    });
  });

  describe('two proposals on one file', () => {
    const second = twelveLines.replace('line 2\n', 'line II\n').replace('line 4\n', 'line IV\n');

    it('compose when their hunks are apart: each lands on its own lines', () => {
      const document = new DocumentReview(twelveLines);
      const first = document.add('edit-1', { before: twelveLines, after: threeHunks });
      const other = document.add('edit-2', { before: twelveLines, after: second });
      accept(document, first, [2, 3]);
      accept(document, other, [2]);
      assert.equal(
        text(document),
        twelveLines
          .replace('line 4\n', 'line IV\n')
          .replace('line 6\n', 'line 6\nline 6½\n')
          .replace('line 10\n', ''),
      );
      assert.deepEqual(
        document.pendingHunks().map(({ proposalId, hunk }) => `${proposalId}#${hunk.index}`),
        ['edit-1#1', 'edit-2#1'],
      );
    });

    it('the hunk whose lines the other proposal replaced becomes a conflict, never applied twice', () => {
      const document = new DocumentReview(twelveLines);
      const first = document.add('edit-1', { before: twelveLines, after: threeHunks });
      const other = document.add('edit-2', { before: twelveLines, after: second });
      accept(document, first, [1]);
      assert.match(other.pending[0]?.conflict ?? '', /line 2 changed/);
      assert.equal(other.accept([1], document.lines).ok, false);
      accept(document, other, [2]);
      assert.equal(
        text(document),
        twelveLines.replace('line 2\n', 'line two\n').replace('line 4\n', 'line IV\n'),
      );
    });

    it('rejecting one keeps the other’s overlapping hunk applicable', () => {
      const document = new DocumentReview(twelveLines);
      const first = document.add('edit-1', { before: twelveLines, after: threeHunks });
      const other = document.add('edit-2', { before: twelveLines, after: second });
      first.reject([1, 2, 3]);
      accept(document, other, [1, 2]);
      assert.equal(text(document), second);
    });
  });

  describe('what the model is told', () => {
    it('names the applied hunks with their lines and quotes the rejected ones', () => {
      const { document, review } = open();
      accept(document, review, [1, 3]);
      review.reject([2], 'no half lines');
      const message = describeHunkReport(review.report(document.lines));
      assert.match(message, /2 of 3 hunks were applied, 1 not/);
      assert.match(message, /hunk 1 \(line 2 of your proposal, now line 2 of the file\)/);
      assert.match(message, /hunk 3 \(after line 10 of your proposal, now after line 9 of the file\)/);
      assert.match(message, /- hunk 2, line 7 of your proposal \(reason: no half lines\):\n {4}\+line 6½/);
      assert.match(message, /Do not assume the rejected changes were made/);
    });

    it('counts hunks left undecided when the turn ended as not applied', () => {
      const { document, review } = open();
      accept(document, review, [1]);
      const message = describeHunkReport(review.report(document.lines));
      assert.match(message, /1 of 3 hunks were applied, 2 not/);
      assert.match(message, /not reviewed before the turn ended/);
    });

    it('says so when other lines changed while the proposal waited', () => {
      const { document, review } = open();
      document.applyChange(typeAt(0, 0, '// mine\n'));
      accept(document, review, [1, 2, 3]);
      assert.match(describeHunkReport(review.report(document.lines)), /Other lines of the file changed too/);
    });

    it('a written outcome carries the hunks; rejecting every hunk for one reason is a plain rejection', () => {
      const partial = open();
      accept(partial.document, partial.review, [2]);
      partial.review.reject([1, 3]);
      const written = reviewOutcome({ report: partial.review.report(partial.document.lines), content: 'x' });
      assert.equal(written.kind, 'written');
      assert.equal(written.kind === 'written' && written.modifiedByUser, true);
      const none = open();
      none.review.reject([1, 2, 3], 'not this');
      assert.deepEqual(reviewOutcome({ report: none.review.report(none.document.lines), content: '' }), {
        kind: 'rejected',
        reason: 'not this',
      });
      const conflicted = open();
      conflicted.document.applyChange(typeAt(1, 0, 'x'));
      conflicted.review.reject([1, 2, 3]);
      const outcome = reviewOutcome({
        report: conflicted.review.report(conflicted.document.lines),
        content: '',
      });
      assert.match(outcome.kind === 'rejected' ? outcome.reason : '', /edited those lines while it waited/);
    });

    it('says nothing when the whole proposal was applied as proposed', () => {
      const { document, review } = open();
      accept(document, review, [1, 2, 3]);
      assert.equal(describeHunkReport(review.report(document.lines)), '');
    });
  });
});

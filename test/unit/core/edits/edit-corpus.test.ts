import { strict as assert } from 'node:assert';
import { editTool } from '../../../../src/core/tools/edit/edit-tool';
import { readTool } from '../../../../src/core/tools/read/read-tool';
import { expectedContent, loadEditCorpus } from '../../../../bench/edit-accuracy';
import { FakeFileWriter } from './fake-file-writer';
import { MemoryWorkspace } from '../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../support/tool-context';

const corpus = loadEditCorpus();

describe('edit corpus (test/fixtures/edits/corpus.json) through the Edit tool', () => {
  it('holds at least 2,000 cases covering every perturbation kind', () => {
    assert.ok(corpus.cases.length >= 2_000, `${corpus.cases.length} cases`);
    const kinds = new Set(corpus.cases.map((testCase) => testCase.kind));
    for (const kind of [
      'quotes-curly',
      'quotes-straight',
      'trailing-whitespace',
      'line-endings-crlf',
      'line-endings-lf',
      'final-newline',
      'indent-more',
      'indent-less',
      'wrong-line',
      'elided',
      'ambiguous',
      'anchors-only',
      'tabs-as-4-spaces',
      'tabs-as-2-spaces',
      'tabs-as-8-spaces',
      'tabs-as-4-spaces+indent-less',
      'spaces-as-tabs',
      'unit-2-as-4',
      'unit-4-as-2',
      'mixed-tabs-as-8-spaces',
      'tabs-as-4-spaces+structure-changed',
      'ambiguous+tabs-as-4-spaces',
      'line-numbers',
      'line-numbers-stale',
      'escaped-quotes',
      'escaped-json',
      'html-entities',
      'file-trailing-whitespace',
    ]) {
      assert.ok(kinds.has(kind), `no ${kind} case`);
    }
  });

  const failures: string[] = [];
  let wronglyWritten = 0;

  before(async () => {
    for (const testCase of corpus.cases) {
      const path = `/work/${testCase.file}`;
      const original = corpus.files[testCase.file] ?? '';
      const workspace = new MemoryWorkspace(['/work'], { [path]: original });
      const writer = new FakeFileWriter(workspace);
      const context = createToolContext({ workspace, writer });
      await runTool(readTool, { file_path: path }, context);
      const input = {
        file_path: path,
        old_string: testCase.old_string,
        new_string: testCase.new_string,
        replace_all: testCase.replace_all,
      };
      const { result } = await runTool(editTool, input, context);
      const after = workspace.text(path);
      if (testCase.expect === 'apply') {
        const expected = expectedContent(original, testCase);
        if (result.isError || after !== expected)
          failures.push(`${testCase.id}: ${result.isError ? String(result.content) : 'wrong content'}`);
        if (!result.isError && after !== expected) wronglyWritten++;
      } else if (!result.isError || writer.proposals.length > 0 || after !== original) {
        failures.push(`${testCase.id}: applied a case that must be refused`);
        wronglyWritten++;
      }
    }
  });

  it('applies 100% of the "apply" cases with exactly the expected content and writes nothing for any "refuse" case', () => {
    assert.deepEqual(failures, []);
    assert.equal(wronglyWritten, 0);
  });
});

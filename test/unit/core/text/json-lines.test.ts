import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { parseJsonLine, parseJsonLines } from '../../../../src/core/text/json-lines';

const schema = z.object({ n: z.number() });

describe('JSON lines', () => {
  it('keeps the lines of the shape, in order, and counts a torn or foreign line', () => {
    const lines = ['{"n":1}', '', '{"n":"two"}', '   ', '{"n":3}', '{"n":4'];
    assert.deepEqual(parseJsonLines(lines, schema), { values: [{ n: 1 }, { n: 3 }], skippedLines: 2 });
  });

  it('reads one line, undefined when it is not JSON or not of the shape', () => {
    assert.deepEqual(parseJsonLine('{"n":5}', schema), { n: 5 });
    assert.equal(parseJsonLine('{"n":', schema), undefined);
    assert.equal(parseJsonLine('[]', schema), undefined);
  });
});

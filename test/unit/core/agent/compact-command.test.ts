import { strict as assert } from 'node:assert';
import { parseCompactCommand } from '../../../../src/core/agent/compact-command';

describe('/compact in the composer', () => {
  const cases: { text: string; expected: ReturnType<typeof parseCompactCommand> }[] = [
    { text: '/compact', expected: { instructions: undefined } },
    { text: '  /compact  ', expected: { instructions: undefined } },
    { text: '/compact keep the API notes', expected: { instructions: 'keep the API notes' } },
    {
      text: '/compact\nkeep the API notes\nand the test names',
      expected: { instructions: 'keep the API notes\nand the test names' },
    },
    { text: '/compaction notes', expected: undefined },
    { text: 'please /compact', expected: undefined },
    { text: 'compact', expected: undefined },
  ];
  for (const { text, expected } of cases)
    it(`${JSON.stringify(text)} → ${expected ? `compact (${expected.instructions ?? 'no instructions'})` : 'a prompt'}`, () =>
      assert.deepEqual(parseCompactCommand(text), expected));
});

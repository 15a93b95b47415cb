import { strict as assert } from 'node:assert';
import { resolveMemoryPath } from '../../../../src/core/memory/memory-path';

describe('resolveMemoryPath', () => {
  const accepted: [string, string][] = [
    ['MEMORY.md', 'MEMORY.md'],
    ['feedback_testing.md', 'feedback_testing.md'],
    ['./user_role.md', 'user_role.md'],
    ['projects/billing/deadlines.md', 'projects/billing/deadlines.md'],
    ['préférences.md', 'préférences.md'],
  ];
  for (const [input, path] of accepted) {
    it(`accepts ${JSON.stringify(input)} as ${path}`, () =>
      assert.deepEqual(resolveMemoryPath(input), { ok: true, path }));
  }

  const refused: [string, RegExp][] = [
    ['', /empty/],
    ['../outside.md', /leads out/],
    ['notes/../../outside.md', /leads out/],
    ['/etc/passwd.md', /absolute/],
    ['~/.ssh/config.md', /absolute/],
    ['C:/Users/ana/notes.md', /absolute/],
    ['C:\\Users\\ana\\notes.md', /backslash/],
    ['\\\\server\\share\\notes.md', /backslash/],
    ['notes\u0000.md', /control characters/],
    ['.ssh/authorized_keys.md', /hidden/],
    ['notes//twice.md', /empty segment/],
    ['notes.txt', /Markdown/],
    ['a/b/c/d/too-deep.md', /deep/],
    [`${'x'.repeat(300)}.md`, /longer/],
  ];
  for (const [input, why] of refused) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const result = resolveMemoryPath(input);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, why);
      assert.match(
        result.ok ? '' : result.reason,
        /relative to the memory folder/,
        'says what to do instead',
      );
    });
  }
});

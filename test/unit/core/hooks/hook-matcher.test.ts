import { strict as assert } from 'node:assert';
import { matchHook } from '../../../../src/core/hooks/hook-matcher';

describe('matchHook', () => {
  const table: [matcher: string | undefined, tool: string, expected: boolean][] = [
    [undefined, 'Bash', true],
    ['', 'Bash', true],
    ['*', 'mcp__github__get_issue', true],
    ['Bash', 'Bash', true],
    ['Bash', 'BashOutput', false],
    ['Edit|Write', 'Write', true],
    ['Edit|Write', 'MultiEdit', false],
    ['Edit, Write', 'Edit', true],
    ['mcp__.*', 'mcp__memory__create', true],
    ['mcp__.*', 'Bash', false],
    ['^Notebook', 'NotebookEdit', true],
    ['Edit.*', 'MultiEdit', true],
  ];
  for (const [matcher, tool, expected] of table) {
    it(`${JSON.stringify(matcher)} ${expected ? 'matches' : 'does not match'} ${tool}`, () => {
      assert.deepEqual(matchHook(matcher, tool), { matches: expected });
    });
  }

  it('matches nothing and explains why when the regex is invalid', () => {
    const result = matchHook('Bash(', 'Bash');
    assert.equal(result.matches, false);
    assert.match(result.error ?? '', /invalid hook matcher/);
  });

  it('ignores the matcher for events without a match target', () => {
    assert.deepEqual(matchHook('Bash', undefined), { matches: true });
  });
});

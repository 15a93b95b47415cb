import { strict as assert } from 'node:assert';
import { toolSearchBudgetFromEnv } from '../../../../src/node/mcp/tool-search-budget';

describe("Claude Code's ENABLE_TOOL_SEARCH as the ToolSearch budget", () => {
  const cases: [string | undefined, number | undefined][] = [
    [undefined, undefined],
    ['auto', undefined],
    ['false', Number.POSITIVE_INFINITY],
    ['0', Number.POSITIVE_INFINITY],
    ['true', 0],
    ['TRUE', 0],
    ['auto:5', 10_000],
    ['auto:0.5', 1_000],
    ['sometimes', undefined],
  ];
  for (const [value, budget] of cases) {
    it(`reads ${JSON.stringify(value)} as ${String(budget)} tokens for a 200k window`, () => {
      assert.equal(toolSearchBudgetFromEnv(value, 200_000), budget);
    });
  }
});

import { strict as assert } from 'node:assert';
import { taskTool } from '../../../../../src/core/tools/task/task-tool';
import type { SubagentRunner } from '../../../../../src/core/tools/tool';
import { createToolContext, runTool } from '../../../../support/tool-context';

const input = { description: 'find usages', prompt: 'List every caller of parse().' };

describe('Task tool', () => {
  it('returns the sub-agent report and streams its tool calls as progress', async () => {
    const subagents: SubagentRunner = {
      run: async (request) => {
        request.onProgress('Grep parse\\(');
        request.onProgress('Read /w/a.ts');
        return { ok: true, text: 'Two callers: a.ts:3, b.ts:9.', turns: 3 };
      },
    };
    const { result, progress } = await runTool(taskTool, input, createToolContext({ subagents }));
    assert.equal(result.isError, false);
    assert.equal(result.content, 'Two callers: a.ts:3, b.ts:9.');
    assert.deepEqual(
      progress.map((item) => item.text),
      ['Grep parse\\(', 'Read /w/a.ts'],
    );
  });

  it('refuses to nest: a sub-agent has no runner', async () => {
    const { result } = await runTool(taskTool, input, createToolContext());
    assert.equal(result.isError, true);
    assert.match(String(result.content), /cannot start further sub-agents/);
  });

  it('reports a sub-agent that did not finish as an error result', async () => {
    const subagents: SubagentRunner = {
      run: async () => ({ ok: false, message: 'it stopped (model_error)' }),
    };
    const { result } = await runTool(taskTool, input, createToolContext({ subagents }));
    assert.equal(result.isError, true);
    assert.match(String(result.content), /model_error/);
  });
});

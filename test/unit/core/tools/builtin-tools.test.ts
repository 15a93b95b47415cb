import { strict as assert } from 'node:assert';
import { z } from 'zod';
import { describeModel } from '../../../../src/core/model/model-catalog';
import { buildTool } from '../../../../src/core/tools/build-tool';
import { allBuiltinTools, offeredTools, toolsForModel } from '../../../../src/core/tools/builtin-tools';
import { textResult } from '../../../../src/core/tools/tool';

const claude = describeModel('claude-sonnet-4-6', { provider: 'anthropic' });
const gpt = describeModel('gpt-5', { provider: 'openai' });
const names = (tools: readonly { name: string }[]) => tools.map((tool) => tool.name);

describe('the tools offered to a model', () => {
  it('offers Claude search-and-replace edits and no ApplyPatch', () => {
    const offered = names(toolsForModel(claude));
    assert.ok(offered.includes('Edit') && offered.includes('MultiEdit') && offered.includes('Write'));
    assert.ok(!offered.includes('ApplyPatch'));
  });

  it('offers GPT-family models ApplyPatch and no Edit or MultiEdit', () => {
    const offered = names(toolsForModel(gpt));
    assert.ok(offered.includes('ApplyPatch') && offered.includes('Write'));
    assert.ok(!offered.includes('Edit') && !offered.includes('MultiEdit'));
  });

  it('leaves Task and TodoWrite out for a sub-agent, and nothing else', () => {
    const main = names(toolsForModel(claude));
    const subagent = names(toolsForModel(claude, 'subagent'));
    assert.deepEqual(
      main.filter((name) => !subagent.includes(name)),
      ['TodoWrite', 'Task'],
    );
  });

  it('decides a new tool by what it declares, not by its name', () => {
    const patchLike = buildTool({
      name: 'mcp__files__patch',
      editStyle: 'apply_patch',
      offeredToSubagents: false,
      description: 'patches files',
      inputSchema: z.object({}),
      async *call() {
        return textResult('ok');
      },
    });
    const tools = [...allBuiltinTools, patchLike];
    assert.ok(names(offeredTools(tools, { model: gpt })).includes('mcp__files__patch'));
    assert.ok(!names(offeredTools(tools, { model: claude })).includes('mcp__files__patch'));
    assert.ok(
      !names(offeredTools(tools, { model: gpt, audience: 'subagent' })).includes('mcp__files__patch'),
    );
  });
});

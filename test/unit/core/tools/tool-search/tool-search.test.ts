import { strict as assert } from 'node:assert';
import { z } from 'zod';
import type { ToolDefinition } from '../../../../../src/core/model/model-client';
import { buildTool } from '../../../../../src/core/tools/build-tool';
import type { AnyTool } from '../../../../../src/core/tools/tool';
import { textResult } from '../../../../../src/core/tools/tool';
import { historyHasReminder } from '../../../../../src/core/tools/tool-search/deferred-tools-reminder';
import { searchTools } from '../../../../../src/core/tools/tool-search/search-tools';
import { ToolCatalog } from '../../../../../src/core/tools/tool-search/tool-catalog';
import { toAnthropicParams } from '../../../../../src/node/providers/anthropic-request';
import { createToolContext } from '../../../../support/tool-context';

function tool(name: string, description = `The ${name} tool.`, size = 0): AnyTool {
  return buildTool({
    name,
    description: `${description}${' padding'.repeat(size)}`,
    inputSchema: z.object({ value: z.string().optional() }),
    async *call() {
      return textResult(name);
    },
  });
}

const definitions: ToolDefinition[] = [
  { name: 'mcp__billing__create_invoice', description: 'Create an invoice for a customer.', inputSchema: {} },
  { name: 'mcp__billing__delete_invoice', description: 'Delete an invoice.', inputSchema: {} },
  { name: 'mcp__crm__createContact', description: 'Add a person to the CRM.', inputSchema: {} },
  { name: 'mcp__slack__send_message', description: 'Post to a channel.', inputSchema: {} },
  {
    name: 'mcp__github__create_issue',
    description: 'Open an issue, e.g. to report an invoice bug.',
    inputSchema: {},
  },
];

const builtins = [tool('Read'), tool('Bash')];
const signal = () => new AbortController().signal;

async function runSearch(catalog: ToolCatalog, query: string): Promise<string> {
  const search = catalog.tools.find((candidate) => candidate.name === 'ToolSearch');
  assert.ok(search, 'ToolSearch is offered');
  const generator = search.call({ query }, createToolContext());
  for (;;) {
    const step = await generator.next();
    if (step.done) return String(step.value.content);
  }
}

describe('ToolSearch', () => {
  describe('finding tools', () => {
    const cases: { query: string; found: string[] }[] = [
      {
        query: 'select:mcp__crm__createContact,mcp__slack__send_message',
        found: ['mcp__crm__createContact', 'mcp__slack__send_message'],
      },
      { query: 'select:MCP__SLACK__SEND_MESSAGE', found: ['mcp__slack__send_message'] },
      { query: 'select:create_issue', found: ['mcp__github__create_issue'] },
      { query: 'select:nothing_like_it', found: [] },
      {
        query: 'invoice create',
        found: [
          'mcp__billing__create_invoice',
          'mcp__billing__delete_invoice',
          'mcp__github__create_issue',
          'mcp__crm__createContact',
        ],
      },
      { query: '+billing invoice', found: ['mcp__billing__create_invoice', 'mcp__billing__delete_invoice'] },
      { query: 'contact', found: ['mcp__crm__createContact'] },
      { query: 'weather', found: [] },
    ];
    for (const { query, found } of cases) {
      it(`"${query}" finds ${found.length === 0 ? 'nothing' : found.join(', ')}`, () => {
        assert.deepEqual(
          searchTools(query, definitions).map((definition) => definition.name),
          found,
        );
      });
    }

    it('returns at most max_results keyword matches', () => {
      assert.equal(searchTools('invoice', definitions, 1).length, 1);
    });
  });

  describe('the catalog', () => {
    it('sends a few MCP tools in full, with no ToolSearch and no reminder', async () => {
      const catalog = new ToolCatalog({
        tools: builtins,
        deferrable: async () => [tool('mcp__x__one'), tool('mcp__x__two')],
      });
      await catalog.refresh(signal());
      assert.deepEqual(
        catalog.definitions().map((definition) => definition.name),
        ['Read', 'Bash', 'mcp__x__one', 'mcp__x__two'],
      );
      assert.equal(catalog.reminder(), undefined);
    });

    it('defers MCP tools past the budget: names in the reminder, ToolSearch in the request', async () => {
      const many = Array.from({ length: 30 }, (_, index) => tool(`mcp__big__tool_${index}`, 'A tool.', 20));
      const catalog = new ToolCatalog({ tools: builtins, deferrable: async () => many, budgetTokens: 500 });
      await catalog.refresh(signal());
      assert.deepEqual(
        catalog.definitions().map((definition) => definition.name),
        ['Read', 'Bash', 'ToolSearch'],
      );
      assert.match(catalog.reminder() ?? '', /mcp__big__tool_0\nmcp__big__tool_1\n/);
      assert.ok(
        catalog.tools.some((candidate) => candidate.name === 'mcp__big__tool_7'),
        'every tool stays callable',
      );
    });

    it('adds the tools a search loads after the cache breakpoint, keeps them across refreshes, and keeps the prefix', async () => {
      const many = Array.from({ length: 30 }, (_, index) =>
        tool(`mcp__big__tool_${index}`, `Tool number ${index}.`, 20),
      );
      const catalog = new ToolCatalog({ tools: builtins, deferrable: async () => many, budgetTokens: 500 });
      await catalog.refresh(signal());
      const before = catalog.definitions();
      const result = await runSearch(catalog, 'select:mcp__big__tool_3,mcp__big__tool_12');
      assert.match(result, /^<functions>\n<function>\{"description":"Tool number 3\./);
      assert.match(result, /Loaded: mcp__big__tool_3, mcp__big__tool_12\./);
      await catalog.refresh(signal());
      const after = catalog.definitions();
      assert.deepEqual(
        after.map((definition) => definition.name),
        ['Read', 'Bash', 'ToolSearch', 'mcp__big__tool_3', 'mcp__big__tool_12'],
      );
      assert.deepEqual(after.slice(0, 3), before, 'the definitions before the breakpoint do not change');

      const params = toAnthropicParams({
        model: 'm',
        system: [],
        messages: [],
        tools: after,
        maxTokens: 10,
        signal: signal(),
      });
      assert.deepEqual(
        params.tools?.map(
          (definition) => 'cache_control' in definition && definition.cache_control !== undefined,
        ),
        [false, false, true, false, false],
      );
    });

    it('says so when nothing matches, without loading anything', async () => {
      const many = Array.from({ length: 30 }, (_, index) => tool(`mcp__big__tool_${index}`, 'A tool.', 20));
      const catalog = new ToolCatalog({ tools: builtins, deferrable: async () => many, budgetTokens: 500 });
      await catalog.refresh(signal());
      assert.match(
        await runSearch(catalog, 'weather forecast'),
        /No deferred tool matches "weather forecast"/,
      );
      assert.equal(catalog.definitions().length, 3);
    });

    it('drops a loaded tool whose server is gone', async () => {
      let tools = Array.from({ length: 30 }, (_, index) => tool(`mcp__big__tool_${index}`, 'A tool.', 20));
      const catalog = new ToolCatalog({ tools: builtins, deferrable: async () => tools, budgetTokens: 500 });
      await catalog.refresh(signal());
      await runSearch(catalog, 'select:mcp__big__tool_1');
      tools = tools.filter((candidate) => candidate.name !== 'mcp__big__tool_1');
      await catalog.refresh(signal());
      assert.ok(!catalog.definitions().some((definition) => definition.name === 'mcp__big__tool_1'));
    });
  });

  it('finds its reminder in the history, and not after a compaction removed it', () => {
    const reminder = '<system-reminder>\nlist\n</system-reminder>';
    assert.equal(
      historyHasReminder([{ role: 'user', content: [{ type: 'text', text: reminder }] }], reminder),
      true,
    );
    assert.equal(
      historyHasReminder([{ role: 'user', content: [{ type: 'text', text: 'summary' }] }], reminder),
      false,
    );
  });
});

import { strict as assert } from 'node:assert';
import { estimateTokens } from '../../../../src/core/context/estimate-tokens';
import { defaultSystemPromptSections } from '../../../../src/core/context/sections/default-sections';
import { SystemPromptBuilder, systemPromptText } from '../../../../src/core/context/system-prompt';
import type { SystemPromptContext, SystemPromptSection } from '../../../../src/core/context/system-prompt';
import type { ModelInfo } from '../../../../src/core/model/model-client';

const claude: ModelInfo = {
  id: 'claude-test',
  provider: 'anthropic',
  contextWindow: 200_000,
  maxOutputTokens: 8_192,
  editTool: 'edit',
  supportsImages: true,
};

function context(overrides: Partial<SystemPromptContext> = {}): SystemPromptContext {
  return {
    model: claude,
    environment: { platform: 'linux', cwd: '/repo', isGitRepo: true },
    memory: [{ path: '/repo/CLAUDE.md', scope: 'project', depth: 0, content: 'Use pnpm, never npm.' }],
    mcpInstructions: [{ server: 'docs', instructions: 'Search before fetching pages.' }],
    ...overrides,
  };
}

describe('SystemPromptBuilder', () => {
  it('puts the static sections first, then the dynamic ones, each layer ending at a cache breakpoint', () => {
    const blocks = new SystemPromptBuilder(defaultSystemPromptSections()).build(context());
    const marked = blocks.flatMap((block, index) => (block.cacheBreakpoint === true ? [index] : []));
    assert.deepEqual(marked, [4, blocks.length - 1], 'five static sections, then the dynamic ones');
    const before = systemPromptText(blocks.slice(0, 5));
    const after = systemPromptText(blocks.slice(5));
    assert.doesNotMatch(before, /\/repo|pnpm/, 'session facts leaked into the shared part');
    assert.match(after, /Working directory: \/repo/);
    assert.match(after, /Contents of \/repo\/CLAUDE.md[\s\S]*Use pnpm, never npm\./);
    assert.match(after, /## docs\nSearch before fetching pages\./);
  });

  it('holds no fact that changes during a session: the date and git status travel as reminders', () => {
    const text = systemPromptText(new SystemPromptBuilder(defaultSystemPromptSections()).build(context()));
    assert.doesNotMatch(text, /\b20\d\d-\d\d-\d\d\b|Date:|Git status/);
  });

  it('puts volatile sections after the last breakpoint, so their changes keep the prompt cached', () => {
    let turn = 0;
    const builder = new SystemPromptBuilder([
      { id: 'servers', placement: 'dynamic', volatile: true, render: () => `servers at turn ${++turn}` },
      { id: 'memory', placement: 'dynamic', render: () => 'memory' },
      { id: 'rules', placement: 'static', render: () => 'rules' },
    ]);
    assert.deepEqual(builder.build(context()), [
      { text: 'rules', cacheBreakpoint: true },
      { text: 'memory', cacheBreakpoint: true },
      { text: 'servers at turn 1' },
    ]);
  });

  it('renders a section once per model, so a sub-agent on another model gets its own text', () => {
    const builder = new SystemPromptBuilder([
      { id: 'model', placement: 'dynamic', render: (prompt) => `model ${prompt.model.id}` },
    ]);
    builder.build(context());
    const other = builder.build(context({ model: { ...claude, id: 'claude-other' } }));
    assert.equal(other[0]?.text, 'model claude-other');
  });

  it('orders static sections before dynamic ones whatever order they are given in', () => {
    const sections: SystemPromptSection[] = [
      { id: 'env', placement: 'dynamic', render: () => 'dynamic' },
      { id: 'a', placement: 'static', render: () => 'static a' },
      { id: 'b', placement: 'static', render: () => 'static b' },
    ];
    assert.deepEqual(new SystemPromptBuilder(sections).build(context()), [
      { text: 'static a' },
      { text: 'static b', cacheBreakpoint: true },
      { text: 'dynamic', cacheBreakpoint: true },
    ]);
  });

  it('computes a non-volatile section once across turns and a volatile one every turn', () => {
    let stableCalls = 0;
    let volatileCalls = 0;
    const builder = new SystemPromptBuilder([
      { id: 'stable', placement: 'dynamic', render: () => `stable ${++stableCalls}` },
      { id: 'clock', placement: 'dynamic', volatile: true, render: () => `turn ${++volatileCalls}` },
    ]);
    builder.build(context());
    builder.build(context());
    const third = builder.build(context());
    assert.equal(stableCalls, 1);
    assert.equal(volatileCalls, 3);
    assert.deepEqual(
      third.map((block) => block.text),
      ['stable 1', 'turn 3'],
    );
    builder.invalidate('stable');
    assert.equal(builder.build(context())[0]?.text, 'stable 2');
  });

  it('leaves out sections with nothing to say', () => {
    const blocks = new SystemPromptBuilder(defaultSystemPromptSections()).build(
      context({ memory: [], mcpInstructions: [] }),
    );
    const text = systemPromptText(blocks);
    assert.doesNotMatch(text, /memory files|MCP server instructions/);
  });

  it('tells the model to use Edit, or ApplyPatch when that is its edit tool', () => {
    const edit = systemPromptText(new SystemPromptBuilder(defaultSystemPromptSections()).build(context()));
    const patch = systemPromptText(
      new SystemPromptBuilder(defaultSystemPromptSections()).build(
        context({ model: { ...claude, editTool: 'apply_patch' } }),
      ),
    );
    assert.match(edit, /Change existing files with Edit/);
    assert.doesNotMatch(edit, /ApplyPatch/);
    assert.match(patch, /Change existing files with ApplyPatch/);
  });

  it('covers the rules the harness relies on', () => {
    const text = systemPromptText(new SystemPromptBuilder(defaultSystemPromptSections()).build(context()));
    for (const required of [
      /concise/i,
      /Read a file before you edit it/,
      /TodoWrite/,
      /exactly one item in_progress/,
      /parallel/,
      /Never commit, push, force-push/,
      /Never invent URLs/,
      /<system-reminder>/,
      /`path:line`/,
    ]) {
      assert.match(text, required);
    }
  });

  it('keeps the static part within its budget of about 1,800 tokens', () => {
    for (const editTool of ['edit', 'apply_patch'] as const) {
      const blocks = new SystemPromptBuilder(defaultSystemPromptSections()).build(
        context({ model: { ...claude, editTool } }),
      );
      const boundary = blocks.findIndex((block) => block.cacheBreakpoint === true);
      const tokens = estimateTokens(systemPromptText(blocks.slice(0, boundary + 1)));
      assert.ok(tokens <= 1_800, `static prompt is ${tokens} tokens`);
    }
  });
});

describe('estimateTokens', () => {
  it('counts a token per four characters, rounded up', () => {
    assert.deepEqual([estimateTokens(''), estimateTokens('abcd'), estimateTokens('abcde')], [0, 1, 2]);
  });
});

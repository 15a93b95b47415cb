/**
 * Prints the estimated size (characters ÷ 4) of Tandem's system prompt: the static part (cached
 * across sessions), and the dynamic part with a sample environment and a small CLAUDE.md.
 * Then the tool definitions the model is offered, and the sum: what every request carries before the
 * conversation. Run: `npx tsx bench/prompt-size.ts`.
 */
import { estimateTokens } from '../src/core/context/estimate-tokens';
import { defaultSystemPromptSections } from '../src/core/context/sections/default-sections';
import { SystemPromptBuilder } from '../src/core/context/system-prompt';
import type { SystemPromptContext } from '../src/core/context/system-prompt';
import type { ModelInfo } from '../src/core/model/model-client';
import { toolsForModel } from '../src/core/tools/builtin-tools';
import { toolDefinitions } from '../src/core/tools/tool-definitions';

const staticBudget = 1_800;

function model(editTool: ModelInfo['editTool']): ModelInfo {
  return {
    id: editTool === 'edit' ? 'claude-sonnet' : 'gpt-family',
    provider: 'sample',
    contextWindow: 200_000,
    maxOutputTokens: 16_000,
    editTool,
    supportsImages: true,
  };
}

function sampleContext(editTool: ModelInfo['editTool']): SystemPromptContext {
  return {
    model: model(editTool),
    environment: {
      platform: 'linux',
      cwd: '/home/dev/shop',
      isGitRepo: true,
      shell: 'bash',
    },
    memory: [
      {
        path: '/home/dev/shop/CLAUDE.md',
        scope: 'project',
        depth: 0,
        content:
          '# Shop\n- Build: `npm run build`; test: `npm test -- --grep <name>`.\n- TypeScript strict; no default exports.\n- Money is integer cents, never floats.',
      },
    ],
    mcpInstructions: [],
  };
}

const rows: {
  prompt: string;
  staticTokens: number;
  dynamicTokens: number;
  toolTokens: number;
  totalTokens: number;
}[] = [];
for (const editTool of ['edit', 'apply_patch'] as const) {
  const blocks = new SystemPromptBuilder(defaultSystemPromptSections()).build(sampleContext(editTool));
  const boundary = blocks.findIndex((block) => block.cacheBreakpoint === true);
  const staticText = blocks
    .slice(0, boundary + 1)
    .map((block) => block.text)
    .join('\n\n');
  const dynamicText = blocks
    .slice(boundary + 1)
    .map((block) => block.text)
    .join('\n\n');
  const staticTokens = estimateTokens(staticText);
  const dynamicTokens = estimateTokens(dynamicText);
  const toolTokens = estimateTokens(JSON.stringify(toolDefinitions(toolsForModel(model(editTool)))));
  rows.push({
    prompt: `editTool=${editTool}`,
    staticTokens,
    dynamicTokens,
    toolTokens,
    totalTokens: staticTokens + dynamicTokens + toolTokens,
  });
}
console.log('| prompt | static | dynamic | tool definitions | total |');
console.log('|---|---|---|---|---|');
for (const row of rows) {
  console.log(
    `| ${row.prompt} | ${row.staticTokens} | ${row.dynamicTokens} | ${row.toolTokens} | ${row.totalTokens} |`,
  );
}
const worst = Math.max(...rows.map((row) => row.staticTokens));
console.log(
  `static part: ${worst} of ${staticBudget} estimated tokens (${((worst / staticBudget) * 100).toFixed(0)}% of budget)`,
);

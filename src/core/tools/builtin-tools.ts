import type { ModelInfo } from '../model/model-client';
import { applyPatchTool } from './apply-patch/apply-patch-tool';
import { bashOutputTool } from './bash/bash-output-tool';
import { bashTool } from './bash/bash-tool';
import { killShellTool } from './bash/kill-shell-tool';
import { editTool } from './edit/edit-tool';
import { globTool } from './glob/glob-tool';
import { grepTool } from './grep/grep-tool';
import { multiEditTool } from './multi-edit/multi-edit-tool';
import { readTool } from './read/read-tool';
import { taskTool } from './task/task-tool';
import type { AnyTool } from './tool';
import { todoWriteTool } from './todo-write/todo-write-tool';
import { webFetchTool } from './web-fetch/web-fetch-tool';
import { writeTool } from './write/write-tool';

/** Every built-in tool, by name; MCP tools join later under `mcp__<server>__<tool>`. */
export const allBuiltinTools: readonly AnyTool[] = [
  readTool,
  writeTool,
  editTool,
  multiEditTool,
  applyPatchTool,
  globTool,
  grepTool,
  bashTool,
  bashOutputTool,
  killShellTool,
  todoWriteTool,
  webFetchTool,
  taskTool,
];

/** Who the tools are for: the main conversation, or a sub-agent working on one task. */
export type ToolAudience = 'main' | 'subagent';

/** Options of {@link offeredTools}. */
export interface OfferedToolsOptions {
  model: ModelInfo;
  /** Default `main`. */
  audience?: ToolAudience;
}

/**
 * The tools of a set offered to one model: tools of another edit style than the model's are left
 * out (so the prompt does not carry two ways to do one thing), and so are tools not offered to
 * sub-agents when the audience is one. Decided by each tool's traits, so a new tool (an MCP tool,
 * a new built-in) declares where it belongs.
 */
export function offeredTools(tools: readonly AnyTool[], options: OfferedToolsOptions): AnyTool[] {
  const forSubagent = options.audience === 'subagent';
  return tools.filter(
    (tool) =>
      (tool.editStyle === undefined || tool.editStyle === options.model.editTool) &&
      (!forSubagent || tool.offeredToSubagents),
  );
}

/** The built-in tools offered to one model; see {@link offeredTools}. */
export function toolsForModel(model: ModelInfo, audience: ToolAudience = 'main'): AnyTool[] {
  return offeredTools(allBuiltinTools, { model, audience });
}

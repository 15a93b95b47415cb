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

/** Tools a sub-agent does without: it cannot nest, and the todo list belongs to the main conversation. */
const parentOnlyTools = ['Task', 'TodoWrite'];

/**
 * The tools offered to one model: its preferred edit tool only (search-and-replace for Claude,
 * ApplyPatch for GPT-family), so the prompt does not carry two ways to do one thing.
 */
export function toolsForModel(model: ModelInfo, role: 'main' | 'subagent' = 'main'): AnyTool[] {
  const hidden = model.editTool === 'apply_patch' ? ['Edit', 'MultiEdit'] : ['ApplyPatch'];
  if (role === 'subagent') hidden.push(...parentOnlyTools);
  return allBuiltinTools.filter((tool) => !hidden.includes(tool.name));
}

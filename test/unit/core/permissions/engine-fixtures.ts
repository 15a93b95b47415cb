import { z } from 'zod';
import { buildTool } from '../../../../src/core/tools/build-tool';
import type {
  AnyTool,
  PermissionKind,
  ToolContext,
  ToolPermissionCheck,
} from '../../../../src/core/tools/tool';
import { textResult } from '../../../../src/core/tools/tool';
import type { PermissionEngineOptions } from '../../../../src/core/permissions/permission-engine';
import { PermissionEngine } from '../../../../src/core/permissions/permission-engine';
import type { RuleSource } from '../../../../src/core/permissions/permission-rule';
import { buildRuleSet } from '../../../../src/core/permissions/permission-rule';
import type { ShellParser } from '../../../../src/core/permissions/shell-parser';
import { TreeSitterShellParser } from '../../../../src/node/bash-parser/tree-sitter-shell-parser';
import { createToolContext } from '../../../support/tool-context';
import { MemoryWorkspace } from '../../../support/memory-workspace';

export const root = '/work/project';
export const home = '/home/dev';

async function* done() {
  return textResult('done');
}

/** A Bash-like tool: its permission target is the command; never read-only. */
export const bashTool: AnyTool = buildTool({
  name: 'Bash',
  permissionKind: 'execute',
  description: 'shell',
  inputSchema: z.object({ command: z.string() }),
  permissionTarget: (input) => input.command,
  call: done,
});

/** A file tool named `name`, targeting `input.path`: a `read` tool when read-only, else an `edit` tool. */
export function fileTool(name: string, readOnly: boolean, check?: ToolPermissionCheck): AnyTool {
  return buildTool({
    name,
    permissionKind: readOnly ? 'read' : 'edit',
    description: name,
    inputSchema: z.object({ path: z.string() }),
    isReadOnly: () => readOnly,
    permissionTarget: (input) => input.path,
    ...(check ? { checkPermissions: async () => check } : {}),
    call: done,
  });
}

/** Any other tool: its kind, whether it is read-only, and what its permission target is. */
export function namedTool(options: {
  name: string;
  kind: PermissionKind;
  readOnly: boolean;
  target?: (input: { url?: string; path?: string }) => string | undefined;
}): AnyTool {
  return buildTool({
    name: options.name,
    permissionKind: options.kind,
    description: options.name,
    inputSchema: z.object({ url: z.string().optional(), path: z.string().optional() }),
    isReadOnly: () => options.readOnly,
    permissionTarget: (input) => options.target?.(input),
    call: done,
  });
}

let parser: Promise<ShellParser> | undefined;
export function loadParser(): Promise<ShellParser> {
  parser ??= TreeSitterShellParser.load();
  return parser;
}

export interface EngineSetup {
  allow?: string[];
  ask?: string[];
  deny?: string[];
  source?: RuleSource;
  overrides?: Partial<PermissionEngineOptions>;
  workspace?: MemoryWorkspace;
}

/** An engine over /work/project with the real tree-sitter parser and an in-memory workspace. */
export async function createEngine(
  setup: EngineSetup = {},
): Promise<{ engine: PermissionEngine; context: ToolContext }> {
  const source = setup.source ?? { source: 'project', root };
  const { rules, errors } = buildRuleSet([
    { behavior: 'allow', rules: setup.allow ?? [], source },
    { behavior: 'ask', rules: setup.ask ?? [], source },
    { behavior: 'deny', rules: setup.deny ?? [], source },
  ]);
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const workspace = setup.workspace ?? new MemoryWorkspace([root]);
  const engine = new PermissionEngine({
    rules,
    mode: 'default',
    workspaceRoots: [root],
    cwd: root,
    home,
    caseInsensitive: false,
    trusted: true,
    shellParser: await loadParser(),
    workspace,
    ...setup.overrides,
  });
  return { engine, context: createToolContext({ workspace, cwd: root, shellState: { cwd: root } }) };
}

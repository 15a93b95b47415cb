import type {
  EditStyle,
  PermissionKind,
  Tool,
  ToolContext,
  ToolPermissionCheck,
  ToolProgress,
  ToolResult,
} from './tool';
import type { z } from 'zod';

export interface ToolDefinitionOptions<Input> {
  name: string;
  /** Default `other`: matched by name only, asked about unless a rule allows it. */
  permissionKind?: PermissionKind;
  abortsSiblingsOnFailure?: boolean;
  editStyle?: EditStyle;
  /** Default true. */
  offeredToSubagents?: boolean;
  description: string;
  inputSchema: z.ZodType<Input>;
  call(input: Input, context: ToolContext): AsyncGenerator<ToolProgress, ToolResult>;
  maxResultChars?: number;
  isReadOnly?(input: Input): boolean;
  isConcurrencySafe?(input: Input): boolean;
  checkPermissions?(input: Input, context: ToolContext): Promise<ToolPermissionCheck>;
  permissionTarget?(input: Input, context: ToolContext): string | undefined;
  filePaths?(input: Input, context: ToolContext): readonly string[];
  summarize?(input: Input): string;
}

const defaultMaxResultChars = 30_000;

/**
 * Fills the fail-closed defaults: a tool that does not say otherwise writes, must run alone, is
 * matched by permission rules under its own name only, and leaves the permission decision to rules
 * and mode (which ask for writing tools). It is offered to every model and to sub-agents, and names
 * no files.
 */
export function buildTool<Input>(options: ToolDefinitionOptions<Input>): Tool<Input> {
  return {
    name: options.name,
    permissionKind: options.permissionKind ?? 'other',
    abortsSiblingsOnFailure: options.abortsSiblingsOnFailure ?? false,
    editStyle: options.editStyle,
    offeredToSubagents: options.offeredToSubagents ?? true,
    description: options.description,
    inputSchema: options.inputSchema,
    maxResultChars: options.maxResultChars ?? defaultMaxResultChars,
    isReadOnly: options.isReadOnly ?? (() => false),
    isConcurrencySafe: options.isConcurrencySafe ?? (() => false),
    checkPermissions: options.checkPermissions ?? (async () => ({ behavior: 'passthrough' })),
    permissionTarget: options.permissionTarget ?? (() => undefined),
    filePaths: options.filePaths ?? (() => []),
    summarize: options.summarize ?? (() => ''),
    call: options.call,
  };
}

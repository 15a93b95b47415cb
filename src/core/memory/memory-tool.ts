import { z } from 'zod';
import { buildTool } from '../tools/build-tool';
import type { Tool, ToolResult } from '../tools/tool';
import { errorResult, textResult } from '../tools/tool';
import type { MemoryFolder } from './memory-folder';
import { MemoryFolderError } from './memory-folder';
import { memoryIndexName, resolveMemoryPath } from './memory-path';
import { memoryIndexLimits } from './memory-section';

/** Longest topic file accepted, in characters: a memory is a note, not a document. */
export const maxMemoryFileChars = 20_000;

/** Input of the Memory tool. */
export const memoryInputSchema = z.object({
  command: z
    .enum(['view', 'create', 'str_replace', 'delete'])
    .describe('view (without a path: the list), create (creates or replaces), str_replace, delete.'),
  path: z
    .string()
    .optional()
    .describe(`Relative to the memory folder, e.g. "${memoryIndexName}" or "feedback_testing.md".`),
  content: z.string().optional().describe('create: the whole file.'),
  old_str: z.string().optional().describe('str_replace: text that occurs exactly once in the file.'),
  new_str: z.string().optional().describe('str_replace: what replaces it.'),
});

/** A parsed Memory input. */
export type MemoryInput = z.infer<typeof memoryInputSchema>;

const description = `Your memory for this project, kept between sessions as small Markdown files. ${memoryIndexName}, their index, is in every session; other files are read when you view them.

Save what future sessions need and the project cannot tell them: the person's role and preferences (user); corrections or confirmations they gave, with why (feedback); facts and decisions not in the code (project); where outside things live (reference). Save when asked to remember, when corrected, or on learning such a fact. Never save secrets, what the code, git or CLAUDE.md already say, or the current task's progress.

One topic per file (feedback_testing.md), opening with front matter: name, description (when it is relevant), type. ${memoryIndexName} keeps one line per file, "- [Name](file.md) — what it holds", at most ${memoryIndexLimits.lines} lines. View the list before creating; update or delete rather than duplicate; write absolute dates.`;

/**
 * The Memory tool over one project's memory folder. `view` is read-only; the others write only
 * inside that folder, so the tool allows itself (rules and modes still apply: a deny or ask rule
 * on `Memory` holds, plan mode and untrusted workspaces refuse the writes). Offered to the main
 * conversation only: sub-agents do not keep memories.
 */
export function createMemoryTool(folder: MemoryFolder): Tool<MemoryInput> {
  return buildTool<MemoryInput>({
    name: 'Memory',
    permissionKind: 'other',
    offeredToSubagents: false,
    description,
    inputSchema: memoryInputSchema,
    maxResultChars: maxMemoryFileChars + 2_000,
    isReadOnly: (input) => input.command === 'view',
    isConcurrencySafe: (input) => input.command === 'view',
    // A path outside the folder is refused by the call itself, with the reason the model needs.
    checkPermissions: async () => ({
      behavior: 'allow',
      reason: 'Memory reads and writes stay inside the memory folder.',
    }),
    permissionTarget: (input) => input.path,
    summarize: (input) => `${input.command}${input.path ? ` ${input.path}` : ''}`,
    async *call(input) {
      try {
        return await run(folder, input);
      } catch (error) {
        if (MemoryFolderError.is(error)) return errorResult(error.message);
        throw error;
      }
    },
  });
}

async function run(folder: MemoryFolder, input: MemoryInput): Promise<ToolResult> {
  if (input.command === 'view' && input.path === undefined) return listing(folder);
  if (input.path === undefined) return errorResult(`${input.command} needs a path.`);
  const resolved = resolveMemoryPath(input.path);
  if (!resolved.ok) return errorResult(resolved.reason);
  const { path } = resolved;
  switch (input.command) {
    case 'view': {
      const text = await folder.read(path);
      return text === undefined
        ? errorResult(`There is no memory file ${path}. View without a path to list them.`)
        : textResult(text === '' ? '(empty file)' : text);
    }
    case 'create': {
      if (input.content === undefined) return errorResult('create needs content: the whole file.');
      const tooBig = sizeProblem(path, input.content);
      if (tooBig) return errorResult(tooBig);
      const existed = (await folder.read(path)) !== undefined;
      await folder.write(path, input.content);
      return textResult(`${existed ? 'Replaced' : 'Created'} ${path}.${indexReminder(path, existed)}`);
    }
    case 'str_replace':
      return replace(folder, path, input);
    case 'delete':
      return (await folder.delete(path))
        ? textResult(
            `Deleted ${path}.${path === memoryIndexName ? '' : ` Remove its line from ${memoryIndexName}.`}`,
          )
        : errorResult(`There is no memory file ${path}.`);
  }
}

async function replace(folder: MemoryFolder, path: string, input: MemoryInput): Promise<ToolResult> {
  if (input.old_str === undefined || input.new_str === undefined)
    return errorResult('str_replace needs old_str and new_str.');
  const text = await folder.read(path);
  if (text === undefined) return errorResult(`There is no memory file ${path}; create it instead.`);
  const count = input.old_str === '' ? 0 : text.split(input.old_str).length - 1;
  if (count !== 1)
    return errorResult(
      count === 0
        ? `old_str does not occur in ${path}. View the file and copy the text exactly.`
        : `old_str occurs ${count} times in ${path}; include more of the text around it so it occurs once.`,
    );
  const next = text.replace(input.old_str, () => input.new_str ?? '');
  const tooBig = sizeProblem(path, next);
  if (tooBig) return errorResult(tooBig);
  await folder.write(path, next);
  return textResult(`Updated ${path}.`);
}

async function listing(folder: MemoryFolder): Promise<ToolResult> {
  const files = await folder.list();
  if (files.length === 0)
    return textResult(`The memory folder is empty. Create ${memoryIndexName} with your first memory.`);
  const lines = files.map((file) => `${file.path} (${file.size.toLocaleString('en-US')} bytes)`);
  return textResult(`Memory files:\n${lines.join('\n')}`);
}

function sizeProblem(path: string, text: string): string | undefined {
  if (path === memoryIndexName) {
    const lines = text.trimEnd().split('\n').length;
    const bytes = new TextEncoder().encode(text).length;
    if (lines > memoryIndexLimits.lines || bytes > memoryIndexLimits.bytes)
      return `${memoryIndexName} would have ${lines} lines (${bytes.toLocaleString('en-US')} bytes); it is loaded into every session, so it stays within ${memoryIndexLimits.lines} lines and ${memoryIndexLimits.bytes.toLocaleString('en-US')} bytes. Keep one short line per file and move detail into the topic files.`;
    return undefined;
  }
  if (text.length > maxMemoryFileChars)
    return `A memory file holds at most ${maxMemoryFileChars.toLocaleString('en-US')} characters; this would be ${text.length.toLocaleString('en-US')}. Keep the note short, or split it by topic.`;
  return undefined;
}

function indexReminder(path: string, existed: boolean): string {
  return path === memoryIndexName || existed ? '' : ` Add a line for it to ${memoryIndexName}.`;
}

import { z } from 'zod';
import { editFile } from '../../edits/edit-file';
import { filePathTarget, requireAbsolutePath } from '../../edits/resolve-file-path';
import { buildTool } from '../build-tool';
import { inputFilePath } from '../input-file-path';
import type { Tool } from '../tool';
import { errorResult } from '../tool';

const editInputSchema = z.object({
  file_path: z.string().describe('Absolute path of the file to change.'),
  old_string: z
    .string()
    .describe('The exact text to replace, copied from the file without line-number prefixes.'),
  new_string: z.string().describe('The replacement text; must differ from old_string.'),
  replace_all: z
    .boolean()
    .optional()
    .describe('Replace every occurrence instead of exactly one (default false).'),
});

/** The Edit tool's input. */
export type EditInput = z.infer<typeof editInputSchema>;

const description = `Replaces text in a file: old_string becomes new_string.
- Read the file first in this session; editing an unread file is refused.
- old_string must match exactly one place. Copy it from the Read output as it is, without the line-number prefix, with its indentation. Include enough surrounding lines to make it unique, or set replace_all to change every occurrence (handy for renames).
- Quote every line you replace: placeholders such as "..." or "// rest of code" are refused.
- An empty old_string creates a new file.
- Prefer editing existing files over writing new ones.`;

/** Edit: one search-and-replace through the shared edit engine and the session's FileWriter. */
export const editTool: Tool<EditInput> = buildTool({
  name: 'Edit',
  permissionKind: 'edit',
  editStyle: 'edit',
  description,
  inputSchema: editInputSchema,
  permissionTarget: filePathTarget,
  filePaths: inputFilePath,
  summarize: (input) => input.file_path,
  async *call(input, context) {
    const resolved = requireAbsolutePath(input.file_path, context.cwd);
    if (!resolved.ok) return errorResult(resolved.message);
    return editFile(context, resolved.path, [
      { oldString: input.old_string, newString: input.new_string, replaceAll: input.replace_all ?? false },
    ]);
  },
});

import { z } from 'zod';
import { editFile } from '../../edits/edit-file';
import { filePathTarget, requireAbsolutePath } from '../../edits/resolve-file-path';
import { buildTool } from '../build-tool';
import { inputFilePath } from '../input-file-path';
import type { Tool } from '../tool';
import { errorResult } from '../tool';

const editInputSchema = z.object({
  file_path: z.string().describe('Absolute path.'),
  old_string: z.string().describe('The exact text to replace.'),
  new_string: z.string().describe('The replacement; it must differ.'),
  replace_all: z.boolean().optional().describe('Replace every occurrence (default: exactly one).'),
});

/** The Edit tool's input. */
export type EditInput = z.infer<typeof editInputSchema>;

const description = `Replaces old_string with new_string in a file read in this session (an unread file is refused).
- old_string must match exactly one place: copy it from Read's output without the line-number prefixes, indentation included, with enough surrounding lines to be unique; or set replace_all (renames).
- Quote every line you replace: placeholders such as "..." or "// rest of code" are refused.
- An empty old_string creates a new file.`;

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

import { z } from 'zod';
import { editFile } from '../../edits/edit-file';
import { filePathTarget, requireAbsolutePath } from '../../edits/resolve-file-path';
import { buildTool } from '../build-tool';
import { inputFilePath } from '../input-file-path';
import type { Tool } from '../tool';
import { errorResult } from '../tool';

const multiEditInputSchema = z.object({
  file_path: z.string().describe('Absolute path.'),
  edits: z
    .array(
      z.object({
        old_string: z.string().describe('The exact text to replace, as the edits before leave it.'),
        new_string: z.string().describe('The replacement; it must differ.'),
        replace_all: z.boolean().optional().describe('Replace every occurrence.'),
      }),
    )
    .min(1)
    .describe('Applied in order.'),
});

/** The MultiEdit tool's input. */
export type MultiEditInput = z.infer<typeof multiEditInputSchema>;

const description = `Several Edit replacements in one file, with Edit's rules. They apply in order, each to the text the one before produced, and all or none. To create a file, start with an empty old_string.`;

/** MultiEdit: several Edit-style replacements, atomically, in one proposal. */
export const multiEditTool: Tool<MultiEditInput> = buildTool({
  name: 'MultiEdit',
  permissionKind: 'edit',
  editStyle: 'edit',
  description,
  inputSchema: multiEditInputSchema,
  permissionTarget: filePathTarget,
  filePaths: inputFilePath,
  summarize: (input) => input.file_path,
  async *call(input, context) {
    const resolved = requireAbsolutePath(input.file_path, context.cwd);
    if (!resolved.ok) return errorResult(resolved.message);
    const edits = input.edits.map((edit) => ({
      oldString: edit.old_string,
      newString: edit.new_string,
      replaceAll: edit.replace_all ?? false,
    }));
    return editFile(context, resolved.path, edits);
  },
});

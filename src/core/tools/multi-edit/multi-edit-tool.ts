import { z } from 'zod';
import { editFile } from '../../edits/edit-file';
import { filePathTarget, requireAbsolutePath } from '../../edits/resolve-file-path';
import { buildTool } from '../build-tool';
import { inputFilePath } from '../input-file-path';
import type { Tool } from '../tool';
import { errorResult } from '../tool';

const multiEditInputSchema = z.object({
  file_path: z.string().describe('Absolute path of the file to change.'),
  edits: z
    .array(
      z.object({
        old_string: z
          .string()
          .describe('The exact text to replace, as it reads after the edits before this one.'),
        new_string: z.string().describe('The replacement text; must differ from old_string.'),
        replace_all: z
          .boolean()
          .optional()
          .describe('Replace every occurrence instead of exactly one (default false).'),
      }),
    )
    .min(1)
    .describe('Edits applied in order, each to the result of the previous one.'),
});

/** The MultiEdit tool's input. */
export type MultiEditInput = z.infer<typeof multiEditInputSchema>;

const description = `Makes several replacements in one file at once, with the same rules as Edit.
- Edits apply in order, each to the text the previous one produced; all apply or none do.
- Read the file first in this session.
- Each old_string must match exactly one place (or set replace_all). Later edits must not depend on text an earlier edit removed.
- To create a file, give a first edit with an empty old_string.`;

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

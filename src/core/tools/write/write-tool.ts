import { z } from 'zod';
import { loadTextFile } from '../../edits/load-text-file';
import { describeWriteOutcome, proposeFileWrite } from '../../edits/propose-file-write';
import { filePathTarget, requireAbsolutePath } from '../../edits/resolve-file-path';
import type { TextFormat } from '../../edits/text-codec';
import { convertLineEndings, defaultTextFormat } from '../../edits/text-codec';
import { buildTool } from '../build-tool';
import type { WholeFileState } from '../file-state-cache';
import { inputFilePath } from '../input-file-path';
import type { Tool, ToolContext, ToolResult } from '../tool';
import { errorResult, textResult } from '../tool';

const writeInputSchema = z.object({
  file_path: z.string().describe('Absolute path.'),
  content: z.string().describe('The whole new content.'),
});

/** The Write tool's input. */
export type WriteInput = z.infer<typeof writeInputSchema>;

const description = `Writes a whole file, creating or replacing it.
- To replace a file you must have read all of it in this session, and it must not have changed since; if it has, read it again.
- For a change to part of a file use Edit, which sends only the difference.`;

/**
 * Write: a whole new content through the session's FileWriter. Over an existing file it requires
 * that the file holds exactly what the agent last read in full (whoever changed it since — the
 * person, a formatter, the agent's own shell — the Write is refused with "read it again"); it keeps
 * the file's encoding, BOM and CRLF endings.
 */
export const writeTool: Tool<WriteInput> = buildTool({
  name: 'Write',
  permissionKind: 'edit',
  description,
  inputSchema: writeInputSchema,
  permissionTarget: filePathTarget,
  filePaths: inputFilePath,
  summarize: (input) => input.file_path,
  async *call(input, context) {
    const resolved = requireAbsolutePath(input.file_path, context.cwd);
    if (!resolved.ok) return errorResult(resolved.message);
    return writeFile(context, resolved.path, input.content);
  },
});

async function writeFile(context: ToolContext, path: string, content: string): Promise<ToolResult> {
  const loaded = await loadTextFile(context.workspace, path);
  if (loaded.kind === 'directory') return errorResult(`${path} is a directory, not a file.`);
  if (loaded.kind === 'binary')
    return errorResult(`${path} is a binary file; Write only replaces text files.`);
  let before: string | undefined;
  let format: TextFormat = defaultTextFormat;
  let after = content;
  if (loaded.kind === 'text') {
    const refusal = wholeFileRefusal(path, await context.fileState.wholeFileState(path, loaded.decoded.text));
    if (refusal) return errorResult(refusal);
    before = loaded.decoded.text;
    format = loaded.decoded;
    if (format.lineEnding === '\r\n') after = convertLineEndings(content, '\r\n');
  }
  const written = await proposeFileWrite(context, { path, before, after, format });
  if (written.kind === 'rejected')
    return errorResult(`The person rejected this write to ${path}: ${written.reason}`);
  const lineCount = (written.content ?? after).split('\n').length;
  const action =
    before === undefined ? `Created ${path} (${lineCount} lines).` : `Wrote ${path} (${lineCount} lines).`;
  return textResult(action + describeWriteOutcome(written), { kind: 'diff', path, diff: written.diff });
}

/**
 * Why a file may not be replaced or deleted as a whole, or undefined when it may: the agent must
 * have read all of its current text. `then` says what to do after reading (`write`, `delete it`).
 * Shared by Write and by ApplyPatch's whole-file deletions.
 */
export function wholeFileRefusal(path: string, state: WholeFileState, then = 'write'): string | undefined {
  switch (state) {
    case 'never-read':
      return `${path} already exists and you have not read it in this session. Read it first, then ${then}.`;
    case 'partial':
      return `You have not read all of ${path} as it is now. Read the whole file (without offset and limit, or in parts that cover it), then ${then}.`;
    case 'changed':
      return `${path} has changed since you last read it (by the person, a tool or a command). Read it again, then ${then}.`;
    case 'unchanged':
      return undefined;
  }
}

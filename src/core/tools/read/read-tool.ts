import { z } from 'zod';
import type { ImageBlock, TextBlock } from '../../messages/message';
import { numberLines } from '../../edits/number-lines';
import { filePathTarget, requireAbsolutePath } from '../../edits/resolve-file-path';
import { decodeText, detectImageType, isBinary } from '../../edits/text-codec';
import { buildTool } from '../build-tool';
import { inputFilePath } from '../input-file-path';
import type { Tool, ToolContext, ToolResult } from '../tool';
import { errorResult, textResult } from '../tool';
import { suggestSimilarNames } from './similar-names';

const defaultLimit = 2_000;
const maxLineChars = 2_000;
const maxImageBytes = 5 * 1024 * 1024;

const readInputSchema = z.object({
  file_path: z.string().describe('Absolute path.'),
  offset: z.number().int().min(1).optional().describe('First line to read, 1-based.'),
  limit: z.number().int().min(1).optional().describe(`Lines to read; default ${defaultLimit}.`),
});

/** The Read tool's input. */
export type ReadInput = z.infer<typeof readInputSchema>;

// Read-before-edit and parallel reads are rules of the system prompt; this says what Read returns.
const description = `Reads a text file, or shows a PNG, JPEG, GIF or WebP image.
- Each line comes after its number and a tab. The prefix is not part of the file: never copy it into an edit.
- Up to ${defaultLimit} lines, each cut at ${maxLineChars} characters. Read whole files; page with offset and limit only through a file too long for one read.`;

/**
 * Read: numbered text (`<number>\t<line>`), images as image blocks, clear errors for directories, binaries and
 * missing files. Records what was read in `context.fileState` for the edit guards. Read-only.
 */
export const readTool: Tool<ReadInput> = buildTool({
  name: 'Read',
  permissionKind: 'read',
  description,
  inputSchema: readInputSchema,
  maxResultChars: 100_000,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  permissionTarget: filePathTarget,
  filePaths: inputFilePath,
  summarize: (input) => input.file_path,
  async *call(input, context) {
    const resolved = requireAbsolutePath(input.file_path, context.cwd);
    if (!resolved.ok) return errorResult(resolved.message);
    return readFile(resolved.path, input, context);
  },
});

async function readFile(path: string, input: ReadInput, context: ToolContext): Promise<ToolResult> {
  const stat = await context.workspace.stat(path);
  if (!stat)
    return errorResult(`File does not exist: ${path}.${await suggestSimilarNames(context.workspace, path)}`);
  if (stat.kind === 'directory')
    return errorResult(`${path} is a directory, not a file. List it with Glob or Bash (ls).`);
  const { bytes } = await context.workspace.readFile(path);
  const imageType = detectImageType(bytes);
  if (imageType) return imageResult(path, imageType, bytes);
  if (isBinary(bytes))
    return errorResult(`${path} is a binary file (${stat.size} bytes); Read shows only text and images.`);
  const { text, finalNewline } = decodeText(bytes);
  const lines = text.split(/\r?\n/);
  if (finalNewline) lines.pop();
  const start = (input.offset ?? 1) - 1;
  const limit = input.limit ?? defaultLimit;
  const shown = lines.slice(start, start + limit);
  await context.fileState.recordRead(path, {
    content: text,
    mtimeMs: stat.mtimeMs,
    lines: { start, end: start + shown.length, total: lines.length },
  });
  if (text === '')
    return textResult(`<system-reminder>The file ${path} exists but is empty.</system-reminder>`);
  if (shown.length === 0) {
    return textResult(
      `<system-reminder>The file has ${lines.length} lines; offset ${start + 1} is past its end.</system-reminder>`,
    );
  }
  const body = numberLines(shown.map(cutLongLine), start + 1);
  const end = start + shown.length;
  const more =
    end < lines.length
      ? `\n\n(Showing lines ${start + 1}–${end} of ${lines.length}. Use offset and limit to read more.)`
      : '';
  return textResult(body + more);
}

function cutLongLine(line: string): string {
  return line.length > maxLineChars
    ? `${line.slice(0, maxLineChars)}… [line cut: ${line.length} characters]`
    : line;
}

function imageResult(path: string, mediaType: string, bytes: Uint8Array): ToolResult {
  if (bytes.length > maxImageBytes) {
    return errorResult(
      `${path} is an image of ${bytes.length} bytes, over the ${maxImageBytes}-byte limit for images.`,
    );
  }
  const blocks: (TextBlock | ImageBlock)[] = [
    { type: 'text', text: `Image ${path} (${mediaType}, ${bytes.length} bytes):` },
    { type: 'image', mediaType, data: toBase64(bytes) },
  ];
  return { content: blocks, isError: false };
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 without Buffer or btoa, so the core stays free of Node and DOM globals. */
export function toBase64(bytes: Uint8Array): string {
  let result = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    result += base64Alphabet.charAt((triple >> 18) & 63) + base64Alphabet.charAt((triple >> 12) & 63);
    result += b === undefined ? '=' : base64Alphabet.charAt((triple >> 6) & 63);
    result += c === undefined ? '=' : base64Alphabet.charAt(triple & 63);
  }
  return result;
}

import { z } from 'zod';
import { cutMiddleText } from '../../text/cut-middle';
import { buildTool } from '../build-tool';
import { errorResult, textResult } from '../tool';
import { resolvePath } from '../../paths/resolve-path';

const maxResultChars = 30_000;
const contextLines = z.number().int().min(0).max(100);

/** Input of Grep, as the model sends it (flag-style keys follow the Claude Code tool). */
export const grepInputSchema = z.object({
  pattern: z
    .string()
    .min(1, 'pattern must not be empty')
    .describe('Regular expression (ripgrep / Rust syntax) to search file contents for.'),
  path: z
    .string()
    .optional()
    .describe(
      'File or folder to search (absolute, or relative to the working directory). Default: the working directory.',
    ),
  glob: z.string().optional().describe('Only search files matching this glob, e.g. "*.ts" or "*.{ts,tsx}".'),
  type: z
    .string()
    .optional()
    .describe(
      'Only search files of this ripgrep type, e.g. "js", "py", "rust". Faster than glob for standard types.',
    ),
  output_mode: z
    .enum(['files_with_matches', 'content', 'count'])
    .optional()
    .describe(
      '"files_with_matches" (default): paths of matching files; "content": matching lines; "count": matching lines per file.',
    ),
  '-i': z.boolean().optional().describe('Match case-insensitively.'),
  '-n': z.boolean().optional().describe('Show line numbers (content mode only). Default true.'),
  '-A': contextLines.optional().describe('Lines to show after each match (content mode only).'),
  '-B': contextLines.optional().describe('Lines to show before each match (content mode only).'),
  '-C': contextLines.optional().describe('Lines to show before and after each match (content mode only).'),
  multiline: z
    .boolean()
    .optional()
    .describe('Let the pattern span lines (`.` also matches newlines). Default false.'),
  head_limit: z.number().int().positive().optional().describe('Return only the first N lines of the result.'),
});

/** A parsed Grep input. */
export type GrepInput = z.infer<typeof grepInputSchema>;

const description = `Searches file contents with ripgrep. Use it for every content search instead of running grep or rg through Bash.

- Full regular expressions (Rust syntax): "log.*Error", "function\\s+\\w+". Escape literal braces: "interface\\{\\}" finds interface{}.
- Narrow with \`glob\` ("*.ts") or \`type\` ("py"). Files ignored by .gitignore are skipped.
- output_mode: "files_with_matches" (default) lists paths, "content" shows matching lines (with -n, -A, -B, -C), "count" gives matching lines per file.
- Patterns match within one line unless multiline is true.
- head_limit keeps the first N lines of the result.`;

/** The Grep tool: ripgrep through the FileSearch port; expected failures (bad regex) are error results. */
export const grepTool = buildTool<GrepInput>({
  name: 'Grep',
  permissionKind: 'read',
  description,
  inputSchema: grepInputSchema,
  maxResultChars,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  permissionTarget: (input, context) => resolvePath(context.cwd, input.path ?? '.'),
  summarize: (input) => (input.path ? `${input.pattern} in ${input.path}` : input.pattern),
  async *call(input, context) {
    const root = resolvePath(context.cwd, input.path ?? '.');
    if (!(await context.workspace.stat(root))) return errorResult(`The path ${root} does not exist.`);
    const mode = input.output_mode ?? 'files_with_matches';
    const content = mode === 'content';
    const { output, error } = await context.search.grep({
      pattern: input.pattern,
      cwd: root,
      mode,
      signal: context.signal,
      ...(input.glob !== undefined && { glob: input.glob }),
      ...(input.type !== undefined && { type: input.type }),
      ...(input['-i'] !== undefined && { caseInsensitive: input['-i'] }),
      ...(input.multiline !== undefined && { multiline: input.multiline }),
      ...(content && { lineNumbers: input['-n'] ?? true }),
      ...(content &&
        (input['-B'] ?? input['-C']) !== undefined && { contextBefore: input['-B'] ?? input['-C'] }),
      ...(content &&
        (input['-A'] ?? input['-C']) !== undefined && { contextAfter: input['-A'] ?? input['-C'] }),
    });
    const lines = output.split('\n').filter((line, index, all) => line.length > 0 || index < all.length - 1);
    if (error && lines.length === 0) return errorResult(`The search failed: ${error}`);
    if (lines.length === 0)
      return textResult(mode === 'files_with_matches' ? 'No files found.' : 'No matches found.');
    const limit = input.head_limit;
    const shown = limit !== undefined && lines.length > limit ? lines.slice(0, limit) : lines;
    const notes: string[] = [];
    if (shown.length < lines.length)
      notes.push(
        `(Showing the first ${shown.length} of ${lines.length} lines; raise head_limit or narrow the search for more.)`,
      );
    if (error) notes.push(`(Some files could not be searched: ${error})`);
    const header =
      mode === 'files_with_matches' ? `Found ${lines.length} file${lines.length === 1 ? '' : 's'}\n` : '';
    const footer = notes.length > 0 ? `\n${notes.join('\n')}` : '';
    return textResult(cutMiddleText(header + shown.join('\n'), maxResultChars - footer.length) + footer);
  },
});

import { z } from 'zod';
import { cutMiddleText } from '../../text/cut-middle';
import { buildTool } from '../build-tool';
import { errorResult, textResult } from '../tool';
import { resolvePath } from '../../paths/resolve-path';

const maxResultChars = 30_000;
const contextLines = z.number().int().min(0).max(100);

/** Input of Grep, as the model sends it (flag-style keys follow the Claude Code tool). */
export const grepInputSchema = z.object({
  pattern: z.string().min(1, 'pattern must not be empty').describe('Regular expression.'),
  path: z.string().optional().describe('File or folder; default the working directory.'),
  glob: z.string().optional().describe('Only files matching this glob, e.g. "*.{ts,tsx}".'),
  type: z.string().optional().describe('Only files of this ripgrep type, e.g. "py" (faster than glob).'),
  output_mode: z
    .enum(['files_with_matches', 'content', 'count'])
    .optional()
    .describe('files_with_matches (default): paths; content: matching lines; count: matches per file.'),
  '-i': z.boolean().optional().describe('Ignore case.'),
  '-n': z.boolean().optional().describe('Line numbers in content mode (default true).'),
  '-A': contextLines.optional().describe('Lines after each match, in content mode.'),
  '-B': contextLines.optional().describe('Lines before each match, in content mode.'),
  '-C': contextLines.optional().describe('Lines around each match, in content mode.'),
  multiline: z.boolean().optional().describe('Let matches span lines (`.` matches newlines).'),
  head_limit: z.number().int().positive().optional().describe('Keep the first N lines of the result.'),
});

/** A parsed Grep input. */
export type GrepInput = z.infer<typeof grepInputSchema>;

const description = `Searches file contents with ripgrep; use it instead of grep or rg in Bash. Patterns are Rust regular expressions ("log.*Error", "function\\s+\\w+"; escape literal braces: "interface\\{\\}") matched within one line unless multiline is set. Files .gitignore ignores are skipped.`;

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

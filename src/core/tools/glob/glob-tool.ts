import { z } from 'zod';
import { buildTool } from '../build-tool';
import type { ToolContext } from '../tool';
import { errorResult, textResult } from '../tool';
import { isAbsolutePath } from '../../paths/normalize-path';
import { resolvePath } from '../../paths/resolve-path';

const maxResults = 100;

/** Input of Glob, as the model sends it. */
export const globInputSchema = z.object({
  pattern: z.string().min(1, 'pattern must not be empty').describe('The glob.'),
  path: z.string().optional().describe('Folder to search; default the working directory.'),
});

/** A parsed Glob input. */
export type GlobInput = z.infer<typeof globInputSchema>;

/** The Glob tool: files matching a pattern, newest first, at most 100, as absolute paths. */
export const globTool = buildTool<GlobInput>({
  name: 'Glob',
  permissionKind: 'read',
  description: `Finds files by glob ("**/*.js", "src/**/*.{ts,tsx}"), skipping what .gitignore ignores: at most ${maxResults} absolute paths, most recently modified first. To search inside files, use Grep.`,
  inputSchema: globInputSchema,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  permissionTarget: (input, context) => searchRoot(input, context).root,
  summarize: (input) => (input.path ? `${input.pattern} in ${input.path}` : input.pattern),
  async *call(input, context) {
    const { root, pattern } = searchRoot(input, context);
    const info = await context.workspace.stat(root);
    if (!info) return errorResult(`The folder ${root} does not exist.`);
    if (info.kind !== 'directory')
      return errorResult(
        `${root} is not a folder; give a folder as path, or put the file name in the pattern.`,
      );
    const found = await context.search.glob({
      pattern,
      cwd: root,
      signal: context.signal,
      limit: maxResults + 1,
    });
    if (found.length === 0) return textResult('No files found.');
    const shown = found.slice(0, maxResults).map((path) => resolvePath(root, path));
    const note =
      found.length > maxResults
        ? `\n(Showing the first ${maxResults} files, newest first. Narrow the pattern or path to see the rest.)`
        : '';
    return textResult(shown.join('\n') + note);
  },
});

/**
 * The folder to search and the pattern relative to it. An absolute pattern is split at its first
 * segment with a wildcard, so "/repo/src/**\/*.ts" searches /repo/src for "**\/*.ts".
 */
function searchRoot(input: GlobInput, context: ToolContext): { root: string; pattern: string } {
  const base = resolvePath(context.cwd, input.path ?? '.');
  if (!isAbsolutePath(input.pattern)) return { root: base, pattern: input.pattern };
  const segments = input.pattern.split('/');
  const firstWild = segments.findIndex((segment) => /[*?[{]/.test(segment));
  if (firstWild === -1) {
    return { root: resolvePath('/', segments.slice(0, -1).join('/') || '/'), pattern: segments.at(-1) ?? '' };
  }
  return {
    root: resolvePath('/', segments.slice(0, firstWild).join('/') || '/'),
    pattern: segments.slice(firstWild).join('/'),
  };
}

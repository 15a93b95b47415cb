import { z } from 'zod';
import type { BackgroundShell, Shell } from '../../ports';
import { buildTool } from '../build-tool';
import { errorResult } from '../tool';
import { cutMiddle } from './cut-middle';
import { detectInteractivePrompt, interactivePromptNote } from './interactive-prompt';

const maxResultChars = 30_000;

/** Input of BashOutput, as the model sends it. */
export const bashOutputInputSchema = z.object({
  bash_id: z.string().min(1).describe('The id of the background shell, e.g. "bash_1".'),
  filter: z
    .string()
    .optional()
    .describe(
      'Optional regular expression: only new output lines matching it are returned (the others are discarded).',
    ),
});

/** A parsed BashOutput input. */
export type BashOutputInput = z.infer<typeof bashOutputInputSchema>;

/** The BashOutput tool: new output of a background shell since the last read, its status, and a stuck note. */
export const bashOutputTool = buildTool<BashOutputInput>({
  name: 'BashOutput',
  permissionKind: 'other',
  description:
    'Returns the output a background shell (started with Bash run_in_background) produced since the last read, and whether it is still running or exited with which code. Use `filter` to keep only lines matching a regular expression.',
  inputSchema: bashOutputInputSchema,
  maxResultChars,
  isReadOnly: () => true,
  isConcurrencySafe: () => true,
  summarize: (input) => input.bash_id,
  async *call(input, context) {
    const background = context.shell.background(input.bash_id);
    if (!background) return errorResult(unknownShellMessage(input.bash_id, context.shell));
    let filter: RegExp | undefined;
    if (input.filter !== undefined) {
      try {
        filter = new RegExp(input.filter);
      } catch (error) {
        return errorResult(
          `The filter is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    const status = background.status();
    let output = background.readNew().replace(/\n$/, '');
    if (filter && output.length > 0)
      output = output
        .split('\n')
        .filter((line) => filter.test(line))
        .join('\n');
    const parts = [
      statusLine(background),
      output.length > 0 ? cutMiddle(output, maxResultChars) : '(no new output)',
    ];
    const quietMs = context.clock.now() - status.lastOutputAt;
    if (status.running && detectInteractivePrompt(background.readAll(), quietMs))
      parts.push(interactivePromptNote(background.id));
    return { content: parts.join('\n\n'), isError: false };
  },
});

function statusLine(background: BackgroundShell): string {
  const status = background.status();
  if (status.running) return `${background.id}: running`;
  return `${background.id}: exited with code ${status.exitCode ?? 'unknown (killed)'}`;
}

/** The error for an id that names no background shell, listing the ones that exist. */
export function unknownShellMessage(id: string, shell: Shell): string {
  const known = shell.listBackground().map((background) => background.id);
  return `No background shell with id "${id}". ${known.length > 0 ? `Known shells: ${known.join(', ')}.` : 'No background shells have been started.'}`;
}

import { z } from 'zod';
import type { BackgroundShell, Shell } from '../../ports';
import type { CutText } from '../../text/cut-middle';
import { cutMiddle, endOfText, isEmptyText, renderCut, withoutFinalNewline } from '../../text/cut-middle';
import { buildTool } from '../build-tool';
import { errorResult } from '../tool';
import { detectInteractivePrompt, interactivePromptNote } from './interactive-prompt';

const maxResultChars = 30_000;

/** Input of BashOutput, as the model sends it. */
export const bashOutputInputSchema = z.object({
  bash_id: z.string().min(1).describe('The shell id, e.g. "bash_1".'),
  filter: z
    .string()
    .optional()
    .describe('Regular expression: only new lines matching it are returned, the rest dropped.'),
});

/** A parsed BashOutput input. */
export type BashOutputInput = z.infer<typeof bashOutputInputSchema>;

/** The BashOutput tool: new output of a background shell since the last read, its status, and a stuck note. */
export const bashOutputTool = buildTool<BashOutputInput>({
  name: 'BashOutput',
  permissionKind: 'other',
  description:
    'Returns what a background shell (Bash run_in_background) printed since the last read, and whether it still runs or exited with which code.',
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
    const unread = withoutFinalNewline(background.readNew());
    const output = filter ? keepMatchingLines(unread, filter) : unread;
    const quietMs = context.clock.now() - status.lastOutputAt;
    const stuck = status.running && detectInteractivePrompt(endOfText(background.readAll()), quietMs);
    const notes = [statusLine(background), ...(stuck ? [interactivePromptNote(background.id)] : [])];
    // Cut once, to what the notes leave of the limit, so no later cap cuts again.
    const room = notes.reduce((left, note) => left - note.length - 2, maxResultChars);
    const body = isEmptyText(output) ? '(no new output)' : renderCut(cutMiddle(output, room));
    const [first, ...rest] = notes;
    return { content: [first, body, ...rest].join('\n\n'), isError: false };
  },
});

/** The lines matching `filter`; what was cut before stays counted as cut. */
function keepMatchingLines(output: CutText, filter: RegExp): CutText {
  const keep = (text: string) =>
    text
      .split('\n')
      .filter((line) => filter.test(line))
      .join('\n');
  return { ...output, head: keep(output.head), tail: keep(output.tail) };
}

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

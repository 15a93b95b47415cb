import { z } from 'zod';
import type { ShellRunResult } from '../../ports';
import { buildTool } from '../build-tool';
import type { ToolContext, ToolResult } from '../tool';
import { isInsidePath } from '../../paths/is-inside-path';
import { cutMiddle, isEmptyText, renderCut, withoutFinalNewline } from '../../text/cut-middle';
import { isReadOnlyCommand } from './read-only-command';
import { runWithProgress } from './run-with-progress';

const defaultTimeoutMs = 120_000;
const maxTimeoutMs = 600_000;
const maxResultChars = 30_000;
const progressThrottleMs = 1_000;

/** Input of Bash, as the model sends it; timeouts are in ms. */
export const bashInputSchema = z.object({
  command: z.string().min(1, 'command must not be empty').describe('The command.'),
  timeout: z
    .number()
    .int()
    .positive()
    .max(maxTimeoutMs, `timeout can be at most ${maxTimeoutMs} ms (10 minutes)`)
    .optional()
    .describe(`Milliseconds; default ${defaultTimeoutMs}, at most ${maxTimeoutMs}.`),
  description: z.string().optional().describe('What it does in 5–10 words, shown to the person.'),
  run_in_background: z.boolean().optional().describe('Return at once; read the output with BashOutput.'),
});

/** A parsed Bash input. */
export type BashInput = z.infer<typeof bashInputSchema>;

// Prefer-the-dedicated-tools and parallel calls are rules of the system prompt.
const description = `Runs a bash command and returns its stdout and stderr.
- The working directory persists between calls (a \`cd\` stays, inside the workspace); environment variables do not.
- stdin is closed: pass --yes, -y or --no-input; never open editors or pagers.
- The whole process tree is killed after ${defaultTimeoutMs / 60_000} minutes, or \`timeout\` (at most ${maxTimeoutMs / 60_000}).
- Output over ${maxResultChars.toLocaleString('en-US')} characters is cut in the middle, with a note of what is missing.
- Servers, watchers and other long runs: set run_in_background, poll with BashOutput, stop with KillShell; never append \`&\`.
- Quote paths with spaces; chain dependent steps with \`&&\`.`;

/** The Bash tool: foreground runs with streamed progress, or a background shell read with BashOutput. */
export const bashTool = buildTool<BashInput>({
  name: 'Bash',
  permissionKind: 'execute',
  abortsSiblingsOnFailure: true,
  description,
  inputSchema: bashInputSchema,
  maxResultChars,
  isReadOnly: (input) => isReadOnlyCommand(input.command),
  isConcurrencySafe: (input) => isReadOnlyCommand(input.command),
  permissionTarget: (input) => input.command,
  summarize: (input) => input.description ?? input.command,
  async *call(input, context) {
    const resetNote = await ensureWorkingDirectory(context);
    if (input.run_in_background) {
      const background = context.shell.startBackground({
        command: input.command,
        cwd: context.shellState.cwd,
      });
      return {
        content: `Started ${background.id} in the background. Read its output with BashOutput (bash_id: "${background.id}"); stop it with KillShell.`,
        isError: false,
        display: { kind: 'shell', exitCode: null, command: input.command },
      };
    }
    const timeoutMs = input.timeout ?? defaultTimeoutMs;
    const result = yield* runWithProgress(
      context.shell,
      { command: input.command, cwd: context.shellState.cwd, timeoutMs, signal: context.signal },
      { clock: context.clock, throttleMs: progressThrottleMs },
    );
    const cwdNote = [resetNote, await updateWorkingDirectory(result.cwdAfter, context)]
      .filter(Boolean)
      .join('\n');
    return formatResult(input.command, result, { timeoutMs, cwdNote });
  },
});

/** A folder deleted since the last `cd` would fail every later call: fall back to the session's. */
async function ensureWorkingDirectory(context: ToolContext): Promise<string> {
  if (context.shellState.cwd === context.cwd) return '';
  if ((await context.workspace.stat(context.shellState.cwd))?.kind === 'directory') return '';
  const gone = context.shellState.cwd;
  context.shellState.cwd = context.cwd;
  return `The shell's working directory ${gone} no longer exists; the command ran in ${context.cwd}.`;
}

/** Keeps a `cd` for the next call, unless it leads out of the workspace. Returns a note or ''. */
async function updateWorkingDirectory(cwdAfter: string, context: ToolContext): Promise<string> {
  if (cwdAfter === context.shellState.cwd) return '';
  const roots = [
    ...context.workspace.roots,
    ...(await Promise.all(context.workspace.roots.map((root) => context.workspace.realPath(root)))),
  ];
  if (roots.some((root) => isInsidePath(cwdAfter, root))) {
    context.shellState.cwd = cwdAfter;
    return '';
  }
  context.shellState.cwd = context.cwd;
  return `The shell's working directory was reset to ${context.cwd}: ${cwdAfter} is outside the workspace.`;
}

/**
 * The output, then how the command ended. The output is cut once, to what the status lines leave
 * of the result's limit, so no later cap cuts it again and its one note stays true.
 */
function formatResult(
  command: string,
  result: ShellRunResult,
  extra: { timeoutMs: number; cwdNote: string },
): ToolResult {
  const notes: string[] = [];
  if (result.timedOut) notes.push(`(timed out after ${extra.timeoutMs} ms; the command was killed)`);
  else if (result.aborted) notes.push('(aborted: the command was stopped before it finished)');
  else if (result.exitCode === null && result.signal) notes.push(`(killed by ${result.signal})`);
  else if (result.exitCode !== 0 && result.exitCode !== null) notes.push(`Exit code ${result.exitCode}`);
  if (extra.cwdNote) notes.push(extra.cwdNote);
  const room = notes.reduce((left, note) => left - note.length - 1, maxResultChars);
  const output = withoutFinalNewline(result.output);
  const body = isEmptyText(output) ? '(no output)' : renderCut(cutMiddle(output, room));
  return {
    content: [body, ...notes].join('\n'),
    isError: result.exitCode !== 0,
    display: { kind: 'shell', exitCode: result.exitCode, command },
  };
}

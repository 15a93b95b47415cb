import { z } from 'zod';
import { buildTool } from '../build-tool';
import { errorResult, textResult } from '../tool';
import { unknownShellMessage } from './bash-output-tool';

/** Input of KillShell, as the model sends it. */
export const killShellInputSchema = z.object({
  shell_id: z.string().min(1).describe('The shell id, e.g. "bash_1".'),
});

/** A parsed KillShell input. */
export type KillShellInput = z.infer<typeof killShellInputSchema>;

/** The KillShell tool: stops a background shell and every process it started. */
export const killShellTool = buildTool<KillShellInput>({
  name: 'KillShell',
  permissionKind: 'other',
  description: 'Stops a background shell (Bash run_in_background) and every process it started.',
  inputSchema: killShellInputSchema,
  summarize: (input) => input.shell_id,
  async *call(input, context) {
    const background = context.shell.background(input.shell_id);
    if (!background) return errorResult(unknownShellMessage(input.shell_id, context.shell));
    const before = background.status();
    if (!before.running)
      return textResult(`${input.shell_id} had already exited with code ${before.exitCode ?? 'unknown'}.`);
    await background.kill();
    return textResult(`Killed ${input.shell_id} (${background.command}).`);
  },
});

import type { AnyTool } from '../tools/tool';
import type { CheckpointRecorder } from './checkpoint-recorder';

/**
 * The tools with every `execute` tool (Bash, and any tool that declares it runs commands) made to
 * keep the files its command names before it runs, so `sed -i`, `mv` or a formatter's changes can
 * be restored. Read-only calls run as they are; other tools are returned unchanged.
 */
export function checkpointingTools(tools: readonly AnyTool[], recorder: CheckpointRecorder): AnyTool[] {
  return tools.map((tool) => {
    if (tool.permissionKind !== 'execute') return tool;
    const wrapped: AnyTool = {
      ...tool,
      async *call(input, context) {
        const command = tool.isReadOnly(input) ? undefined : tool.permissionTarget(input, context);
        if (command) await recorder.beforeCommand(command, context.shellState.cwd);
        return yield* tool.call(input, context);
      },
    };
    return wrapped;
  });
}

import type { GateDecision, PermissionGate } from '../../core/execution/permission-gate';
import type { AnyTool, ToolContext } from '../../core/tools/tool';

/** What the model reads when Restricted Mode refuses a tool. */
export const restrictedModeMessage =
  'This workspace is in Restricted Mode (not trusted), so only read-only tools may run. Tell the person what you would change, or ask them to trust the workspace.';

/**
 * VS Code Restricted Mode: read-only calls go on to the inner gate; anything that could write or
 * run is denied before the person is even asked. `isTrusted()` is read per call, so granting
 * trust takes effect at once.
 */
export function restrictedModeGate(inner: PermissionGate, isTrusted: () => boolean): PermissionGate {
  return {
    async check(tool: AnyTool, input: unknown, context: ToolContext): Promise<GateDecision> {
      if (!isTrusted()) {
        let readOnly = false;
        try {
          readOnly = tool.isReadOnly(input as never);
        } catch {
          readOnly = false;
        }
        if (!readOnly) return { behavior: 'deny', message: restrictedModeMessage };
      }
      return inner.check(tool, input, context);
    },
  };
}

import type { AnyTool, ToolContext } from '../tools/tool';
import type { FileWriter } from '../tools/file-writer';

/** The executor's view of permissions: one answer per call, after asking the person if needed. */
export type GateDecision =
  /** `writer` replaces the context's writer for this call (e.g. one that previews before writing). */
  { behavior: 'allow'; writer?: FileWriter } | { behavior: 'deny'; message: string };

/** Decides whether one tool call may run. Must not throw; asks the person itself when needed. */
export interface PermissionGate {
  check(tool: AnyTool, input: unknown, context: ToolContext): Promise<GateDecision>;
}

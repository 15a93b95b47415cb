import type { Logger } from '../../core/ports';
import type { CodeExecutor, ExecutionApproval } from './execution/code-executor';
import type { DiffReviewer } from './review/diff-reviewer';
import type { IdeEditor } from './ide-editor';
import type { SelectionFeed } from './selection/selection-feed';

/**
 * Everything the IDE tools reach the editor through, shared by every server made from it: one per
 * bridge connection, one per in-process client. Per-client state (waiting diffs) lives in the server.
 */
export interface IdeToolContext {
  editor: IdeEditor;
  selections: SelectionFeed;
  reviewer: DiffReviewer;
  executor: CodeExecutor;
  /** Asked before every `executeCode` run; never skipped. */
  approval: ExecutionApproval;
  logger: Logger;
  /** Who the client is, for logs and questions: `bridge`, `http`, `in-process`. */
  label: string;
}

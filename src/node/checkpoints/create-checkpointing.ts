import type { CheckpointRecorderOptions } from '../../core/checkpoints/checkpoint-recorder';
import { CheckpointRecorder } from '../../core/checkpoints/checkpoint-recorder';
import { CheckpointingWorkspace } from '../../core/checkpoints/checkpointing-workspace';
import { checkpointingTools } from '../../core/checkpoints/checkpointing-tools';
import type { ShellParser } from '../../core/permissions/shell-parser';
import type { Clock, Logger, Workspace } from '../../core/ports';
import type { AnyTool } from '../../core/tools/tool';
import type { CheckpointStorage } from './checkpoint-storage';
import { NodeFileScanner } from './node-file-scanner';

export interface CheckpointingOptions {
  storage: CheckpointStorage;
  sessionId: string;
  /** The workspace as the agent would have it without checkpoints. */
  workspace: Workspace;
  parser: ShellParser | undefined;
  rgPath?: string;
  clock: Clock;
  logger: Logger;
  /** Folders never recorded besides the storage itself (the sessions folder, when inside the workspace). */
  exclude?: readonly string[];
  limits?: CheckpointRecorderOptions['limits'];
}

/** One chat's checkpoint wiring: the recorder, the Workspace to give the agent, and its tools made to capture. */
export interface Checkpointing {
  recorder: CheckpointRecorder;
  workspace: Workspace;
  tools(tools: readonly AnyTool[]): AnyTool[];
}

/**
 * Wires checkpoints for one session over the Node adapters: the session's journal in the storage,
 * a ripgrep scanner, and after each turn a check of the storage limit (in the background).
 */
export async function createCheckpointing(options: CheckpointingOptions): Promise<Checkpointing> {
  const { storage, logger } = options;
  const recorder = new CheckpointRecorder({
    session: await storage.session(options.sessionId),
    workspace: options.workspace,
    scanner: new NodeFileScanner(options.rgPath ? { rgPath: options.rgPath } : {}),
    parser: options.parser,
    clock: options.clock,
    logger,
    exclude: [storage.directory, ...(options.exclude ?? [])],
    ...(options.limits ? { limits: options.limits } : {}),
    onDidFinishTurn: (summary) => {
      if (summary.unrestorable.length > 0)
        logger.info(
          `checkpoint ${summary.id}: changed by commands without a kept copy: ${summary.unrestorable.join(', ')}`,
        );
      void storage.enforceLimit();
    },
  });
  return {
    recorder,
    workspace: new CheckpointingWorkspace(options.workspace, recorder),
    tools: (tools) => checkpointingTools(tools, recorder),
  };
}

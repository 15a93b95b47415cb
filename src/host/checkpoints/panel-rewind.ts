import * as vscode from 'vscode';
import type { RewindCommand } from '../../protocol/checkpoint-events';
import type { ChatService } from '../chat/chat-service';
import type { CheckpointService } from './checkpoint-service';

/**
 * A rewind asked from a user row of the panel: the row names its checkpoint, the service shows
 * the plan and asks. Failures go back to the chat as a notice; success is said in a notification,
 * the chat itself showing the result.
 */
export async function rewindFromPanel(
  command: RewindCommand,
  chats: ChatService,
  checkpoints: CheckpointService,
): Promise<void> {
  const session = chats.session(command.chatId);
  const row = session?.snapshot.entries.find(
    (entry) => entry.kind === 'user' && entry.id === command.entryId,
  );
  const checkpointId = row?.kind === 'user' ? row.checkpointId : undefined;
  if (!session || checkpointId === undefined) {
    chats.fail('no-checkpoint', 'That message has no checkpoint to go back to.');
    return;
  }
  const report = await checkpoints.rewind({
    sessionId: session.transcriptId ?? session.id,
    at: { checkpointId },
    mode: command.mode,
  });
  if (report.kind === 'failed') chats.fail('rewind-failed', report.message);
  else if (report.kind === 'done') void vscode.window.showInformationMessage(`Tandem: ${report.message}`);
}

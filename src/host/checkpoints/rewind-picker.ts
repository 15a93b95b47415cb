import * as vscode from 'vscode';
import { z } from 'zod';
import type { CheckpointService, RewindMode } from './checkpoint-service';

/** What the command may be given (from the panel, a keybinding or another extension). */
export const rewindArgumentsSchema = z
  .object({
    chatId: z.string().min(1).optional(),
    turn: z.number().int().positive().optional(),
    mode: z.enum(['files', 'conversation', 'both', 'fork']).optional(),
  })
  .catch({});

export type RewindArguments = z.infer<typeof rewindArgumentsSchema>;

const modes: { mode: RewindMode; label: string; detail: string }[] = [
  {
    mode: 'both',
    label: '$(discard) Restore files and conversation',
    detail: 'Put back the files Tandem changed since, and rewind the chat to before this message.',
  },
  { mode: 'files', label: '$(file) Restore files only', detail: 'The conversation stays as it is.' },
  {
    mode: 'conversation',
    label: '$(comment-discussion) Rewind conversation only',
    detail: 'The files stay as they are.',
  },
  {
    mode: 'fork',
    label: '$(repo-forked) Fork from here',
    detail: 'A new chat with the conversation before this message; nothing else changes.',
  },
];

/**
 * "Tandem: Rewind to a Checkpoint…": picks the turn (unless given), then what to rewind (unless
 * given), runs it and says how it went. Arguments are validated; bad ones are ignored.
 */
export async function pickAndRewind(
  service: CheckpointService,
  chatId: string | undefined,
  given: unknown,
): Promise<void> {
  const args = rewindArgumentsSchema.parse(given ?? {});
  const sessionId = args.chatId ?? chatId;
  if (!sessionId) {
    void vscode.window.showInformationMessage(
      'Tandem: open a chat first; its turns are what you can rewind to.',
    );
    return;
  }
  const turn = args.turn ?? (await pickTurn(service, sessionId));
  if (turn === undefined) return;
  const mode =
    args.mode ?? (await vscode.window.showQuickPick(modes, { title: `Rewind to before turn ${turn}` }))?.mode;
  if (!mode) return;
  const report = await service.rewind({ sessionId, at: turn, mode });
  if (report.kind === 'failed') void vscode.window.showWarningMessage(`Tandem: ${report.message}`);
  else if (report.kind === 'done') void vscode.window.showInformationMessage(`Tandem: ${report.message}`);
}

async function pickTurn(service: CheckpointService, sessionId: string): Promise<number | undefined> {
  const turns = await service.turns(sessionId);
  if (turns.length === 0) {
    void vscode.window.showInformationMessage('Tandem: this chat has no turns to rewind to yet.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    [...turns].reverse().map((turn) => ({
      label: `${turn.turn}. ${turn.prompt.split('\n')[0] ?? ''}`,
      description:
        turn.at === undefined
          ? 'no checkpoint'
          : `${new Date(turn.at).toLocaleString()} · ${turn.files.length} file${turn.files.length === 1 ? '' : 's'} changed`,
      turn: turn.turn,
    })),
    { title: 'Tandem: Rewind to before which message?', matchOnDescription: true },
  );
  return picked?.turn;
}

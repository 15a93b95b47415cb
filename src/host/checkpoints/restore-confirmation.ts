import * as vscode from 'vscode';
import { describeAction, describeConflict } from '../../core/checkpoints/describe-restore';
import type { RestoreEntry, RestorePlan } from '../../core/checkpoints/restore-planner';

/** What the person is asked to confirm before files are restored. */
export interface RestoreRequest {
  plan: RestorePlan;
  /** e.g. "Restore files to before turn 3". */
  title: string;
  /** Shows one file's change in the diff editor. */
  showDiff(entry: RestoreEntry): Promise<void>;
  /** Shows paths relative to the workspace. */
  label(path: string): string;
}

/**
 * Asks the person which files to restore. Resolves with the chosen paths — a file the person
 * changed after the checkpoint only when they ticked it themselves — or undefined when they
 * cancelled. Must not throw.
 */
export interface RestoreConfirmation {
  confirm(request: RestoreRequest): Promise<ReadonlySet<string> | undefined>;
}

interface FileItem extends vscode.QuickPickItem {
  path: string;
  entry: RestoreEntry;
}

const diffButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('diff'),
  tooltip: 'Show what restoring changes',
};

/** The items of the picker: what can be restored, conflicts unticked; then why others cannot. */
export function restoreItems(request: RestoreRequest): { items: FileItem[]; notes: string[] } {
  const items: FileItem[] = [];
  const notes: string[] = [];
  for (const entry of request.plan.entries) {
    if (entry.action === 'unchanged') continue;
    if (entry.action === 'unrestorable') {
      notes.push(`${request.label(entry.path)}: ${describeAction(entry)}`);
      continue;
    }
    items.push({
      path: entry.path,
      entry,
      label: request.label(entry.path),
      description: describeAction(entry),
      ...(entry.conflict ? { detail: `$(warning) ${describeConflict(entry.conflict, entry)}` } : {}),
      picked: entry.conflict === undefined,
      buttons: [diffButton],
    });
  }
  return { items, notes };
}

/**
 * The confirmation as a multi-select quick pick: one row per file with what restoring does and a
 * diff button; rows holding the person's own later changes start unticked, with the reason.
 */
export class QuickPickRestoreConfirmation implements RestoreConfirmation {
  confirm(request: RestoreRequest): Promise<ReadonlySet<string> | undefined> {
    const { items, notes } = restoreItems(request);
    const picker = vscode.window.createQuickPick<FileItem>();
    picker.canSelectMany = true;
    picker.ignoreFocusOut = true;
    picker.matchOnDescription = true;
    picker.title = `${request.title}: ${items.length} file${items.length === 1 ? '' : 's'}`;
    picker.placeholder =
      notes.length > 0
        ? `Cannot restore ${notes.length}: ${notes.join('; ')}`
        : 'Untick a file to leave it as it is; Enter restores the ticked files';
    picker.items = items;
    picker.selectedItems = items.filter((item) => item.picked);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (chosen: ReadonlySet<string> | undefined) => {
        if (settled) return;
        settled = true;
        resolve(chosen);
        picker.dispose();
      };
      picker.onDidTriggerItemButton((event) => void request.showDiff(event.item.entry));
      picker.onDidAccept(() => finish(new Set(picker.selectedItems.map((item) => item.path))));
      picker.onDidHide(() => finish(undefined));
      picker.show();
    });
  }
}

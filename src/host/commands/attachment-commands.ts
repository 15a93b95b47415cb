import * as vscode from 'vscode';
import type { Attachment } from '../../protocol/attachment';
import type { TandemHost } from '../tandem-host';
import type { AttachmentRefusal } from './workspace-attachment';
import { fileAttachment, selectionAttachment } from './workspace-attachment';

/** Every reason a command attaches nothing. */
type Refusal = AttachmentRefusal | 'no-editor' | 'no-file' | 'not-on-disk' | 'folder';

type Outcome = { attachment: Attachment } | { refusal: Refusal; name: string };

/** Attachments resolve against the first folder, the agent's working directory. */
function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

function displayName(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
}

function refusalMessage(refusal: Refusal, name: string): string {
  switch (refusal) {
    case 'no-workspace':
      return vscode.l10n.t('Tandem: open a folder first; Tandem attaches files from the workspace.');
    case 'outside-workspace':
      return vscode.l10n.t('Tandem: {0} is outside the workspace folder, so it cannot be attached.', name);
    case 'no-editor':
    case 'empty-selection':
      return vscode.l10n.t('Tandem: select some text in an editor first.');
    case 'no-file':
      return vscode.l10n.t('Tandem: open or select a file to attach first.');
    case 'not-on-disk':
      return vscode.l10n.t('Tandem: {0} is not a file on disk, so it cannot be attached.', name);
    case 'folder':
      return vscode.l10n.t('Tandem: {0} is a folder; attach the files in it instead.', name);
  }
}

/** Hands what can be attached to the host and says why the rest cannot; resolves to what was attached. */
async function settle(host: () => Promise<TandemHost>, outcomes: readonly Outcome[]): Promise<Attachment[]> {
  const attachments: Attachment[] = [];
  for (const outcome of outcomes) {
    if ('attachment' in outcome) attachments.push(outcome.attachment);
    else void vscode.window.showWarningMessage(refusalMessage(outcome.refusal, outcome.name));
  }
  if (attachments.length === 0) return [];
  const loaded = await host();
  for (const attachment of attachments) await loaded.attach(attachment);
  return attachments;
}

function selectionOutcome(editor: vscode.TextEditor | undefined): Outcome {
  if (!editor) return { refusal: 'no-editor', name: '' };
  const { uri } = editor.document;
  const name = displayName(uri);
  if (uri.scheme !== 'file') return { refusal: 'not-on-disk', name };
  const { start, end } = editor.selection;
  const result = selectionAttachment({ root: workspaceRoot(), path: uri.fsPath, start, end });
  return result.ok ? { attachment: result.attachment } : { refusal: result.refusal, name };
}

async function fileOutcome(uri: vscode.Uri): Promise<Outcome> {
  const name = displayName(uri);
  if (uri.scheme !== 'file') return { refusal: 'not-on-disk', name };
  const result = fileAttachment(workspaceRoot(), uri.fsPath);
  if (!result.ok) return { refusal: result.refusal, name };
  const stat = await vscode.workspace.fs.stat(uri).then(
    (found) => found,
    () => undefined,
  );
  if (!stat) return { refusal: 'not-on-disk', name };
  if (stat.type & vscode.FileType.Directory) return { refusal: 'folder', name };
  return { attachment: result.attachment };
}

/**
 * The files a menu invocation means: the Explorer passes the clicked file and the whole
 * multi-selection, an editor tab passes its file (and an editor identifier), the command palette
 * passes nothing and means the active editor's file.
 */
function targetFiles(resource: unknown, selected: unknown): vscode.Uri[] {
  if (
    Array.isArray(selected) &&
    selected.length > 0 &&
    selected.every((item) => item instanceof vscode.Uri)
  ) {
    return selected;
  }
  if (resource instanceof vscode.Uri) return [resource];
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? [active] : [];
}

/**
 * "Add Selection to Tandem": the lines of the active editor's primary selection. Refused, with a
 * message, for an empty selection, a document that is not on disk or a file outside the workspace.
 * Resolves to what was attached.
 */
export async function addSelection(host: () => Promise<TandemHost>): Promise<Attachment[]> {
  return settle(host, [selectionOutcome(vscode.window.activeTextEditor)]);
}

/**
 * "Add File to Tandem" from the Explorer (one or several files), an editor tab or the command
 * palette. Files outside the workspace, folders and documents that are not on disk are refused
 * with a message naming them; the others are attached. Resolves to what was attached.
 */
export async function addFile(
  host: () => Promise<TandemHost>,
  resource?: unknown,
  selected?: unknown,
): Promise<Attachment[]> {
  const uris = targetFiles(resource, selected);
  if (uris.length === 0) return settle(host, [{ refusal: 'no-file', name: '' }]);
  return settle(host, await Promise.all(uris.map(fileOutcome)));
}

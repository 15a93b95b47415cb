import * as vscode from 'vscode';
import type { BlobStore } from '../../core/checkpoints/checkpoint-ports';
import { blobHashSchema } from '../../core/checkpoints/checkpoint-record';
import { decodeText } from '../../core/edits/text-codec';

/** The scheme of read-only documents showing a file as a checkpoint kept it. */
export const checkpointScheme = 'tandem-checkpoint';

/**
 * A URI for the content a checkpoint kept (`hash`), or for "no file" (`undefined`: a file the
 * restore deletes or recreates), named after the file so the diff editor picks its language.
 */
export function checkpointUri(path: string, hash: string | undefined): vscode.Uri {
  return vscode.Uri.from({ scheme: checkpointScheme, path, query: hash ?? 'absent' });
}

/**
 * Serves checkpoint contents from the blob store as read-only text documents, decoded the way
 * the edit tools decode files (BOM, UTF-16, Latin-1), for the native diff editor.
 */
export class CheckpointContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly blobs: () => BlobStore | undefined) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (uri.query === 'absent') return '';
    const hash = blobHashSchema.safeParse(uri.query);
    const bytes = hash.success ? await this.blobs()?.get(hash.data) : undefined;
    if (!bytes) return '(The checkpoint no longer holds this content.)';
    return decodeText(bytes).text;
  }
}

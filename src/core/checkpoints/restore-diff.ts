import { createTwoFilesPatch } from 'diff';
import { decodeText } from '../edits/text-codec';
import type { Workspace } from '../ports';
import type { BlobStore } from './checkpoint-ports';
import type { RestoreEntry } from './restore-planner';

/** Bytes that hold a NUL in their first 8 KB are shown as binary, not diffed. */
function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}

/** The file now and at the checkpoint, as text for a diff; undefined for a side that does not exist. */
export interface RestoreSides {
  current: Uint8Array | undefined;
  target: Uint8Array | undefined;
}

/** Reads both sides of an entry: the file through the Workspace, the checkpoint from the blobs. */
export async function restoreSides(
  entry: RestoreEntry,
  workspace: Workspace,
  blobs: BlobStore,
): Promise<RestoreSides> {
  const current = entry.current?.kind === 'bytes' ? (await workspace.readFile(entry.path)).bytes : undefined;
  const target = entry.target.kind === 'bytes' ? await blobs.get(entry.target.hash) : undefined;
  return { current, target };
}

/**
 * A unified diff from the file as it is now to what the restore writes (`/dev/null` for a side
 * that does not exist), or a one-line note for binary content.
 */
export function restoreDiff(path: string, sides: RestoreSides): string {
  const { current, target } = sides;
  if ((current && isBinary(current)) || (target && isBinary(target)))
    return `Binary file ${path}: ${current?.byteLength ?? 0} bytes now, ${target?.byteLength ?? 0} at the checkpoint.\n`;
  return createTwoFilesPatch(
    current ? `${path} (now)` : '/dev/null',
    target ? `${path} (checkpoint)` : '/dev/null',
    current ? decodeText(current).text : '',
    target ? decodeText(target).text : '',
  );
}

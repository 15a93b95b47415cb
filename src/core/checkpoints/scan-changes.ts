import type { FileScan, Fingerprint } from './checkpoint-ports';

/** True when two fingerprints say the file is the same (or both say it is missing). */
export function sameFingerprint(a: Fingerprint | undefined, b: Fingerprint | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Files that differ between two scans of the same roots. */
export interface ScanChanges {
  /** In both scans, with another size or modification time. */
  changed: string[];
  /** Only in the later scan. Reliable only when the earlier scan was complete. */
  created: string[];
  /** Only in the earlier scan. Reliable only when the later scan was complete. */
  deleted: string[];
}

/**
 * Compares a scan taken when a turn began with one taken when it ended. A path that only one scan
 * lists counts as created or deleted only when the other scan was complete; past the file limit the
 * absence means nothing.
 */
export function scanChanges(before: FileScan, after: FileScan): ScanChanges {
  const changes: ScanChanges = { changed: [], created: [], deleted: [] };
  for (const [path, fingerprint] of after.files) {
    const earlier = before.files.get(path);
    if (earlier === undefined) {
      if (before.complete) changes.created.push(path);
    } else if (!sameFingerprint(earlier, fingerprint)) changes.changed.push(path);
  }
  if (after.complete) {
    for (const path of before.files.keys()) if (!after.files.has(path)) changes.deleted.push(path);
  }
  return changes;
}

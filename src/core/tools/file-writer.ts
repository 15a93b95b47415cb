import type { PendingEdit } from '../ports';
import type { HunkReport } from '../review/hunk-report';

export interface ProposedWrite extends PendingEdit {
  /** Encodes text the way the file is stored (encoding, BOM, line endings): used for the proposal and for a person's modified version. */
  encode(text: string): Uint8Array;
}

export type WriteOutcome =
  /**
   * `content` is what the file holds now: the proposal, or the person's modified version of it.
   * `hunks` when the person decided hunk by hunk (some may have been rejected). `notes` are
   * `<system-reminder>` blocks for the model about the write (the editor's diagnostics after it).
   */
  | {
      kind: 'written';
      content: string | undefined;
      modifiedByUser: boolean;
      hunks?: HunkReport;
      notes?: string[];
    }
  | { kind: 'rejected'; reason: string };

/**
 * The single path from a tool to the disk. Depending on the permission mode and rules it writes at
 * once, or shows the pending edit (panel diff, CLI prompt) and writes only what the person accepts.
 * Must not throw for a rejection; returns it.
 */
export interface FileWriter {
  propose(edit: ProposedWrite, signal: AbortSignal): Promise<WriteOutcome>;
}

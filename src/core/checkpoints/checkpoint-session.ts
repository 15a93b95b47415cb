import type { FileContent, FileStat, Workspace } from '../ports';
import type { BlobStore, CheckpointJournal } from './checkpoint-ports';
import type { CheckpointRecord, FileVersion } from './checkpoint-record';
import type { CheckpointTimeline } from './checkpoint-timeline';
import { buildTimeline } from './checkpoint-timeline';
import type { CurrentFile, PlanResult } from './restore-planner';
import { filesSince, planRestore } from './restore-planner';

/**
 * One chat's checkpoints: its journal, the blob store and the sequence of step ids. Turns and
 * restores of a session both take their ids here, so there is one owner per session in a process.
 */
export class CheckpointSession {
  readonly journal: CheckpointJournal;
  readonly blobs: BlobStore;
  #nextId: number;
  #open = 0;
  #writing: Promise<unknown> = Promise.resolve();
  /** Lines of the journal that could not be read when it was opened (a torn last line after a kill). */
  readonly skippedLines: number;

  private constructor(journal: CheckpointJournal, blobs: BlobStore, nextId: number, skippedLines: number) {
    this.journal = journal;
    this.blobs = blobs;
    this.#nextId = nextId;
    this.skippedLines = skippedLines;
  }

  /** Reads the journal once to continue its id sequence. */
  static async open(journal: CheckpointJournal, blobs: BlobStore): Promise<CheckpointSession> {
    const contents = await journal.read();
    return new CheckpointSession(
      journal,
      blobs,
      buildTimeline(contents.records).nextId,
      contents.skippedLines,
    );
  }

  /** A fresh step id; never reused, even after pruning. */
  allocateId(): number {
    const id = this.#nextId;
    this.#nextId += 1;
    return id;
  }

  /** True while a turn of this session runs: a restore must not start before it ends. */
  get turnOpen(): boolean {
    return this.#open > 0;
  }

  /** The recorder opened a turn. */
  turnOpened(): void {
    this.#open += 1;
  }

  /** The recorder is closing a turn: no longer open, but {@link idle} waits until `closing` settles. */
  turnClosing(closing: Promise<unknown>): void {
    this.#open -= 1;
    this.#writing = Promise.all([this.#writing, closing.catch(() => undefined)]);
  }

  /** Resolves when no turn of this session is still being written. */
  async idle(): Promise<void> {
    await this.#writing;
  }

  append(record: CheckpointRecord): Promise<void> {
    return this.journal.append(record);
  }

  /** The steps as the journal holds them now. */
  async timeline(): Promise<CheckpointTimeline> {
    return buildTimeline((await this.journal.read()).records);
  }

  /** What restoring to the state before step `targetId` would change, as the files are now. */
  async planRestore(workspace: Workspace, targetId: number): Promise<PlanResult> {
    const timeline = await this.timeline();
    const current = await this.readCurrent(workspace, filesSince(timeline, targetId));
    return planRestore({ timeline, targetId, current });
  }

  /** Names bytes by their hash, without storing them. */
  versionOf(bytes: Uint8Array): FileVersion {
    return { kind: 'bytes', hash: this.blobs.hash(bytes), size: bytes.byteLength };
  }

  /**
   * What each path holds now, read through the Workspace (so an open editor's unsaved text counts).
   * Never throws: a file that cannot be read is reported as such.
   */
  async readCurrent(workspace: Workspace, paths: readonly string[]): Promise<Map<string, CurrentFile>> {
    const current = new Map<string, CurrentFile>();
    for (const path of paths) current.set(path, await this.#readOne(workspace, path));
    return current;
  }

  async #readOne(workspace: Workspace, path: string): Promise<CurrentFile> {
    let stat: FileStat | undefined;
    let content: FileContent;
    try {
      stat = await workspace.stat(path);
      if (stat === undefined) return { kind: 'read', version: { kind: 'absent' }, dirty: false };
      if (stat.kind !== 'file') return { kind: 'unreadable', message: `${path} is not a file now.` };
      content = await workspace.readFile(path);
    } catch (error) {
      return { kind: 'unreadable', message: error instanceof Error ? error.message : String(error) };
    }
    return { kind: 'read', version: this.versionOf(content.bytes), dirty: content.dirty === true };
  }
}

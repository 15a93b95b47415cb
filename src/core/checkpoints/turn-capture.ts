import { isInsidePath } from '../paths/is-inside-path';
import type { FileContent, Logger, Workspace } from '../ports';
import type { FileScan, FileScanner } from './checkpoint-ports';
import type { BeforeVersion, FileVersion, StepFile } from './checkpoint-record';
import { sameVersion } from './checkpoint-record';
import type { CheckpointSession } from './checkpoint-session';
import { sameFingerprint, scanChanges } from './scan-changes';

/** Bounds on what one turn keeps. */
export interface CaptureLimits {
  /** A file larger than this is not kept; its before is `unknown: too-large`. */
  maxFileBytes: number;
  /** The workspace scan lists at most this many files; past it, changes by commands go unseen. */
  maxScanFiles: number;
  /** Bytes of files the agent read that one turn holds in memory in case a command changes them. */
  maxStagedBytes: number;
  /** Paths taken from one command. */
  maxCommandPaths: number;
  /** Files captured under the folders one command removes or moves. */
  maxFolderFiles: number;
}

export const defaultCaptureLimits: CaptureLimits = {
  maxFileBytes: 8 * 1024 * 1024,
  maxScanFiles: 20_000,
  maxStagedBytes: 64 * 1024 * 1024,
  maxCommandPaths: 64,
  maxFolderFiles: 500,
};

/** What a finished turn changed, for telling the person. */
export interface TurnSummary {
  id: number;
  /** Every file the turn changed, sorted. */
  changed: string[];
  /** Changed files whose earlier content was not kept (changed by a command Tandem could not see into). */
  unrestorable: string[];
  /** False when the workspace was too large to scan whole. */
  scanComplete: boolean;
}

interface Captured {
  before: BeforeVersion;
  changedInTurn: boolean;
}

export interface TurnCaptureOptions {
  id: number;
  session: CheckpointSession;
  /** The workspace without the checkpoint decorator: captures must not count as the agent's reads. */
  workspace: Workspace;
  scanner: FileScanner;
  limits: CaptureLimits;
  /** Folders never recorded (the checkpoint storage itself, when it lies inside the workspace). */
  exclude: readonly string[];
  logger: Logger;
}

const emptyScan: FileScan = { files: new Map(), complete: false };

/**
 * One open turn: the scan taken when it began, the content kept of every file before the turn
 * first changed it, and the files the agent read (held in memory, kept only if something else
 * changes them). Capturing never throws into the agent's write: a file that cannot be kept is
 * recorded as unknown and the write goes on.
 */
export class TurnCapture {
  readonly id: number;
  readonly #options: TurnCaptureOptions;
  readonly #start: Promise<FileScan>;
  readonly #captured = new Map<string, Promise<Captured | undefined>>();
  /** Paths whose before has its own journal line; the turn's last line does not repeat it. */
  readonly #journaled = new Set<string>();
  readonly #staged = new Map<string, Uint8Array>();
  #stagedBytes = 0;
  readonly #pending = new Set<Promise<unknown>>();

  constructor(options: TurnCaptureOptions) {
    this.id = options.id;
    this.#options = options;
    this.#start = this.#scan();
  }

  /** The scan taken when the turn began (empty and incomplete if it failed). */
  get startScan(): Promise<FileScan> {
    return this.#start;
  }

  /**
   * Keeps the file's content unless this turn already has it. What is kept is journaled at once, so
   * a turn cut short still knows what it overwrote; a path a command merely names and that does not
   * exist is only remembered (it matters only if the command creates it).
   */
  capture(path: string, source: 'write' | 'command'): Promise<void> {
    if (this.#excluded(path)) return Promise.resolve();
    let captured = this.#captured.get(path);
    if (!captured) {
      captured = this.#captureOne(path, source);
      this.#captured.set(path, captured);
    }
    return captured.then(() => undefined);
  }

  /** Holds what the agent read, if the disk still has it as the turn found it. */
  stage(path: string, content: FileContent): void {
    if (content.dirty || this.#captured.has(path) || this.#staged.has(path) || this.#excluded(path)) return;
    const size = content.bytes.byteLength;
    if (size > this.#options.limits.maxFileBytes) return;
    const staging = (async () => {
      const atStart = (await this.#start).files.get(path);
      if (atStart === undefined || atStart.size !== size) return;
      const [disk] = await this.#options.scanner.stat([path]);
      if (!sameFingerprint(atStart, disk) || this.#stagedBytes + size > this.#options.limits.maxStagedBytes)
        return;
      this.#staged.set(path, content.bytes);
      this.#stagedBytes += size;
    })().catch((error: unknown) => this.#options.logger.debug(`checkpoint: not staging ${path}`, error));
    this.#track(staging);
  }

  /** Closes the turn: finds what else changed, records what each file became, journals the step. */
  async finish(now: number): Promise<TurnSummary> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    const captured = new Map<string, Captured>();
    for (const [path, promise] of this.#captured) {
      const value = await promise;
      if (value) captured.set(path, value);
    }
    const start = await this.#start;
    const end = await this.#scan();
    const changes = scanChanges(start, end);
    const created = new Set(changes.created);
    const paths = new Set([...captured.keys(), ...changes.changed, ...changes.created, ...changes.deleted]);
    const files: StepFile[] = [];
    for (const path of [...paths].sort()) {
      if (this.#excluded(path)) continue;
      const after = await this.#versionNow(path);
      if (after === undefined) continue;
      const known = captured.get(path) ?? (await this.#detected(path, created.has(path)));
      if (sameVersion(known.before, after)) continue;
      if (this.#journaled.has(path)) files.push({ path, after });
      else files.push({ path, before: known.before, changedInTurn: known.changedInTurn, after });
    }
    const scanComplete = start.complete && end.complete;
    await this.#options.session.append({ type: 'turn-end', id: this.id, at: now, files, scanComplete });
    return {
      id: this.id,
      changed: files.map((file) => file.path),
      unrestorable: files
        .filter((file) => (file.before ?? captured.get(file.path)?.before)?.kind === 'unknown')
        .map((file) => file.path),
      scanComplete,
    };
  }

  /** The files of the turn-start scan under a folder, at most `limit`. */
  async filesUnder(folder: string, limit: number): Promise<string[]> {
    const found: string[] = [];
    for (const path of (await this.#start).files.keys()) {
      if (found.length >= limit) break;
      if (path !== folder && isInsidePath(path, folder)) found.push(path);
    }
    return found;
  }

  #track(promise: Promise<unknown>): void {
    this.#pending.add(promise);
    void promise.finally(() => this.#pending.delete(promise));
  }

  #excluded(path: string): boolean {
    return this.#options.exclude.some((folder) => isInsidePath(path, folder));
  }

  async #scan(): Promise<FileScan> {
    const { scanner, workspace, limits, logger } = this.#options;
    try {
      return await scanner.scan({
        roots: workspace.roots,
        limit: limits.maxScanFiles,
        signal: new AbortController().signal,
      });
    } catch (error) {
      logger.warn('checkpoint: the workspace scan failed; changes made by commands go unseen', error);
      return emptyScan;
    }
  }

  async #captureOne(path: string, source: 'write' | 'command'): Promise<Captured | undefined> {
    const { workspace, session, limits, logger } = this.#options;
    try {
      const atStart = (await this.#start).files.get(path);
      const [disk] = await this.#options.scanner.stat([path]);
      const changedInTurn = atStart !== undefined && !sameFingerprint(atStart, disk);
      const staged = this.#staged.get(path);
      let captured: Captured;
      if (changedInTurn && staged) captured = { before: await this.#keep(staged), changedInTurn: false };
      else {
        const stat = await workspace.stat(path);
        if (stat !== undefined && stat.kind !== 'file') return undefined;
        let before: BeforeVersion = { kind: 'absent' };
        if (stat && stat.size > limits.maxFileBytes) before = { kind: 'unknown', reason: 'too-large' };
        else if (stat) before = await this.#keep((await workspace.readFile(path)).bytes);
        captured = { before, changedInTurn };
      }
      if (source === 'write' || captured.before.kind !== 'absent') {
        const record = { type: 'before' as const, id: this.id, path, before: captured.before };
        await session.append(captured.changedInTurn ? { ...record, changedInTurn: true } : record).then(
          () => this.#journaled.add(path),
          (error: unknown) => logger.warn(`checkpoint: could not journal ${path}`, error),
        );
      }
      return captured;
    } catch (error) {
      logger.warn(`checkpoint: could not keep ${path} before the turn changed it`, error);
      return { before: { kind: 'unknown', reason: 'unreadable' }, changedInTurn: false };
    }
  }

  async #keep(bytes: Uint8Array): Promise<BeforeVersion> {
    return { kind: 'bytes', hash: await this.#options.session.blobs.put(bytes), size: bytes.byteLength };
  }

  /** A file no capture saw, found changed by the scan: kept if the agent had read it, else unknown. */
  async #detected(path: string, created: boolean): Promise<Captured> {
    const staged = this.#staged.get(path);
    if (staged) return { before: await this.#keep(staged), changedInTurn: false };
    return {
      before: created ? { kind: 'absent' } : { kind: 'unknown', reason: 'not-captured' },
      changedInTurn: false,
    };
  }

  /** What the file holds now; undefined for a folder, an unreadable file or one too large to hash. */
  async #versionNow(path: string): Promise<FileVersion | undefined> {
    const { workspace, session, limits } = this.#options;
    try {
      const stat = await workspace.stat(path);
      if (stat === undefined) return { kind: 'absent' };
      if (stat.kind !== 'file' || stat.size > limits.maxFileBytes * 8) return undefined;
      return session.versionOf((await workspace.readFile(path)).bytes);
    } catch {
      return undefined;
    }
  }
}

import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CheckpointSession } from '../../core/checkpoints/checkpoint-session';
import { buildTimeline } from '../../core/checkpoints/checkpoint-timeline';
import type { PrunePlan } from '../../core/checkpoints/prune-plan';
import { planPrune } from '../../core/checkpoints/prune-plan';
import type { Logger } from '../../core/ports';
import { FileBlobStore } from './file-blob-store';
import { JsonlCheckpointJournal } from './jsonl-checkpoint-journal';

/** Where the CLI keeps checkpoints: beside its sessions, `$TANDEM_HOME/checkpoints` (else `~/.tandem`). */
export function defaultCheckpointsDirectory(env: Record<string, string | undefined> = process.env): string {
  return join(env.TANDEM_HOME ?? join(homedir(), '.tandem'), 'checkpoints');
}

/** The default bound on stored file contents, in MB (`tandem.checkpoints.maxStorageMB`). */
export const defaultMaxStorageMB = 512;

const sessionIdPattern = /^[A-Za-z0-9_-]{1,100}$/;
/** Unreferenced blobs younger than this survive a collection: a turn may be about to journal them. */
const graceMs = 10 * 60 * 1000;

export interface CheckpointStorageOptions {
  /** `<directory>/blobs/` holds the contents, `<directory>/journals/<session>.jsonl` the steps. */
  directory: string;
  maxBytes: number;
  logger: Logger;
  now?: () => number;
}

/** What a limit check did. */
export interface PruneReport extends PrunePlan {
  /** False when the estimate was under the limit and nothing was looked at. */
  checked: boolean;
}

/**
 * The checkpoint store of one extension storage folder (or `$TANDEM_HOME`): the blobs shared by all
 * sessions, one journal per session, and the storage limit. Holds one {@link CheckpointSession} per
 * session id, so a chat's turns and restores share one id sequence in this process.
 */
export class CheckpointStorage {
  readonly directory: string;
  readonly blobs: FileBlobStore;
  /** The bound on stored blobs, in bytes; the editor updates it when its setting changes. */
  maxBytes: number;
  readonly #options: CheckpointStorageOptions;
  readonly #sessions = new Map<string, Promise<CheckpointSession>>();
  /** Bytes known to be stored at the last check, plus every byte written since (an overestimate). */
  #estimate: number | undefined;
  #writtenAtCheck = 0;
  #pruning: Promise<PruneReport> | undefined;

  constructor(options: CheckpointStorageOptions) {
    this.#options = options;
    this.directory = options.directory;
    this.maxBytes = options.maxBytes;
    this.blobs = new FileBlobStore(join(options.directory, 'blobs'));
  }

  static isValidSessionId(sessionId: string): boolean {
    return sessionIdPattern.test(sessionId);
  }

  journalPath(sessionId: string): string {
    if (!CheckpointStorage.isValidSessionId(sessionId)) throw new Error(`Invalid session id: ${sessionId}`);
    return join(this.directory, 'journals', `${sessionId}.jsonl`);
  }

  /** The session's checkpoints, opened once per process. */
  session(sessionId: string): Promise<CheckpointSession> {
    let session = this.#sessions.get(sessionId);
    if (!session) {
      session = CheckpointSession.open(new JsonlCheckpointJournal(this.journalPath(sessionId)), this.blobs);
      this.#sessions.set(sessionId, session);
    }
    return session;
  }

  /**
   * Keeps the store within its limit: when the bytes stored may exceed it (or `force`), prunes the
   * oldest steps of all sessions and deletes the blobs nothing refers to any more. One check at a
   * time; failures are logged and reported as an unchecked, empty plan.
   */
  enforceLimit(options: { force?: boolean } = {}): Promise<PruneReport> {
    const estimate =
      this.#estimate === undefined
        ? undefined
        : this.#estimate + this.blobs.bytesWritten - this.#writtenAtCheck;
    if (!options.force && estimate !== undefined && estimate <= this.maxBytes)
      return Promise.resolve({ checked: false, prunes: [], deleteBlobs: [], keptBytes: estimate });
    this.#pruning ??= this.#prune().finally(() => (this.#pruning = undefined));
    return this.#pruning;
  }

  async #prune(): Promise<PruneReport> {
    const now = this.#options.now?.() ?? Date.now();
    const written = this.blobs.bytesWritten;
    try {
      const sessionIds = await this.#journalIds();
      const sessions = await Promise.all(
        sessionIds.map(async (sessionId) => ({
          sessionId,
          timeline: buildTimeline(
            (await new JsonlCheckpointJournal(this.journalPath(sessionId)).read()).records,
          ),
        })),
      );
      const plan = planPrune({
        sessions,
        blobs: await this.blobs.list(),
        maxBytes: this.maxBytes,
        now,
        graceMs,
      });
      for (const { sessionId, before } of plan.prunes) await this.#forget(sessionId, before, now);
      for (const hash of plan.deleteBlobs) await this.blobs.delete(hash);
      this.#estimate = plan.keptBytes;
      this.#writtenAtCheck = written;
      if (plan.prunes.length > 0 || plan.deleteBlobs.length > 0)
        this.#options.logger.info(
          `checkpoints: pruned ${plan.prunes.length} session(s), deleted ${plan.deleteBlobs.length} blob(s); ${plan.keptBytes} bytes kept`,
        );
      return { checked: true, ...plan };
    } catch (error) {
      this.#options.logger.warn('checkpoints: the storage limit could not be checked', error);
      return { checked: false, prunes: [], deleteBlobs: [], keptBytes: 0 };
    }
  }

  /**
   * Forgets a session's steps before `before`. A session open in this process gets a `prune` line
   * (appends only, as its turns do); any other journal is rewritten without those steps, through a
   * temp file and a rename, keeping a `prune` line first so ids are never reused.
   */
  async #forget(sessionId: string, before: number, now: number): Promise<void> {
    const open = this.#sessions.get(sessionId);
    if (open) {
      await (await open).append({ type: 'prune', before, at: now });
      return;
    }
    const path = this.journalPath(sessionId);
    const { records } = await new JsonlCheckpointJournal(path).read();
    const kept = records.filter((record) => record.type !== 'prune' && record.id >= before);
    const lines = [{ type: 'prune', before, at: now }, ...kept].map(
      (record) => `${JSON.stringify(record)}\n`,
    );
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, lines.join(''), { mode: 0o600 });
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async #journalIds(): Promise<string[]> {
    const names = await readdir(join(this.directory, 'journals')).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => name.slice(0, -'.jsonl'.length))
      .filter((id) => CheckpointStorage.isValidSessionId(id));
  }
}

import { createHash } from 'node:crypto';
import type {
  BlobStore,
  CheckpointJournal,
  FileScan,
  FileScanner,
  Fingerprint,
  JournalContents,
} from '../../src/core/checkpoints/checkpoint-ports';
import type { CheckpointRecord } from '../../src/core/checkpoints/checkpoint-record';
import { checkpointRecordSchema } from '../../src/core/checkpoints/checkpoint-record';
import { CheckpointRecorder } from '../../src/core/checkpoints/checkpoint-recorder';
import { CheckpointSession } from '../../src/core/checkpoints/checkpoint-session';
import { CheckpointingWorkspace } from '../../src/core/checkpoints/checkpointing-workspace';
import type { ShellParser } from '../../src/core/permissions/shell-parser';
import { silentLogger } from '../../src/core/ports';
import { MemoryWorkspace } from './memory-workspace';
import { realClock } from './tool-context';

/** Blobs in a Map, named by their real SHA-256. */
export class MemoryBlobStore implements BlobStore {
  readonly blobs = new Map<string, Uint8Array>();

  hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  async put(bytes: Uint8Array): Promise<string> {
    const hash = this.hash(bytes);
    this.blobs.set(hash, new Uint8Array(bytes));
    return hash;
  }

  async get(hash: string): Promise<Uint8Array | undefined> {
    return this.blobs.get(hash);
  }
}

/** A journal in memory; every record goes through JSON and the schema, as on disk. */
export class MemoryJournal implements CheckpointJournal {
  readonly lines: string[] = [];

  async read(): Promise<JournalContents> {
    return {
      records: this.lines.map((line) => checkpointRecordSchema.parse(JSON.parse(line))),
      skippedLines: 0,
    };
  }

  async append(record: CheckpointRecord): Promise<void> {
    this.lines.push(JSON.stringify(record));
  }

  records(): CheckpointRecord[] {
    return this.lines.map((line) => checkpointRecordSchema.parse(JSON.parse(line)));
  }
}

/** Scans a MemoryWorkspace: every file under its roots, with the size and mtime it reports. */
export class MemoryScanner implements FileScanner {
  scans = 0;
  /** Paths the scan pretends .gitignore excludes. */
  ignored = new Set<string>();

  constructor(private readonly workspace: MemoryWorkspace) {}

  async scan(options: { roots: readonly string[]; limit: number }): Promise<FileScan> {
    this.scans += 1;
    const files = new Map<string, Fingerprint>();
    let complete = true;
    for (const [path, file] of this.workspace.files) {
      if (this.ignored.has(path) || !options.roots.some((root) => path.startsWith(`${root}/`))) continue;
      if (files.size >= options.limit) {
        complete = false;
        break;
      }
      files.set(path, { size: file.bytes.byteLength, mtimeMs: file.mtimeMs });
    }
    return { files, complete };
  }

  async stat(paths: readonly string[]): Promise<(Fingerprint | undefined)[]> {
    return paths.map((path) => {
      const file = this.workspace.files.get(path);
      return file ? { size: file.bytes.byteLength, mtimeMs: file.mtimeMs } : undefined;
    });
  }
}

/** A recorder over an in-memory workspace, with the decorated workspace the agent would get. */
export interface CheckpointHarness {
  files: MemoryWorkspace;
  blobs: MemoryBlobStore;
  journal: MemoryJournal;
  scanner: MemoryScanner;
  session: CheckpointSession;
  recorder: CheckpointRecorder;
  /** What the agent's tools write through. */
  workspace: CheckpointingWorkspace;
}

export async function checkpointHarness(
  files: Record<string, string | Uint8Array> = {},
  options: { parser?: ShellParser; maxScanFiles?: number } = {},
): Promise<CheckpointHarness> {
  const workspace = new MemoryWorkspace(['/work'], files);
  const blobs = new MemoryBlobStore();
  const journal = new MemoryJournal();
  const scanner = new MemoryScanner(workspace);
  const session = await CheckpointSession.open(journal, blobs);
  const recorder = new CheckpointRecorder({
    session,
    workspace,
    scanner,
    parser: options.parser,
    clock: realClock,
    logger: silentLogger,
    ...(options.maxScanFiles ? { limits: { maxScanFiles: options.maxScanFiles } } : {}),
  });
  return {
    files: workspace,
    blobs,
    journal,
    scanner,
    session,
    recorder,
    workspace: new CheckpointingWorkspace(workspace, recorder),
  };
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

import type { FileContent, FileStat, Workspace } from '../ports';
import type { CheckpointRecorder } from './checkpoint-recorder';

/**
 * The Workspace the agent is given while checkpoints are on: before a write or a delete, the
 * recorder keeps what the file held; after a read, it may hold the content in case a command
 * changes the file later in the turn. Everything else passes straight through.
 */
export class CheckpointingWorkspace implements Workspace {
  constructor(
    private readonly inner: Workspace,
    private readonly recorder: CheckpointRecorder,
  ) {}

  get roots(): readonly string[] {
    return this.inner.roots;
  }

  stat(path: string): Promise<FileStat | undefined> {
    return this.inner.stat(path);
  }

  async readFile(path: string): Promise<FileContent> {
    const content = await this.inner.readFile(path);
    this.recorder.noteRead(path, content);
    return content;
  }

  async writeFile(path: string, bytes: Uint8Array): Promise<void> {
    await this.recorder.beforeChange(path);
    await this.inner.writeFile(path, bytes);
  }

  async deleteFile(path: string): Promise<void> {
    await this.recorder.beforeChange(path);
    await this.inner.deleteFile(path);
  }

  listDirectory(path: string): Promise<{ name: string; kind: FileStat['kind'] }[]> {
    return this.inner.listDirectory(path);
  }

  realPath(path: string): Promise<string> {
    return this.inner.realPath(path);
  }
}

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw } from 'node:zlib';
import type { BlobStore } from '../../core/checkpoints/checkpoint-ports';
import { blobHashSchema } from '../../core/checkpoints/checkpoint-record';

const compress = promisify(deflateRaw);
const decompress = promisify(inflateRaw);

/** One stored blob, as the pruner sees it. */
export interface StoredBlob {
  hash: string;
  size: number;
  /** Last stored or re-stored, in ms since the epoch. */
  mtimeMs: number;
}

/**
 * Blobs as files named by the SHA-256 of their bytes under `<directory>/<first two hex digits>/`,
 * stored deflated (source text shrinks three to ten times; the name and the check on read are of
 * the exact original bytes). A put writes a temp file and renames it into place, so a blob is whole
 * or absent; storing bytes that are already there only refreshes the blob's time, which tells the
 * garbage collector it is in use again.
 */
export class FileBlobStore implements BlobStore {
  /** Bytes on disk of the new blobs this instance wrote (not counting blobs that were already stored). */
  bytesWritten = 0;

  constructor(readonly directory: string) {}

  hash(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(hash: string): string {
    if (!blobHashSchema.safeParse(hash).success) throw new Error(`Not a blob hash: ${hash}`);
    return join(this.directory, hash.slice(0, 2), hash);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const hash = this.hash(bytes);
    const path = this.pathOf(hash);
    const now = new Date();
    try {
      await utimes(path, now, now);
      return hash;
    } catch {
      // Not stored yet.
    }
    const folder = join(this.directory, hash.slice(0, 2));
    const temp = join(folder, `.${hash}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const stored = await compress(bytes);
      await writeFile(temp, stored, { mode: 0o600 }).catch(async (error: unknown) => {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
        await mkdir(folder, { recursive: true, mode: 0o700 });
        await writeFile(temp, stored, { mode: 0o600 });
      });
      await rename(temp, path);
      this.bytesWritten += stored.byteLength;
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    return hash;
  }

  async get(hash: string): Promise<Uint8Array | undefined> {
    if (!blobHashSchema.safeParse(hash).success) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await decompress(await readFile(this.pathOf(hash))));
    } catch {
      return undefined;
    }
    return this.hash(bytes) === hash ? bytes : undefined;
  }

  /** Every stored blob with its size on disk; temp files of interrupted puts are not listed. */
  async list(): Promise<StoredBlob[]> {
    let folders: string[];
    try {
      folders = await readdir(this.directory);
    } catch {
      return [];
    }
    const blobs: StoredBlob[] = [];
    for (const folder of folders.filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      const names = await readdir(join(this.directory, folder)).catch(() => [] as string[]);
      for (const name of names) {
        if (!blobHashSchema.safeParse(name).success) continue;
        const info = await stat(join(this.directory, folder, name)).catch(() => undefined);
        if (info) blobs.push({ hash: name, size: info.size, mtimeMs: info.mtimeMs });
      }
    }
    return blobs;
  }

  /** Removes a blob; a missing one is not an error. */
  async delete(hash: string): Promise<void> {
    await rm(this.pathOf(hash), { force: true });
  }
}

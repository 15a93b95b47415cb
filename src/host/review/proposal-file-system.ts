import * as vscode from 'vscode';

/** The scheme of proposed file contents shown on the right of the diff editor. */
export const proposalScheme = 'tandem-proposal';

interface Proposal {
  content: Uint8Array;
  mtime: number;
}

/**
 * In-memory files holding proposed edits, writable so the person can change a proposal in the
 * native diff editor before accepting it; what they saved there is what gets written.
 * URIs: `tandem-proposal:/<requestId>/<file name>`.
 */
export class ProposalFileSystem implements vscode.FileSystemProvider {
  readonly #files = new Map<string, Proposal>();
  readonly #onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.#onDidChangeFile.event;

  static uriFor(requestId: string, fileName: string, scheme: string = proposalScheme): vscode.Uri {
    return vscode.Uri.from({ scheme, path: `/${encodeURIComponent(requestId)}/${fileName}` });
  }

  /** The edit request a proposal URI belongs to (either side of its diff), or undefined. */
  static requestIdOf(uri: vscode.Uri): string | undefined {
    if (!uri.scheme.startsWith(proposalScheme)) return undefined;
    const segment = uri.path.split('/')[1];
    if (!segment) return undefined;
    return decodeURIComponent(segment).replace(/-empty$/, '');
  }

  set(uri: vscode.Uri, text: string): void {
    this.#files.set(uri.path, { content: new TextEncoder().encode(text), mtime: Date.now() });
    this.#onDidChangeFile.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  /** The proposal as last saved by the person, or undefined once dropped. */
  text(uri: vscode.Uri): string | undefined {
    const file = this.#files.get(uri.path);
    return file ? new TextDecoder().decode(file.content) : undefined;
  }

  drop(uri: vscode.Uri): void {
    if (this.#files.delete(uri.path))
      this.#onDidChangeFile.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => {});
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = this.#files.get(uri.path);
    if (file)
      return {
        type: vscode.FileType.File,
        ctime: file.mtime,
        mtime: file.mtime,
        size: file.content.byteLength,
      };
    if ([...this.#files.keys()].some((path) => path.startsWith(`${uri.path}/`))) {
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    }
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {}

  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.#files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.content;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    if (!this.#files.has(uri.path))
      throw vscode.FileSystemError.NoPermissions('Only open proposals can be edited.');
    this.#files.set(uri.path, { content, mtime: Date.now() });
    this.#onDidChangeFile.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  delete(uri: vscode.Uri): void {
    this.drop(uri);
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Proposals cannot be renamed.');
  }

  dispose(): void {
    this.#onDidChangeFile.dispose();
  }
}

/**
 * What the IDE MCP server's tools need from the editor, in plain data: the VS Code adapter
 * implements it, unit tests fake it. Positions are 0-based `{ line, character }` as in VS Code;
 * paths are absolute file-system paths.
 */

/** A 0-based position in a document. */
export interface EditorPosition {
  line: number;
  character: number;
}

/** A 0-based range in a document. */
export interface EditorRange {
  start: EditorPosition;
  end: EditorPosition;
}

/** The primary selection of a text editor, as `selection_changed` and `getCurrentSelection` send it. */
export interface EditorSelection {
  /** The selected text; `''` for a bare cursor. */
  text: string;
  filePath: string;
  fileUrl: string;
  selection: EditorRange & { isEmpty: boolean };
}

/** VS Code's severity names, which is what the official extension sends. */
export type DiagnosticSeverityName = 'Error' | 'Warning' | 'Information' | 'Hint';

/** One problem in a file. */
export interface EditorDiagnostic {
  message: string;
  severity: DiagnosticSeverityName;
  range: EditorRange;
  source?: string;
  code?: string;
}

/** The problems of one file. */
export interface FileDiagnostics {
  /** The file's URI, not percent-encoded (`Uri.toString(true)`). */
  uri: string;
  /** Only when the document is open in the editor. */
  linesInFile?: number;
  diagnostics: EditorDiagnostic[];
}

/** An open text tab (diff, notebook and webview tabs are left out). */
export interface OpenEditorTab {
  uri: string;
  isActive: boolean;
  isPinned: boolean;
  isPreview: boolean;
  isDirty: boolean;
  label: string;
  groupIndex: number;
  viewColumn: number;
  isGroupActive: boolean;
  fileName?: string;
  languageId?: string;
  lineCount?: number;
  isUntitled?: boolean;
  /** Only on the active tab. */
  selection?: EditorRange & { isReversed: boolean };
}

/** One workspace folder. */
export interface WorkspaceFolderInfo {
  name: string;
  uri: string;
  path: string;
  index: number;
}

/** What `openFile` is asked to do; `filePath` is already absolute. */
export interface OpenFileRequest {
  filePath: string;
  preview: boolean;
  startText?: string;
  endText?: string;
  selectToEndOfLine: boolean;
  makeFrontmost: boolean;
}

/** What became of an `openFile` request. */
export type OpenFileOutcome =
  | { kind: 'not-found' }
  | {
      kind: 'opened';
      fileUrl: string;
      languageId: string;
      lineCount: number;
      isDirty: boolean;
      isUntitled: boolean;
      /** Whether `startText` was asked for and found (so a selection was made). */
      selected: boolean | undefined;
    };

/** The state of an open document; undefined from the editor when the document is not open. */
export interface DocumentState {
  isDirty: boolean;
  isUntitled: boolean;
}

/**
 * The editor as the IDE tools see it. Reads are synchronous where VS Code's are (diagnostics must
 * answer fast: the CLI gives them 500 ms). Implementations must not throw for an unknown file.
 */
export interface IdeEditor {
  workspaceFolders(): WorkspaceFolderInfo[];
  /** The `.code-workspace` file's path, or null for a folder window. */
  workspaceFile(): string | null;
  /** Every file with problems, or the problems of `path` alone (an entry even when it has none). */
  diagnostics(path?: string): FileDiagnostics[];
  /** The active text editor's primary selection, or undefined without one. */
  currentSelection(): EditorSelection | undefined;
  openEditors(): OpenEditorTab[];
  /** undefined when no document is open for `path`. */
  documentState(path: string): DocumentState | undefined;
  /** Saves an open document: `saved` false when it was not dirty or saving failed; undefined when not open. */
  saveDocument(path: string): Promise<{ saved: boolean } | undefined>;
  openFile(request: OpenFileRequest): Promise<OpenFileOutcome>;
  /** The file's text on disk, or undefined when it does not exist. */
  readDiskText(path: string): Promise<string | undefined>;
  /**
   * Closes the IDE diff tabs this server opened (all of them, or those titled `title`); other
   * diff editors are never touched. Resolves to how many tabs were closed.
   */
  closeDiffTabs(title?: string): Promise<number>;
}

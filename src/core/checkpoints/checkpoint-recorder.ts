import { normalizePath } from '../paths/normalize-path';
import { isInsidePath } from '../paths/is-inside-path';
import type { ShellParser } from '../permissions/shell-parser';
import type { Clock, FileContent, Logger, Workspace } from '../ports';
import type { FileScanner } from './checkpoint-ports';
import type { CheckpointSession } from './checkpoint-session';
import { commandTargets, globMatcher } from './command-targets';
import type { CaptureLimits, TurnSummary } from './turn-capture';
import { defaultCaptureLimits, TurnCapture } from './turn-capture';

export interface CheckpointRecorderOptions {
  session: CheckpointSession;
  /** The workspace without the checkpoint decorator. */
  workspace: Workspace;
  scanner: FileScanner;
  /** Without it, the files a command names are not captured before it runs (the scan still sees changes). */
  parser: ShellParser | undefined;
  clock: Clock;
  logger: Logger;
  limits?: Partial<CaptureLimits>;
  exclude?: readonly string[];
  /** Called when a turn's step is journaled; must not throw. */
  onDidFinishTurn?(summary: TurnSummary): void;
}

/**
 * Takes one chat's checkpoints: a turn opens before the person's message runs and closes when the
 * agent stops. While it is open, every write through the decorated Workspace, every command of an
 * `execute` tool and every file the agent reads feed the turn's capture. Outside a turn the hooks
 * do nothing. Closing finishes in the background; {@link settled} waits for it.
 */
export class CheckpointRecorder {
  readonly session: CheckpointSession;
  readonly #options: CheckpointRecorderOptions;
  readonly #limits: CaptureLimits;
  #turn: TurnCapture | undefined;
  #finishing: Promise<TurnSummary | undefined> = Promise.resolve(undefined);

  constructor(options: CheckpointRecorderOptions) {
    this.session = options.session;
    this.#options = options;
    this.#limits = { ...defaultCaptureLimits, ...options.limits };
  }

  /** True while a turn is open or its step is still being written. */
  get busy(): boolean {
    return this.#turn !== undefined;
  }

  /**
   * Opens a turn and returns its checkpoint id (the state before it can be restored to), or
   * undefined when the journal cannot be written (the turn then runs without a checkpoint).
   */
  async beginTurn(label: string): Promise<number | undefined> {
    await this.settled();
    if (this.#turn) return this.#turn.id;
    const id = this.session.allocateId();
    try {
      await this.session.append({ type: 'turn', id, at: this.#options.clock.now(), label: firstLine(label) });
    } catch (error) {
      this.#options.logger.error(
        'checkpoint: the journal cannot be written; this turn has no checkpoint',
        error,
      );
      return undefined;
    }
    this.session.turnOpened();
    this.#turn = new TurnCapture({
      id,
      session: this.session,
      workspace: this.#options.workspace,
      scanner: this.#options.scanner,
      limits: this.#limits,
      exclude: (this.#options.exclude ?? []).map((folder) => normalizePath(folder)),
      logger: this.#options.logger,
    });
    return id;
  }

  /** Closes the open turn; resolves with what it changed once its step is journaled. */
  endTurn(): Promise<TurnSummary | undefined> {
    const turn = this.#turn;
    if (!turn) return this.#finishing;
    this.#finishing = turn.finish(this.#options.clock.now()).then(
      (summary) => {
        this.#options.onDidFinishTurn?.(summary);
        return summary;
      },
      (error: unknown) => {
        this.#options.logger.error(`checkpoint: turn ${turn.id} could not be closed`, error);
        return undefined;
      },
    );
    this.#turn = undefined;
    this.session.turnClosing(this.#finishing);
    return this.#finishing;
  }

  /** Resolves when no turn is being closed. */
  async settled(): Promise<void> {
    await this.#finishing;
  }

  /** Before the Workspace writes or deletes `path`. */
  async beforeChange(path: string): Promise<void> {
    await this.#turn?.capture(normalizePath(path), 'write');
  }

  /** After the Workspace read `path` for the agent. */
  noteRead(path: string, content: FileContent): void {
    this.#turn?.stage(normalizePath(path), content);
  }

  /** Before an `execute` tool runs `command` in `cwd`: keeps the files it names. */
  async beforeCommand(command: string, cwd: string): Promise<void> {
    const turn = this.#turn;
    const parser = this.#options.parser;
    if (!turn || !parser) return;
    const targets = commandTargets(parser.parse(command), normalizePath(cwd), this.#limits.maxCommandPaths);
    const roots = this.#options.workspace.roots;
    const paths = new Set(targets.paths.filter((path) => roots.some((root) => isInsidePath(path, root))));
    let room = this.#limits.maxFolderFiles;
    for (const folder of targets.folders) {
      const inside = await turn.filesUnder(folder, room);
      room -= inside.length;
      for (const path of inside) paths.add(path);
    }
    if (targets.globs.length > 0) {
      const matches = globMatcher(targets.globs);
      for (const path of (await turn.startScan).files.keys()) {
        if (room <= 0) break;
        if (!matches(path)) continue;
        paths.add(path);
        room -= 1;
      }
    }
    await Promise.all([...paths].map((path) => turn.capture(path, 'command')));
  }
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

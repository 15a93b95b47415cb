import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SaveResultOutcome, ToolResultStore } from '../../core/ports';

/** The folder of a session's saved tool results: `<sessions>/<session id>/tool-results`. */
export function toolResultsDirectory(sessionsDirectory: string, sessionId: string): string {
  return join(sessionsDirectory, sessionId, 'tool-results');
}

/**
 * Saves tool results as text files in one folder (created on first use, private to the user),
 * one file per call, named after its id; a second save of one call replaces the first. Never
 * throws: a failed write is an outcome with the reason.
 */
export class NodeToolResultStore implements ToolResultStore {
  constructor(readonly directory: string) {}

  async save(result: { toolUseId: string; text: string }): Promise<SaveResultOutcome> {
    const path = join(this.directory, `${safeName(result.toolUseId)}.txt`);
    try {
      await mkdir(this.directory, { recursive: true, mode: 0o700 });
      await writeFile(path, result.text, { encoding: 'utf8', mode: 0o600 });
      return { ok: true, path };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** Provider ids are `toolu_…` or `call_…`; anything else is made safe for a file name. */
function safeName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 120);
  return name === '' ? 'result' : name;
}

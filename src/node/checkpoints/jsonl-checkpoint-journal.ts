import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CheckpointJournal, JournalContents } from '../../core/checkpoints/checkpoint-ports';
import type { CheckpointRecord } from '../../core/checkpoints/checkpoint-record';
import { checkpointRecordSchema } from '../../core/checkpoints/checkpoint-record';
import { parseJsonLines } from '../../core/text/json-lines';

/** Parses journal text line by line; a torn or invalid line is counted and skipped. */
export function parseJournal(text: string): JournalContents {
  const { values, skippedLines } = parseJsonLines(text.split('\n'), checkpointRecordSchema);
  return { records: values, skippedLines };
}

/**
 * A session's checkpoint journal as a JSONL file. Lines are only ever appended, one record per
 * write, in the order `append` was called (appends are chained), so a killed process leaves at most
 * one torn last line. A missing file reads as empty.
 */
export class JsonlCheckpointJournal implements CheckpointJournal {
  #tail: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async read(): Promise<JournalContents> {
    await this.#tail.catch(() => undefined);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return { records: [], skippedLines: 0 };
    }
    return parseJournal(text);
  }

  append(record: CheckpointRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const write = this.#tail
      .catch(() => undefined)
      .then(async () => {
        try {
          await appendFile(this.path, line, { mode: 0o600 });
        } catch (error) {
          if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
          await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
          await appendFile(this.path, line, { mode: 0o600 });
        }
      });
    this.#tail = write;
    return write;
  }
}

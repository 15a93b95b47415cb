import type { CutText } from '../../core/text/cut-middle';
import { countLines } from '../../core/text/cut-middle';

/**
 * Text capped in memory: keeps the first and the last `maxChars / 2` characters of everything
 * appended and counts the characters and line breaks that fell out in between, so whoever shows it
 * can say truly what is missing. Appending is amortised O(chunk).
 */
export class OutputBuffer {
  readonly #headMax: number;
  readonly #tailMax: number;
  #head = '';
  #tail = '';
  #headLines = 0;
  #characters = 0;
  #lines = 0;

  constructor(maxChars: number) {
    this.#headMax = Math.ceil(maxChars / 2);
    this.#tailMax = Math.floor(maxChars / 2);
  }

  append(chunk: string): void {
    this.#characters += chunk.length;
    this.#lines += countLines(chunk);
    let rest = chunk;
    if (this.#head.length < this.#headMax) {
      const room = this.#headMax - this.#head.length;
      const taken = rest.slice(0, room);
      this.#head += taken;
      this.#headLines += countLines(taken);
      rest = rest.slice(room);
    }
    if (rest.length === 0) return;
    this.#tail += rest;
    // Trim only when the tail doubles, so long streams of small chunks stay linear.
    if (this.#tail.length > this.#tailMax * 2)
      this.#tail = this.#tail.slice(-this.#tailMax || this.#tail.length);
  }

  /** What is kept: head and tail, and the count of what was cut between them. */
  text(): CutText {
    const tail = this.#tailMax === 0 ? '' : this.#tail.slice(-this.#tailMax);
    const kept = this.#head.length + tail.length;
    return {
      head: this.#head,
      omitted: {
        characters: this.#characters - kept,
        lines: this.#lines - this.#headLines - countLines(tail),
      },
      tail,
    };
  }
}

import { cutNote } from '../../core/tools/bash/cut-middle';

/**
 * Text capped in memory: keeps the first and the last `maxChars / 2` characters of everything
 * appended and counts what fell out in between. Appending is amortised O(chunk).
 */
export class OutputBuffer {
  readonly #headMax: number;
  readonly #tailMax: number;
  #head = '';
  #tail = '';
  #total = 0;

  constructor(maxChars: number) {
    this.#headMax = Math.ceil(maxChars / 2);
    this.#tailMax = Math.floor(maxChars / 2);
  }

  /** Characters appended so far, including those cut. */
  get totalChars(): number {
    return this.#total;
  }

  append(chunk: string): void {
    this.#total += chunk.length;
    let rest = chunk;
    if (this.#head.length < this.#headMax) {
      const room = this.#headMax - this.#head.length;
      this.#head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (rest.length === 0) return;
    this.#tail += rest;
    // Trim only when the tail doubles, so long streams of small chunks stay linear.
    if (this.#tail.length > this.#tailMax * 2)
      this.#tail = this.#tail.slice(-this.#tailMax || this.#tail.length);
  }

  /** Head, a note of what was cut (if anything), and tail. */
  toString(): string {
    const tail = this.#tailMax === 0 ? '' : this.#tail.slice(-this.#tailMax);
    const cut = this.#total - this.#head.length - tail.length;
    if (cut <= 0) return this.#head + tail;
    return `${this.#head}\n${cutNote(cut)}\n${tail}`;
  }

  /** The last `count` characters of `toString()`. */
  tail(count: number): string {
    return this.toString().slice(-count);
  }
}

import type { SystemPromptSection } from '../context/system-prompt';
import { memoryIndexName } from './memory-path';

/** MEMORY.md is loaded into every prompt: at most this many lines, and this many bytes. */
export const memoryIndexLimits = { lines: 200, bytes: 25_000 } as const;

/** What the section shows: where the memory is and its index as it was when the session began. */
export interface AutoMemoryPrompt {
  /** The memory folder, absolute. */
  location: string;
  /** MEMORY.md's text; undefined when there is none yet. */
  index: string | undefined;
}

/** The index cut to {@link memoryIndexLimits}, with a note saying so when it was cut. */
export function indexForPrompt(index: string): string {
  const lines = index.trimEnd().split('\n');
  let kept = lines.slice(0, memoryIndexLimits.lines).join('\n');
  const encoder = new TextEncoder();
  if (encoder.encode(kept).length > memoryIndexLimits.bytes) {
    kept = kept.slice(0, memoryIndexLimits.bytes);
    while (encoder.encode(kept).length > memoryIndexLimits.bytes) kept = kept.slice(0, -100);
  }
  const cut = kept.length < lines.join('\n').length;
  return cut
    ? `${kept}\n[${memoryIndexName} goes on past ${memoryIndexLimits.lines} lines or ${memoryIndexLimits.bytes.toLocaleString('en-US')} bytes and was cut here: shorten it.]`
    : kept;
}

/**
 * The auto-memory section: MEMORY.md as it stood when the session began. Dynamic and rendered once
 * per session (not volatile), so a memory saved mid-session does not change the cached prompt —
 * the agent knows what it saved from the tool's result. Topic files are not loaded: the agent
 * opens those it needs with the Memory tool.
 */
export function autoMemorySection(memory: AutoMemoryPrompt): SystemPromptSection {
  return {
    id: 'auto-memory',
    placement: 'dynamic',
    render: () => {
      const index = memory.index?.trim() ? indexForPrompt(memory.index) : undefined;
      return [
        '# Auto memory',
        `You keep a memory for this project between sessions, in ${memory.location}, through the Memory tool. ` +
          `${memoryIndexName} is its index and is shown below; open a topic file it lists when it bears on the task. ` +
          'These are notes you saved earlier, which the person can read and edit: use them, and correct or delete one that proves wrong.',
        index === undefined
          ? `${memoryIndexName} is empty: nothing is saved yet.`
          : `Contents of ${memoryIndexName}:\n\n${index}`,
      ].join('\n\n');
    },
  };
}

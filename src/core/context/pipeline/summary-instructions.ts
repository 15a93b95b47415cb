/**
 * The words of the summary calls. One structure for every compaction, so a summary of a summary
 * keeps the same sections and nothing the work needs falls between two of them.
 */

const sections = `## Goal
What the person wants from this session, in a short paragraph.

## The person's words that still bind
Every instruction, constraint, preference and correction the person gave that still applies, quoted verbatim.

## Decisions
What was decided and why; conventions and facts found in the code that later steps rely on.

## Files touched
Each file read, created or changed, with what matters in it: signatures, key snippets, line ranges.

## Errors and fixes
Each error met (failing tests, tool errors, wrong turns) and how it was fixed, or that it is still open.

## Pending work
What remains to do, in order, including the open items of the todo list.

## Where it stopped
The step in progress when this summary was written, and the next action.`;

/**
 * The last message of a compaction that reuses the conversation's cached prefix: the history goes
 * as it is, then this, so the provider reads everything before it from the cache.
 */
export function compactionInstruction(instructions: string | undefined): string {
  const focus = instructions?.trim() ? `\n\nThe person asked the summary to: ${instructions.trim()}` : '';
  return `Stop the task here and write the hand-over summary of this session instead. The conversation above will be replaced by your summary, and the work continues from it alone, so keep everything the work needs. Do not call any tools: answer with the summary only, in plain text under these headings, with no preamble.\n\n${sections}${focus}`;
}

/** The system prompt of a compaction from a rendered transcript (when the conversation itself no longer fits). */
export function transcriptSummarySystem(instructions: string | undefined): string {
  const focus = instructions?.trim() ? `\n\nThe person asked the summary to: ${instructions.trim()}` : '';
  return `You write the hand-over summary of a coding session that no longer fits the context window. The session continues from your summary alone, so keep everything the work needs. Answer with the summary only, in plain text under these headings, with no preamble.\n\n${sections}${focus}`;
}

/** The system prompt of a context collapse: one span of the session, not all of it. */
export const spanSummarySystem = `You summarise one stretch of a coding session so that it can stand in for the stretch: the rest of the session stays as it is around your summary. Keep what later steps may need — what was asked, what was found (file paths, names, line numbers, key snippets), what was changed, errors and their fixes, decisions — and drop the rest. Plain text, no preamble, at most a fifth as long as the stretch.`;

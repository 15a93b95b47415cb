import type { ToolResult } from '../tools/tool';

/** Cuts an over-long text result in the middle, keeping head and tail, and says how much was cut. */
export function truncateResult(result: ToolResult, maxChars: number): ToolResult {
  if (typeof result.content !== 'string' || result.content.length <= maxChars) return result;
  const text = result.content;
  const keep = Math.floor(maxChars / 2);
  const cut = text.length - keep * 2;
  return {
    ...result,
    content: `${text.slice(0, keep)}\n\n[… ${cut.toLocaleString('en-US')} characters cut …]\n\n${text.slice(-keep)}`,
  };
}

import { cutMiddleText } from '../text/cut-middle';
import type { ToolResult } from '../tools/tool';

/**
 * The last cap on a tool's text result: over `maxChars` it is cut in the middle to at most
 * `maxChars`, note included, the note counting the characters and lines left out. A tool that cuts
 * its own output to its limit is never cut again here.
 */
export function truncateResult(result: ToolResult, maxChars: number): ToolResult {
  if (typeof result.content !== 'string' || result.content.length <= maxChars) return result;
  return { ...result, content: cutMiddleText(result.content, maxChars) };
}

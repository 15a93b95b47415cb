import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { neutralizeReminderTags } from '../context/reminders';
import type { ImageBlock, TextBlock } from '../messages/message';
import type { ToolResult } from '../tools/tool';

/** Image types both model APIs accept inline; others are described in words. */
const inlineImageTypes = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

type ContentItem = CallToolResult['content'][number];

/**
 * An MCP `tools/call` result (already validated by the SDK's schema) as a tool result: text stays
 * text, images stay images when the model takes them, audio, links and embedded resources become
 * a line of text. With no content, structured content is sent as JSON. Text that poses as a
 * `<system-reminder>` is defused: the server is outside Tandem's trust. A text-only result is one
 * string, so the executor's length cap applies to it.
 */
export function toToolResult(result: CallToolResult, options: { supportsImages: boolean }): ToolResult {
  const blocks = result.content.map((item) => toBlock(item, options.supportsImages));
  if (blocks.length === 0 && result.structuredContent !== undefined)
    blocks.push({ type: 'text', text: JSON.stringify(result.structuredContent, null, 2) });
  const isError = result.isError === true;
  if (blocks.length === 0)
    return { content: isError ? 'The tool failed without saying why.' : '(no output)', isError };
  if (blocks.every((block): block is TextBlock => block.type === 'text'))
    return { content: blocks.map((block) => block.text).join('\n'), isError };
  return { content: blocks, isError };
}

function toBlock(item: ContentItem, supportsImages: boolean): TextBlock | ImageBlock {
  switch (item.type) {
    case 'text':
      return text(item.text);
    case 'image':
      return supportsImages && inlineImageTypes.has(item.mimeType)
        ? { type: 'image', mediaType: item.mimeType, data: item.data }
        : text(
            `[image of type ${item.mimeType}, ${approximateBytes(item.data)} bytes, not shown to this model]`,
          );
    case 'audio':
      return text(`[audio of type ${item.mimeType}, ${approximateBytes(item.data)} bytes, not shown]`);
    case 'resource_link':
      return text(`Resource: ${item.name} <${item.uri}>${item.mimeType ? ` (${item.mimeType})` : ''}`);
    case 'resource': {
      const resource = item.resource;
      if ('text' in resource) return text(`Resource <${resource.uri}>:\n${resource.text}`);
      const mimeType = resource.mimeType ?? 'application/octet-stream';
      if (supportsImages && inlineImageTypes.has(mimeType))
        return { type: 'image', mediaType: mimeType, data: resource.blob };
      return text(
        `[resource <${resource.uri}> of type ${mimeType}, ${approximateBytes(resource.blob)} bytes, not shown]`,
      );
    }
  }
}

function text(value: string): TextBlock {
  return { type: 'text', text: neutralizeReminderTags(value) };
}

function approximateBytes(base64: string): number {
  return Math.floor((base64.length * 3) / 4);
}

import type {
  ContentBlockParam,
  ImageBlockParam,
  MessageCreateParamsStreaming,
  MessageParam,
  TextBlockParam,
  Tool,
  ToolResultBlockParam,
  ToolUseBlockParam,
} from '@anthropic-ai/sdk/resources/messages';
import type { ContentBlock, ImageBlock, Message, TextBlock } from '../../core/messages/message';
import type { ModelRequest, ToolDefinition } from '../../core/model/model-client';
import { placeCacheBreakpoints } from './anthropic-cache-breakpoints';
import { toolParameters } from './tool-input';

const ephemeral = { type: 'ephemeral' } as const;

type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

/**
 * Each history message's Messages API form, mapped once: messages in a history are never changed,
 * so a turn maps only what it added, not the whole session again.
 */
const mappedMessages = new WeakMap<Message, MessageParam>();

/**
 * The Messages API body for one streamed call. Pure (the per-message mapping is memoised, never
 * mutated). Cache breakpoints as {@link placeCacheBreakpoints} places them. Thinking blocks go back
 * verbatim with their signatures, because the API rejects a tool turn whose thinking was altered or
 * dropped.
 */
export function toAnthropicParams(request: ModelRequest): MessageCreateParamsStreaming {
  const breakpoints = placeCacheBreakpoints(request);
  const tools = request.tools.map((tool, index) =>
    index === breakpoints.tool ? { ...toTool(tool), cache_control: ephemeral } : toTool(tool),
  );
  const system = request.system
    .map((block, index) => ({ block, index }))
    .filter(({ block }) => block.text.length > 0)
    .map(({ block, index }): TextBlockParam =>
      breakpoints.system.has(index)
        ? { type: 'text', text: block.text, cache_control: ephemeral }
        : { type: 'text', text: block.text },
    );
  const messages = request.messages.map((message, index) => {
    const param = messageParam(message);
    return breakpoints.messages.has(index) ? withBreakpoint(param) : param;
  });

  const params: MessageCreateParamsStreaming = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages,
    stream: true,
  };
  if (system.length > 0) params.system = system;
  if (tools.length > 0) params.tools = tools;
  if (request.thinkingBudget !== undefined) {
    params.thinking = { type: 'enabled', budget_tokens: request.thinkingBudget };
  }
  return params;
}

function messageParam(message: Message): MessageParam {
  let param = mappedMessages.get(message);
  if (param === undefined) {
    param = toMessageParam(message);
    mappedMessages.set(message, param);
  }
  return param;
}

function toTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    description: tool.description,
    input_schema: toolParameters(tool.inputSchema),
  };
}

// The API rejects empty text blocks; one can appear after an interrupted stream.
function toMessageParam(message: Message): MessageParam {
  const kept = message.content.filter((block) => block.type !== 'text' || block.text.length > 0);
  return { role: message.role, content: (kept.length > 0 ? kept : message.content).map(toContentBlock) };
}

function toContentBlock(block: ContentBlock): ContentBlockParam {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return toImage(block);
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    case 'tool_result':
      return toToolResult(block.toolUseId, block.content, block.isError);
  }
}

function toImage(block: ImageBlock): ImageBlockParam {
  return {
    type: 'image',
    source: { type: 'base64', media_type: block.mediaType as ImageMediaType, data: block.data },
  };
}

function toToolResult(
  toolUseId: string,
  content: string | (TextBlock | ImageBlock)[],
  isError: boolean,
): ToolResultBlockParam {
  const mapped =
    typeof content === 'string'
      ? content
      : content.map((part): TextBlockParam | ImageBlockParam =>
          part.type === 'text' ? { type: 'text', text: part.text } : toImage(part),
        );
  const result: ToolResultBlockParam = { type: 'tool_result', tool_use_id: toolUseId, content: mapped };
  if (isError) result.is_error = true;
  return result;
}

type CacheableParam = TextBlockParam | ImageBlockParam | ToolUseBlockParam | ToolResultBlockParam;

function isCacheable(block: ContentBlockParam): block is CacheableParam {
  return (
    block.type === 'text' ||
    block.type === 'image' ||
    block.type === 'tool_use' ||
    block.type === 'tool_result'
  );
}

/**
 * A copy of the message with a breakpoint on its last block that can carry one (thinking blocks
 * cannot); the memoised mapping itself is left as it was.
 */
function withBreakpoint(message: MessageParam): MessageParam {
  const content = message.content;
  if (message.role === 'system' || !Array.isArray(content)) return message;
  const index = content.findLastIndex(isCacheable);
  if (index === -1) return message;
  const marked = content.slice();
  marked[index] = { ...(content[index] as CacheableParam), cache_control: ephemeral };
  return { ...message, content: marked };
}

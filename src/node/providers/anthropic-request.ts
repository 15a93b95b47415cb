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
import type { ModelRequest, SystemBlock, ToolDefinition } from '../../core/model/model-client';
import { toolParameters } from './tool-input';

/** The API accepts at most four `cache_control` breakpoints per request. */
export const maxCacheBreakpoints = 4;

const ephemeral = { type: 'ephemeral' } as const;

type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

/**
 * The Messages API body for one streamed call. Pure. Cache breakpoints, in order of priority: the
 * tool definition flagged `cacheBreakpoint` (else the last one), each system block flagged `cacheBreakpoint`, the newest message's last
 * block; never more than {@link maxCacheBreakpoints}. Thinking blocks go back verbatim with their
 * signatures, because the API rejects a tool turn whose thinking was altered or dropped.
 */
export function toAnthropicParams(request: ModelRequest): MessageCreateParamsStreaming {
  let budget = maxCacheBreakpoints;
  const tools = request.tools.map(toTool);
  const flagged = request.tools.findLastIndex((tool) => tool.cacheBreakpoint === true);
  const breakpointTool = flagged === -1 ? tools.at(-1) : tools[flagged];
  if (breakpointTool && budget > 0) {
    breakpointTool.cache_control = ephemeral;
    budget -= 1;
  }
  // The newest message's breakpoint is reserved before the system blocks take the rest.
  const messageBudget = budget > 0 && request.messages.length > 0 ? 1 : 0;
  const system = toSystem(request.system, budget - messageBudget);
  const messages = request.messages.map(toMessageParam);
  if (messageBudget > 0) markLastBlock(messages);

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

function toTool(tool: ToolDefinition): Tool {
  return {
    name: tool.name,
    description: tool.description,
    input_schema: toolParameters(tool.inputSchema),
  };
}

function toSystem(blocks: readonly SystemBlock[], budget: number): TextBlockParam[] {
  let remaining = budget;
  const flagged = blocks.filter((block) => block.cacheBreakpoint).length;
  // When there are more flagged blocks than breakpoints, the later ones cover more of the prefix.
  let skip = Math.max(0, flagged - Math.max(0, remaining));
  return blocks
    .filter((block) => block.text.length > 0)
    .map((block) => {
      const param: TextBlockParam = { type: 'text', text: block.text };
      if (block.cacheBreakpoint) {
        if (skip > 0) skip -= 1;
        else if (remaining > 0) {
          param.cache_control = ephemeral;
          remaining -= 1;
        }
      }
      return param;
    });
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

// Thinking blocks cannot carry cache_control, so the breakpoint goes on the last block that can.
function markLastBlock(messages: MessageParam[]): void {
  const content = messages.at(-1)?.content;
  if (!Array.isArray(content)) return;
  for (let index = content.length - 1; index >= 0; index -= 1) {
    const block: ContentBlockParam | undefined = content[index];
    if (block && isCacheable(block)) {
      block.cache_control = ephemeral;
      return;
    }
  }
}

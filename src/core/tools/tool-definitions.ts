import { z } from 'zod';
import type { ToolDefinition } from '../model/model-client';
import type { AnyTool } from './tool';

/** The tools as the model sees them: name, description, JSON Schema of the input. */
export function toolDefinitions(tools: readonly AnyTool[]): ToolDefinition[] {
  return tools.map((tool) => {
    const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(tool.inputSchema, {
      io: 'input',
      unrepresentable: 'any',
    }) as Record<string, unknown>;
    return { name: tool.name, description: tool.description, inputSchema };
  });
}

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
    return { name: tool.name, description: tool.description, inputSchema: withoutIntegerLimits(inputSchema) };
  });
}

/**
 * The schema without the bounds zod writes for every `.int()` (±2^53 − 1): they tell the model
 * nothing and every request carries them.
 */
function withoutIntegerLimits(schema: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      (key === 'maximum' || key === 'minimum') && Math.abs(Number(value)) === Number.MAX_SAFE_INTEGER
        ? undefined
        : value,
    ),
  ) as Record<string, unknown>;
}

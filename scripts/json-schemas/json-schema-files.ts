/**
 * The JSON Schemas package.json's `jsonValidation` points at, by path in the repository. They are
 * checked in (the extension ships them as they are) and regenerated with `npm run schemas`; a unit
 * test fails when a checked-in file differs from what its generator makes now.
 */
import { claudeSettingsJsonSchema } from './claude-settings-json-schema';
import { mcpServersJsonSchema } from './mcp-servers-json-schema';

/** Repository path → the schema that belongs there. */
export const jsonSchemaFiles: Record<string, () => Record<string, unknown>> = {
  'schemas/claude-settings.schema.json': claudeSettingsJsonSchema,
  'schemas/mcp-servers.schema.json': mcpServersJsonSchema,
};

import * as vscode from 'vscode';
import { z } from 'zod';
import { permissionModeSchema } from '../../core/permissions/permission-mode';

/** Providers the host can talk to. `vscode-lm` is the editor's own models (Copilot and others). */
export const providerIdSchema = z.enum(['anthropic', 'openai', 'vscode-lm']);
/** A provider id. */
export type ProviderId = z.infer<typeof providerIdSchema>;

const settingsSchema = z.object({
  provider: providerIdSchema.catch('anthropic'),
  model: z.string().catch(''),
  smallModel: z.string().catch(''),
  subagentModel: z.string().catch(''),
  anthropicBaseUrl: z.string().catch(''),
  openaiBaseUrl: z.string().catch(''),
  permissionMode: permissionModeSchema.catch('default'),
  maxTurns: z.number().int().positive().catch(100),
  ripgrepPath: z.string().catch(''),
  mcpToolTimeoutSeconds: z.number().positive().catch(600),
  mcpStartupTimeoutSeconds: z.number().positive().catch(30),
  toolSearchBudgetTokens: z.number().int().nonnegative().catch(2_000),
  checkpointsEnabled: z.boolean().catch(true),
  checkpointsMaxStorageMB: z.number().int().min(16).catch(512),
  chatTitles: z.boolean().catch(true),
  autoMemory: z.boolean().catch(true),
});

/** The `tandem.*` settings after validation: a bad value falls back to its default, never throws. */
export type HostSettings = z.infer<typeof settingsSchema>;

/** Reads and validates `tandem.*` (user, workspace and folder layers merged by VS Code). */
export function readHostSettings(): HostSettings {
  const configuration = vscode.workspace.getConfiguration('tandem');
  return settingsSchema.parse({
    provider: configuration.get('provider'),
    model: configuration.get('model'),
    smallModel: configuration.get('smallModel'),
    subagentModel: configuration.get('subagentModel'),
    anthropicBaseUrl: configuration.get('anthropic.baseUrl'),
    openaiBaseUrl: configuration.get('openai.baseUrl'),
    permissionMode: configuration.get('permissionMode'),
    maxTurns: configuration.get('maxTurns'),
    ripgrepPath: configuration.get('ripgrepPath'),
    mcpToolTimeoutSeconds: configuration.get('mcp.toolTimeoutSeconds'),
    mcpStartupTimeoutSeconds: configuration.get('mcp.startupTimeoutSeconds'),
    toolSearchBudgetTokens: configuration.get('mcp.toolSearchBudgetTokens'),
    checkpointsEnabled: configuration.get('checkpoints.enabled'),
    checkpointsMaxStorageMB: configuration.get('checkpoints.maxStorageMB'),
    chatTitles: configuration.get('chatTitles'),
    autoMemory: configuration.get('autoMemory'),
  });
}

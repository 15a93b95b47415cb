import { z } from 'zod';
import type { Logger } from '../../core/ports';
import type { McpTrustAnswer, McpTrustStore } from '../../core/mcp/project-server-trust';
import { updateSettingsFile } from '../settings/settings-writer';

const trustKeysSchema = z.looseObject({
  enableAllProjectMcpServers: z.boolean().optional(),
  enabledMcpjsonServers: z.array(z.string()).optional(),
  disabledMcpjsonServers: z.array(z.string()).optional(),
});

/**
 * Saves answers about project servers to `.claude/settings.local.json`, as Claude Code does:
 * "use all" sets `enableAllProjectMcpServers`, "use" adds the names to `enabledMcpjsonServers` and
 * "don't use" to `disabledMcpjsonServers` (each taking the names out of the other list). A file it
 * cannot parse is left alone and the answer holds for this session only.
 */
export class LocalSettingsTrustStore implements McpTrustStore {
  constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  async save(decision: { answer: McpTrustAnswer; names: readonly string[] }): Promise<void> {
    const { answer, names } = decision;
    const without = (list: readonly string[] | undefined) =>
      (list ?? []).filter((name) => !names.includes(name));
    const result = await updateSettingsFile(this.path, trustKeysSchema, (settings) => {
      if (answer === 'approve-all') return { ...settings, enableAllProjectMcpServers: true };
      const [add, remove] =
        answer === 'approve'
          ? (['enabledMcpjsonServers', 'disabledMcpjsonServers'] as const)
          : (['disabledMcpjsonServers', 'enabledMcpjsonServers'] as const);
      const kept = settings[remove] ? { [remove]: without(settings[remove]) } : {};
      return { ...settings, [add]: [...without(settings[add]), ...names], ...kept };
    }).catch((error: unknown) => ({ ok: false as const, message: String(error) }));
    if (result.ok) this.logger.info(`MCP: saved your answer for ${names.join(', ')} to ${this.path}`);
    else
      this.logger.warn(
        `MCP: your answer for ${names.join(', ')} holds for this session only: ${result.message}`,
      );
  }
}

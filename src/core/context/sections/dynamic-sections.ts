import type { MemoryFile, MemoryScope } from '../memory/memory-loader';
import type { McpServerInstructions, PromptEnvironment, SystemPromptSection } from '../system-prompt';

/** Environment facts as a short list: only what holds for every session in this folder. */
export function renderEnvironment(environment: PromptEnvironment, modelId: string): string {
  return [
    '# Environment',
    `Working directory: ${environment.cwd}`,
    `Git repository: ${environment.isGitRepo ? 'yes' : 'no'}`,
    `Platform: ${environment.platform}${environment.shell !== undefined ? ` (shell: ${environment.shell})` : ''}`,
    `Model: ${modelId}`,
  ].join('\n');
}

const scopeLabels: Record<MemoryScope, string> = {
  user: "the user's instructions for all projects",
  project: 'project instructions, shared with the team',
  local: "the user's private instructions for this project",
  subfolder: 'instructions for this folder',
  import: 'imported',
};

/** Memory files in load order, each headed by its path and scope; undefined when there are none. */
export function renderMemory(files: readonly MemoryFile[]): string | undefined {
  const parts = files
    .filter((file) => file.content.trim() !== '')
    .map((file) => {
      const label =
        file.importedBy !== undefined ? `imported by ${file.importedBy}` : scopeLabels[file.scope];
      return `Contents of ${file.path} (${label}):\n\n${file.content.trim()}`;
    });
  if (parts.length === 0) return undefined;
  return [
    '# Instructions from memory files',
    'These CLAUDE.md / AGENTS.md files were written by the user. Follow them; they take precedence over the defaults above.',
    ...parts,
  ].join('\n\n');
}

/** What connected MCP servers say about using their tools. */
export function renderMcpInstructions(servers: readonly McpServerInstructions[]): string | undefined {
  const parts = servers
    .filter((server) => server.instructions.trim() !== '')
    .map((server) => `## ${server.server}\n${server.instructions.trim()}`);
  if (parts.length === 0) return undefined;
  return ['# MCP server instructions', ...parts].join('\n\n');
}

/** Environment, memory and MCP instructions — after the cache boundary. */
export function dynamicSections(): SystemPromptSection[] {
  return [
    {
      id: 'environment',
      placement: 'dynamic',
      render: (context) => renderEnvironment(context.environment, context.model.id),
    },
    { id: 'memory', placement: 'dynamic', render: (context) => renderMemory(context.memory) },
    {
      id: 'mcp-instructions',
      placement: 'dynamic',
      render: (context) => renderMcpInstructions(context.mcpInstructions),
    },
  ];
}

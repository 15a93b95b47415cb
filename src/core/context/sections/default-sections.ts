import type { SystemPromptSection } from '../system-prompt';
import { dynamicSections } from './dynamic-sections';
import { staticSections } from './static-sections';

/** Tandem's system prompt: the static sections, then environment, memory and MCP instructions. */
export function defaultSystemPromptSections(): SystemPromptSection[] {
  return [...staticSections(), ...dynamicSections()];
}

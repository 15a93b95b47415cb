/**
 * The indentation rules for one stretch of a file, built from what the edit and the file say: the
 * model's style from old_string and new_string, the file's from the stretch, the lines around it
 * and the whole file (profiled once, on first use).
 */
import type { IndentRule } from './indent-rule';
import { indentRules } from './indent-rule';
import type { FileIndentProfile } from './indent-style';
import { fileIndentProfile, fileStyleCandidates, modelIndentStyle } from './indent-style';
import type { Line } from '../line-table';
import { splitIndent } from '../line-table';

/** Lines around a window whose indentation tells the unit of its neighbourhood. */
const neighbourhood = 40;

/** Fresh rules, in the order to try them, for the window of `count` lines from line index `first`. */
export type WindowRules = (first: number, count: number) => IndentRule[];

/** The file, split into lines, and the texts the model wrote (old_string and new_string). */
export interface WindowRulesInput {
  content: string;
  lines: readonly Line[];
  modelTexts: readonly string[];
}

/** Builds {@link WindowRules} for one edit of one file. */
export function createWindowRules({ content, lines, modelTexts }: WindowRulesInput): WindowRules {
  const model = modelIndentStyle(modelTexts);
  let profile: FileIndentProfile | undefined;
  const indentsOf = (from: number, to: number) =>
    lines
      .slice(Math.max(0, from), to)
      .filter((line) => line.text.trim() !== '')
      .map((line) => splitIndent(line.text)[0]);
  return (first, count) => {
    profile ??= fileIndentProfile(content);
    const indents = indentsOf(first, first + count);
    const nearby = indentsOf(first - neighbourhood, first + count + neighbourhood);
    const fileStyles = fileStyleCandidates({ indents, nearby, profile });
    const mixesKinds =
      indents.some((indent) => indent.startsWith('\t')) && indents.some((indent) => indent.startsWith(' '));
    return indentRules({ model, fileStyles, alignsAfterTabs: profile.alignsAfterTabs, mixesKinds });
  };
}

import { filePathTarget } from '../edits/resolve-file-path';

/**
 * The `filePaths` trait of a tool with one `file_path` input: that path, absolute and folded, or
 * nothing when the model gave a relative one (the call itself will refuse it).
 */
export function inputFilePath<Input extends { file_path: string }>(
  input: Input,
  context: { cwd: string },
): string[] {
  const path = filePathTarget(input, context);
  return path === undefined ? [] : [path];
}

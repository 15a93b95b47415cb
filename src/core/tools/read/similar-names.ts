import type { Workspace } from '../../ports';
import { splitPath } from '../../paths/path-parts';

function editDistance(first: string, second: string): number {
  let previous = Array.from({ length: second.length + 1 }, (_, index) => index);
  for (let row = 1; row <= first.length; row++) {
    const current = [row];
    for (let column = 1; column <= second.length; column++) {
      const cost = first[row - 1] === second[column - 1] ? 0 : 1;
      current.push(
        Math.min(
          (previous[column] ?? 0) + 1,
          (current[column - 1] ?? 0) + 1,
          (previous[column - 1] ?? 0) + cost,
        ),
      );
    }
    previous = current;
  }
  return previous[second.length] ?? 0;
}

const stem = (name: string) => name.replace(/\.[^.]*$/, '').toLowerCase();

/**
 * A sentence naming up to three entries of the same folder whose names are close to the missing
 * one (case, extension or a typo away); empty when there are none or the folder cannot be listed.
 */
export async function suggestSimilarNames(workspace: Workspace, path: string): Promise<string> {
  const { directory, name } = splitPath(path);
  let entries: { name: string }[];
  try {
    entries = await workspace.listDirectory(directory);
  } catch {
    return '';
  }
  const wanted = name.toLowerCase();
  const similar = entries
    .map((entry) => entry.name)
    .filter((candidate) => {
      const lower = candidate.toLowerCase();
      return lower === wanted || stem(candidate) === stem(name) || editDistance(lower, wanted) <= 2;
    })
    .slice(0, 3);
  if (similar.length === 0) return '';
  const separator = directory.endsWith('/') ? '' : '/';
  return ` Did you mean ${similar.map((candidate) => `${directory}${separator}${candidate}`).join(' or ')}?`;
}

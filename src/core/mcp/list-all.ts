/** A buggy server that never stops paging must not hang the client. */
const maxPages = 100;

/** Follows `nextCursor` through a paginated MCP list (`tools/list`, `resources/list`, …). */
export async function listAll<Page extends { nextCursor?: string }, Item>(
  fetch: (cursor: string | undefined) => Promise<Page>,
  items: (page: Page) => Item[],
): Promise<Item[]> {
  const all: Item[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await fetch(cursor);
    all.push(...items(result));
    cursor = result.nextCursor;
    if (cursor === undefined || cursor === '') break;
  }
  return all;
}

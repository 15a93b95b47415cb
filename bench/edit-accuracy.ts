/**
 * Edit-engine accuracy over test/fixtures/edits/corpus.json: every perturbed edit is applied with
 * `applyEdit`; an "apply" case is right when it yields exactly the expected content, a "refuse" case
 * when nothing is applied. Prints cases, right %, and the count of wrongly written files (the number
 * that must stay 0). Run: npx tsx bench/edit-accuracy.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { applyEdit } from '../src/core/edits/apply-edit';

const editSchema = z.object({
  old_string: z.string(),
  new_string: z.string(),
  replace_all: z.boolean().optional(),
});

const corpusSchema = z.object({
  files: z.record(z.string(), z.string()),
  cases: z.array(
    editSchema.extend({
      id: z.string(),
      file: z.string(),
      kind: z.string(),
      expect: z.enum(['apply', 'refuse']),
      expected: editSchema.optional(),
    }),
  ),
});

/** The corpus as stored. */
export type EditCorpus = z.infer<typeof corpusSchema>;
/** One perturbed edit. */
export type EditCorpusCase = EditCorpus['cases'][number];

/** Loads and validates the corpus; throws with the zod issues when the file is malformed. */
export function loadEditCorpus(path = join(__dirname, '../test/fixtures/edits/corpus.json')): EditCorpus {
  const parsed = corpusSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`corpus.json is malformed: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * The only acceptable content for an "apply" case, computed without the engine: the unperturbed
 * edit applied by plain string replacement to a unique (or, with replace_all, every) occurrence.
 */
export function expectedContent(content: string, testCase: EditCorpusCase): string {
  const expected = testCase.expected;
  if (!expected) throw new Error(`${testCase.id}: an "apply" case needs "expected"`);
  const parts = content.split(expected.old_string);
  if (parts.length < 2 || (parts.length > 2 && !expected.replace_all)) {
    throw new Error(`${testCase.id}: expected.old_string must occur exactly once`);
  }
  return parts.join(expected.new_string);
}

/** How one case went. */
export type CaseVerdict = 'right' | 'wrong-content' | 'wrongly-refused' | 'wrongly-applied';

/** Runs one case through the engine. */
export function judgeCase(
  corpus: EditCorpus,
  testCase: EditCorpusCase,
): { verdict: CaseVerdict; detail: string } {
  const content = corpus.files[testCase.file];
  if (content === undefined) throw new Error(`${testCase.id}: unknown file ${testCase.file}`);
  const outcome = applyEdit(content, {
    oldString: testCase.old_string,
    newString: testCase.new_string,
    replaceAll: testCase.replace_all ?? false,
  });
  if (testCase.expect === 'refuse') {
    return outcome.ok
      ? { verdict: 'wrongly-applied', detail: outcome.content }
      : { verdict: 'right', detail: outcome.code };
  }
  if (!outcome.ok) return { verdict: 'wrongly-refused', detail: outcome.message };
  return outcome.content === expectedContent(content, testCase)
    ? { verdict: 'right', detail: outcome.tolerance.join(',') }
    : { verdict: 'wrong-content', detail: outcome.content };
}

function main(): void {
  const corpus = loadEditCorpus();
  const counts = new Map<CaseVerdict, number>();
  const failures: string[] = [];
  for (const testCase of corpus.cases) {
    const { verdict } = judgeCase(corpus, testCase);
    counts.set(verdict, (counts.get(verdict) ?? 0) + 1);
    if (verdict !== 'right') failures.push(`${testCase.id}: ${verdict}`);
  }
  const total = corpus.cases.length;
  const right = counts.get('right') ?? 0;
  const wronglyWritten = (counts.get('wrong-content') ?? 0) + (counts.get('wrongly-applied') ?? 0);
  const applyCases = corpus.cases.filter((testCase) => testCase.expect === 'apply').length;
  const rows: [string, string][] = [
    ['cases', `${total} (${applyCases} apply, ${total - applyCases} refuse)`],
    ['right', `${((100 * right) / total).toFixed(1)}% (${right}/${total})`],
    ['wrongly refused', String(counts.get('wrongly-refused') ?? 0)],
    ['wrongly written', String(wronglyWritten)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  for (const failure of failures) console.log(`  ${failure}`);
  if (wronglyWritten > 0) process.exitCode = 1;
}

if (require.main === module) main();

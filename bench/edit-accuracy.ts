/**
 * Edit-engine accuracy over test/fixtures/edits/corpus.json, beside Claude Code. Every perturbed
 * edit is applied with `applyEdit`; an "apply" case is right when it yields exactly the expected
 * content, a "refuse" case when nothing is applied. A sample stratified by kind (`--sample N`,
 * default 160, `--seed S`) also runs through the real Claude Code CLI (see claude-code-edits.ts);
 * `--no-peer` skips it. Prints one table per kind: cases, right %, wrongly refused, wrongly written
 * (the number that must stay 0), Tandem beside Claude Code. Run: npx tsx bench/edit-accuracy.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { applyEdit } from '../src/core/edits/apply-edit';
import { claudeCodeAvailable, claudeCodeVersion, runClaudeCodeEdit } from './claude-code-edits';

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

/** A family of perturbation kinds, the rows of the table. */
export function kindFamily(kind: string): string {
  if (/wrong-line|structure-changed|not-uniform|anchors-only|stale|bare-new/.test(kind))
    return 'near-miss (must refuse)';
  if (/elided|placeholder/.test(kind)) return 'elision (must refuse)';
  if (/ambiguous|without-flag/.test(kind)) return 'ambiguous (must refuse)';
  const families: [RegExp, string][] = [
    [/^(exact|replace-all)/, 'exact'],
    [/^quotes/, 'quotes'],
    [/^(trailing-whitespace|file-trailing-whitespace)/, 'trailing whitespace'],
    [/^(line-endings|final-newline)/, 'line endings, final newline'],
    [/^indent-(more|less)/, 'indentation depth'],
    [/^(tabs-as|spaces-as-tabs|mixed-tabs)/, 'indentation kind (tabs/spaces)'],
    [/^unit-/, 'indentation unit (2/4 spaces)'],
    [/^line-numbers/, "Read's line numbers"],
    [/^(escaped|html-entities)/, 'escaping'],
  ];
  return families.find(([pattern]) => pattern.test(kind))?.[1] ?? kind;
}

/** A small seeded generator (mulberry32), so a sample is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** `size` cases taken in turn from each family, each family shuffled with `seed`. */
export function stratifiedSample(
  cases: readonly EditCorpusCase[],
  size: number,
  seed: number,
): EditCorpusCase[] {
  const random = seededRandom(seed);
  const byFamily = new Map<string, EditCorpusCase[]>();
  for (const testCase of cases) {
    const family = kindFamily(testCase.kind);
    byFamily.set(family, [...(byFamily.get(family) ?? []), testCase]);
  }
  const queues = [...byFamily.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, members]) => {
      const shuffled = [...members];
      for (let index = shuffled.length - 1; index > 0; index--) {
        const other = Math.floor(random() * (index + 1));
        [shuffled[index], shuffled[other]] = [
          shuffled[other] as EditCorpusCase,
          shuffled[index] as EditCorpusCase,
        ];
      }
      return shuffled;
    });
  const sample: EditCorpusCase[] = [];
  while (sample.length < Math.min(size, cases.length)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && sample.length < size) sample.push(next);
    }
  }
  return sample;
}

/** Cases, right, wrongly refused and wrongly written, for one column of the table. */
export interface Tally {
  cases: number;
  right: number;
  refused: number;
  written: number;
}

const emptyTally = (): Tally => ({ cases: 0, right: 0, refused: 0, written: 0 });

function count(tally: Tally, verdict: 'right' | 'wrongly-refused' | 'wrongly-written'): void {
  tally.cases++;
  if (verdict === 'right') tally.right++;
  else if (verdict === 'wrongly-refused') tally.refused++;
  else tally.written++;
}

function tandemVerdict(verdict: CaseVerdict): 'right' | 'wrongly-refused' | 'wrongly-written' {
  return verdict === 'right' || verdict === 'wrongly-refused' ? verdict : 'wrongly-written';
}

interface Options {
  sample: number;
  seed: number;
  peer: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string, fallback: number) => {
    const index = argv.indexOf(name);
    const parsed = index === -1 ? Number.NaN : Number(argv[index + 1]);
    return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
  };
  return { sample: value('--sample', 160), seed: value('--seed', 8), peer: !argv.includes('--no-peer') };
}

const percent = (tally: Tally) =>
  tally.cases === 0 ? 'n/a' : `${((100 * tally.right) / tally.cases).toFixed(1)}%`;
const cells = (tally: Tally | undefined) =>
  tally ? [percent(tally), String(tally.refused), String(tally.written)] : ['n/a', 'n/a', 'n/a'];

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const corpus = loadEditCorpus();
  const whole = new Map<string, Tally>();
  const tandem = new Map<string, CaseVerdict>();
  const failures: string[] = [];
  for (const testCase of corpus.cases) {
    const { verdict } = judgeCase(corpus, testCase);
    tandem.set(testCase.id, verdict);
    for (const key of ['all', kindFamily(testCase.kind)]) {
      const tally = whole.get(key) ?? emptyTally();
      count(tally, tandemVerdict(verdict));
      whole.set(key, tally);
    }
    if (verdict !== 'right') failures.push(`${testCase.id}: ${verdict}`);
  }
  const sample = stratifiedSample(corpus.cases, options.sample, options.seed);
  const skipped = !options.peer
    ? 'skipped (--no-peer)'
    : !claudeCodeAvailable()
      ? 'not installed'
      : undefined;
  const peer = skipped ? undefined : await runPeer(corpus, sample);
  const sampled = new Map<string, Tally>();
  for (const testCase of sample) {
    for (const key of ['all', kindFamily(testCase.kind)]) {
      const tally = sampled.get(key) ?? emptyTally();
      count(tally, tandemVerdict(tandem.get(testCase.id) ?? 'wrongly-refused'));
      sampled.set(key, tally);
    }
  }
  printTable({ whole, sampled, peer: peer?.tallies, skipped });
  for (const failure of failures) console.log(`  Tandem: ${failure}`);
  for (const failure of peer?.failures ?? []) console.log(`  Claude Code: ${failure}`);
  if ((whole.get('all')?.written ?? 0) > 0) process.exitCode = 1;
}

async function runPeer(
  corpus: EditCorpus,
  sample: readonly EditCorpusCase[],
): Promise<{ tallies: Map<string, Tally>; failures: string[] }> {
  const tallies = new Map<string, Tally>();
  const failures: string[] = [];
  for (const [index, testCase] of sample.entries()) {
    const content = corpus.files[testCase.file] ?? '';
    const refuse = testCase.expect === 'refuse';
    const result = await runClaudeCodeEdit({
      fileName: testCase.file,
      content,
      oldString: testCase.old_string,
      newString: testCase.new_string,
      replaceAll: testCase.replace_all ?? false,
      expected: refuse ? content : expectedContent(content, testCase),
      expectRefusal: refuse,
    });
    process.stderr.write(`\r[edit-accuracy] Claude Code ${index + 1}/${sample.length}`);
    if (result.failure) {
      failures.push(`${testCase.id}: run failed: ${result.failure}`);
      continue;
    }
    for (const key of ['all', kindFamily(testCase.kind)]) {
      const tally = tallies.get(key) ?? emptyTally();
      count(tally, result.verdict);
      tallies.set(key, tally);
    }
    if (result.verdict === 'wrongly-written') failures.push(`${testCase.id}: wrongly written`);
  }
  process.stderr.write('\n');
  return { tallies, failures };
}

function printTable(columns: {
  whole: Map<string, Tally>;
  sampled: Map<string, Tally>;
  peer: Map<string, Tally> | undefined;
  skipped: string | undefined;
}): void {
  const { whole, sampled, peer, skipped } = columns;
  const all = whole.get('all') ?? emptyTally();
  const sample = sampled.get('all') ?? emptyTally();
  console.log(
    `Whole corpus through Tandem's engine: ${all.cases} cases, ${percent(all)} right, ${all.refused} wrongly refused, ${all.written} wrongly written.`,
  );
  console.log(
    `Sample: ${sample.cases} cases, stratified by kind, run through Tandem's engine and through Claude Code ${claudeCodeVersion} (${skipped ? `${skipped}: its columns are empty` : 'a scripted model Reads the file, then sends the Edit'}).`,
  );
  console.log('');
  console.log(
    '| kind | whole corpus: cases | Tandem right | sample: cases | Tandem right | Tandem wrongly refused | Tandem wrongly written | Claude Code right | Claude Code wrongly refused | Claude Code wrongly written |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const families = [...whole.keys()].filter((key) => key !== 'all').sort((a, b) => a.localeCompare(b));
  for (const family of [...families, 'all']) {
    const entire = whole.get(family) ?? emptyTally();
    const part = sampled.get(family);
    const label = family === 'all' ? '**all**' : family;
    const row = [
      label,
      String(entire.cases),
      percent(entire),
      String(part?.cases ?? 0),
      ...cells(part),
      ...cells(peer?.get(family)),
    ];
    console.log(`| ${row.join(' | ')} |`);
  }
}

if (require.main === module) void main();

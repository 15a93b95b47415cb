/**
 * The project the session benches work in: twenty small TypeScript modules of a few dozen lines,
 * generated deterministically so every run and both agents read the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** How many modules the project holds. */
export const moduleCount = 20;

/** `src/module-07.ts` for 7. */
export function modulePath(index: number): string {
  return join('src', `module-${String(index).padStart(2, '0')}.ts`);
}

/** The line each module's Edit step changes, and what it becomes. */
export function versionLine(index: number, version: number): string {
  return `export const version${index} = ${version};`;
}

/** The source of module `index` (1-based): an interface, a class and two functions, about 45 lines. */
export function moduleSource(index: number): string {
  const name = `Widget${index}`;
  const next = (index % moduleCount) + 1;
  return [
    `import { ${`Widget${next}`} } from './module-${String(next).padStart(2, '0')}';`,
    '',
    versionLine(index, 1),
    '',
    `/** A ${name.toLowerCase()} as the store keeps it. */`,
    `export interface ${name}Record {`,
    '  id: string;',
    '  label: string;',
    '  weight: number;',
    `  partner?: ${`Widget${next}`};`,
    '}',
    '',
    `export class ${name} {`,
    `  private readonly records = new Map<string, ${name}Record>();`,
    '',
    `  add(record: ${name}Record): void {`,
    '    if (this.records.has(record.id)) {',
    `      throw new Error(\`${name} \${record.id} already exists\`);`,
    '    }',
    '    this.records.set(record.id, record);',
    '  }',
    '',
    `  heaviest(limit = ${index + 2}): ${name}Record[] {`,
    '    return [...this.records.values()]',
    '      .sort((a, b) => b.weight - a.weight)',
    '      .slice(0, limit);',
    '  }',
    '',
    '  totalWeight(): number {',
    '    let total = 0;',
    '    for (const record of this.records.values()) total += record.weight;',
    '    return total;',
    '  }',
    '}',
    '',
    `export function parse${name}(line: string): ${name}Record | undefined {`,
    "  const [id, label, weight] = line.split(',');",
    '  if (!id || !label || weight === undefined) return undefined;',
    '  const parsed = Number(weight);',
    '  return Number.isFinite(parsed) ? { id, label, weight: parsed } : undefined;',
    '}',
    '',
    `export function format${name}(record: ${name}Record): string {`,
    `  return \`\${record.id} (\${record.label}): \${record.weight.toFixed(${index % 3})}\`;`,
    '}',
    '',
  ].join('\n');
}

/** Writes every module under `folder/src`. */
export function writeModules(folder: string): void {
  mkdirSync(join(folder, 'src'), { recursive: true });
  for (let index = 1; index <= moduleCount; index += 1)
    writeFileSync(join(folder, modulePath(index)), moduleSource(index));
}

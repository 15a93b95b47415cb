import { bashTool, createEngine } from '../test/unit/core/permissions/engine-fixtures';
import corpus from '../test/fixtures/permissions/hostile-commands.json';
async function main() {
  const { engine, context } = await createEngine(corpus.ruleSets.generous);
  for (const command of process.argv.slice(2)) { const d = await engine.decide(bashTool, { command }, context); console.log(d.behavior.padEnd(6), JSON.stringify(command), '|', d.reason.slice(0, 80)); }
}
void main();

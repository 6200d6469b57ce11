// Prints a planconv JSON report's errors as `rowNumber fieldNumber type`
// lines, like frictionless-py's report.flatten(["rowNumber", "fieldNumber", "type"]).
// Reads the frictionless v5 shape: top-level errors and tasks[].errors.
const fs = require("fs");
const report = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
// as Report.flatten does: the report's own errors (schema, usage), then each task's
const errors = (report.errors || []).concat(
  Array.isArray(report.tasks) ? report.tasks.flatMap((t) => t.errors || []) : []);
const show = (v) => (v === undefined || v === null ? "-" : String(v));
for (const e of errors)
  process.stdout.write(`${show(e.rowNumber)} ${show(e.fieldNumber)} ${e.type}\n`);

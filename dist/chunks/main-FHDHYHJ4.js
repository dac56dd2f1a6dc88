import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  MAIN_HELP,
  SCAN_HELP,
  parseCommandLine
} from "./chunk-OZMKGMJ2.js";
import {
  TOOL_NAME,
  TOOL_VERSION,
  bytes,
  count,
  describe,
  findingFix,
  findingSubject,
  plural,
  printable,
  renderCycloneDx,
  renderMarkdown,
  renderSarif,
  resolvePolicy,
  scan,
  verdictLine,
  writeJsonReport,
  writeOutput
} from "./chunk-GVKVNA7T.js";
import {
  describeFailure
} from "./chunk-NO2GEIG2.js";
import "./chunk-SGZ3533Z.js";

// src/cli/terminal.ts
var LISTED_FINDINGS = 20;
var LISTED_CHANGES = 10;
var LISTED_NOTES = 5;
function renderTerminal(report) {
  const { target } = report;
  const lines = [
    `package   ${printable(target.path)} (${target.format}, ${plural(target.files, "entry", "entries")}, ${bytes(target.bytes)})`,
    `sha256    ${target.sha256}`
  ];
  if (report.baseline) lines.push(`baseline  ${printable(report.baseline.path)} (${report.baseline.format}, ${plural(report.baseline.files, "entry", "entries")})`);
  lines.push(`packages  ${packageCounts(report)}`);
  const changes = report.changes;
  if (changes) {
    const { files, packages, configs } = changes;
    lines.push(
      `changes   files +${count(files.added)} -${count(files.removed)} ~${count(files.changed)}; packages ${count(packages.upgraded.length)} upgraded, ${count(packages.downgraded.length)} downgraded, ${count(packages.added.length)} added, ${count(packages.removed.length)} removed; ${plural(configs.length, "config file")} changed`
    );
    for (const config of configs.slice(0, LISTED_CHANGES)) lines.push(`  config  ${printable(config.path)} ${printable(describe(config))}`);
    if (configs.length > LISTED_CHANGES) lines.push(`  \u2026 and ${count(configs.length - LISTED_CHANGES)} more config changes in the report`);
  }
  lines.push(`findings  ${findingCounts(report)}`);
  const shown = [...report.findings].sort((a, b) => Number(b.blocking) - Number(a.blocking)).slice(0, LISTED_FINDINGS);
  for (const finding of shown) {
    const where = finding.path ? `  (${printable(finding.path)})` : "";
    const fix = findingFix(finding);
    const about = finding.package ? `${printable(findingSubject(finding))}: ` : "";
    lines.push(
      `  ${finding.blocking ? "BLOCK" : "note "} ${finding.status.padEnd(8)} ${finding.severity.padEnd(8)} ${finding.kind.padEnd(14)} ${about}${printable(finding.title)}${fix ? `; ${fix}` : ""}${where}`
    );
  }
  if (report.findings.length > shown.length) {
    lines.push(`  \u2026 and ${count(report.findings.length - shown.length)} more in the report (--report, --summary)`);
  }
  for (const note of report.notes.slice(0, LISTED_NOTES)) lines.push(`note      ${printable(note)}`);
  if (report.notes.length > LISTED_NOTES) lines.push(`note      \u2026 and ${count(report.notes.length - LISTED_NOTES)} more notes in the report`);
  lines.push(verdictLine(report));
  return `${lines.join("\n")}
`;
}
function packageCounts(report) {
  if (report.packages.length === 0) return "none found";
  const byEcosystem = /* @__PURE__ */ new Map();
  for (const pkg of report.packages) byEcosystem.set(pkg.ecosystem, (byEcosystem.get(pkg.ecosystem) ?? 0) + 1);
  const parts = [...byEcosystem].sort(([a], [b]) => a < b ? -1 : 1).map(([ecosystem, n]) => `${ecosystem} ${count(n)}`);
  return `${count(report.packages.length)} (${parts.join(", ")})`;
}
function findingCounts(report) {
  if (report.findings.length === 0) return "none";
  const blocking = report.findings.filter((finding) => finding.blocking).length;
  const fresh = report.findings.filter((finding) => finding.status === "new").length;
  return `${count(report.findings.length)} (${count(blocking)} blocking, ${count(fresh)} new)`;
}

// src/cli/main.ts
var EXIT_PASS = 0;
var EXIT_FAIL = 1;
var EXIT_ERROR = 2;
async function main(argv, io) {
  const debug = argv.includes("--debug");
  try {
    const command = parseCommandLine(argv);
    switch (command.command) {
      case "help":
        io.stdout(command.topic === "scan" ? SCAN_HELP : MAIN_HELP);
        return EXIT_PASS;
      case "version":
        io.stdout(`${TOOL_NAME} ${TOOL_VERSION}
`);
        return EXIT_PASS;
      case "scan":
        return await runScan(command.options, io);
    }
  } catch (error) {
    io.stderr(`${TOOL_NAME}: ${describeFailure(error)}
`);
    if (debug && error instanceof Error) io.stderr(`${error.stack ?? ""}
${causeChain(error)}`);
    return EXIT_ERROR;
  }
}
async function runScan(options, io) {
  const policy = await resolvePolicy(options.config, process.cwd(), {
    ...options.failOn ? { failOn: options.failOn } : {},
    ...options.severity ? { severity: options.severity } : {},
    ...options.onlyNew !== void 0 ? { onlyNew: options.onlyNew } : {},
    ...options.includeDev ? { includeDev: true } : {}
  });
  const started = performance.now();
  const report = await scan({
    target: options.target,
    ...options.baseline !== void 0 ? { baseline: options.baseline } : {},
    roots: { ...options.root !== void 0 ? { target: options.root } : {}, ...options.baselineRoot !== void 0 ? { baseline: options.baselineRoot } : {} },
    advisories: options.advisories,
    offline: options.offline,
    allowSourceFailure: options.allowSourceFailure,
    ...policy
  });
  if (options.report) await writeJsonReport(options.report, report);
  if (options.summary) await writeOutput(options.summary, renderMarkdown(report), "the summary");
  if (options.sarif) await writeOutput(options.sarif, renderSarif(report), "the SARIF file");
  if (options.sbom) await writeOutput(options.sbom, renderCycloneDx(report), "the SBOM");
  io.stdout(options.quiet ? `${verdictLine(report)}
` : renderTerminal(report));
  if (options.debug) {
    const gc = process.execArgv.includes("--single-threaded-gc") ? ", relaunched with single-threaded GC" : "";
    io.stderr(`scan took ${((performance.now() - started) / 1e3).toFixed(2)} s${gc}
`);
  }
  return exitStatus(report);
}
function exitStatus(report) {
  return report.verdict === "fail" ? EXIT_FAIL : EXIT_PASS;
}
function causeChain(error) {
  let text = "";
  for (let cause = error.cause; cause instanceof Error; cause = cause.cause) text += `caused by: ${cause.stack ?? cause.message}
`;
  return text;
}
export {
  EXIT_ERROR,
  EXIT_FAIL,
  EXIT_PASS,
  exitStatus,
  main
};
//# sourceMappingURL=main-FHDHYHJ4.js.map

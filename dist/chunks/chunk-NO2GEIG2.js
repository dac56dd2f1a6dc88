import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/errors.ts
var ScanError = class extends Error {
  name = "ScanError";
};
function describeFailure(error) {
  if (error instanceof ScanError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `internal error: ${oneLine(message)}; run again with --debug and report it with the output`;
}
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}

// src/model.ts
var SCHEMA_VERSION = 1;
var ENTRY_TYPES = ["file", "dir", "symlink", "hardlink", "other"];
var SPECIAL_KINDS = ["char-device", "block-device", "fifo", "socket", "contiguous", "unknown"];
var ECOSYSTEMS = [
  "npm",
  "Packagist",
  "PyPI",
  "RubyGems",
  "Go",
  "Maven",
  "crates.io",
  "NuGet",
  "Debian",
  "Alpine"
];
var FINDING_KINDS = [
  "vulnerability",
  "config-change",
  "sensitive-file",
  "secret",
  "permission",
  "unsafe-path",
  "parse-error"
];
var SEVERITIES = ["critical", "high", "medium", "low", "info"];
var FINDING_STATUSES = ["new", "existing", "accepted"];
var TARGET_FORMATS = ["tar", "tar.gz", "zip", "dir", "report"];
var VERDICTS = ["pass", "warn", "fail"];

// src/policy/values.ts
var THRESHOLDS = SEVERITIES.filter((severity) => severity !== "info");
function parseKinds(list) {
  const kinds = list.split(",").map((kind) => kind.trim()).filter((kind) => kind.length > 0);
  for (const kind of kinds) {
    if (!FINDING_KINDS.includes(kind)) {
      throw new ScanError(`unknown finding kind '${kind}' in fail-on; use a comma list of: ${FINDING_KINDS.join(", ")}`);
    }
  }
  return kinds;
}
function parseSeverity(value) {
  const level = value.trim().toLowerCase();
  if (!THRESHOLDS.includes(level)) {
    throw new ScanError(`unknown severity '${value}'; use one of: ${THRESHOLDS.join(", ")}`);
  }
  return level;
}

export {
  ScanError,
  describeFailure,
  oneLine,
  SCHEMA_VERSION,
  ENTRY_TYPES,
  SPECIAL_KINDS,
  ECOSYSTEMS,
  FINDING_KINDS,
  SEVERITIES,
  FINDING_STATUSES,
  TARGET_FORMATS,
  VERDICTS,
  THRESHOLDS,
  parseKinds,
  parseSeverity
};
//# sourceMappingURL=chunk-NO2GEIG2.js.map

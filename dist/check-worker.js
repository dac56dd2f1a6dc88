import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/checks/check-worker.ts
import { parentPort, workerData } from "node:worker_threads";

// src/checks/plans.ts
var Plans = class {
  byHeader = /* @__PURE__ */ new WeakMap();
  set(header, plan) {
    this.byHeader.set(header, plan);
  }
  /** The plan, kept (for `wantsTail`, asked before the bytes come). */
  peek(header) {
    return this.byHeader.get(header);
  }
  /** The plan, dropped (for `take`). */
  use(header) {
    const plan = this.byHeader.get(header);
    this.byHeader.delete(header);
    return plan;
  }
  forget(header) {
    this.byHeader.delete(header);
  }
};

// src/checks/off-thread-checks.ts
var BATCH_BYTES = 1024 * 1024;
var RING_BYTES = 16 * 1024 * 1024;
var OWN_BUFFER_BYTES = 4 * 1024 * 1024;
var IN_FLIGHT = 0;
var FAILED = 1;

// src/read/readers.ts
var GNU_TAR = 1 << 0;
var BSDTAR = 1 << 1;
var PY_TAR = 1 << 2;
var PY_TAR_DATA = 1 << 3;
var PHAR = 1 << 4;
var UNZIP = 1 << 5;
var BSDTAR_STREAM = 1 << 6;
var PHP_ZIP = 1 << 7;
var PY_ZIP = 1 << 8;
var TAR_READERS = GNU_TAR | BSDTAR | PY_TAR | PY_TAR_DATA | PHAR;
var ZIP_READERS = UNZIP | BSDTAR | BSDTAR_STREAM | PHP_ZIP | PY_ZIP;
var NAMES = [
  [GNU_TAR, "gnu-tar"],
  [BSDTAR, "bsdtar"],
  [BSDTAR_STREAM, "bsdtar-stream"],
  [UNZIP, "unzip"],
  [PY_TAR, "python-tarfile"],
  [PY_TAR_DATA, "python-tarfile-data"],
  [PY_ZIP, "python-zipfile"],
  [PHAR, "php-phar"],
  [PHP_ZIP, "php-zip"]
];
function readerNames(set) {
  const names = [];
  for (const [bit, name] of NAMES) if (set & bit) names.push(name);
  return names;
}

// src/model.ts
var SEVERITIES = ["critical", "high", "medium", "low", "info"];

// src/util/order.ts
function compareCodeUnits(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function severityRank(severity) {
  return SEVERITIES.indexOf(severity);
}
function graver(a, b) {
  return severityRank(a) <= severityRank(b) ? a : b;
}

// src/checks/check-finding.ts
function checkFinding(input) {
  const finding = {
    kind: input.kind,
    severity: input.severity,
    title: input.title,
    rule: input.rule,
    identity: { subject: input.subject, paths: input.subjectIsPath ?? true, ...input.aspect !== void 0 ? { aspect: input.aspect } : {} }
  };
  if (input.path !== void 0) finding.path = input.path;
  if (input.detail !== void 0) finding.detail = input.detail;
  return finding;
}
function sortFindings(findings) {
  return findings.sort(
    (a, b) => compareCodeUnits(a.path ?? "", b.path ?? "") || compareCodeUnits(a.rule ?? "", b.rule ?? "") || compareCodeUnits(a.identity.subject, b.identity.subject)
  );
}
function sampleSeverity(severity) {
  return severityRank(severity) < severityRank("medium") ? "medium" : severity;
}
function examples(items, shown = 5) {
  const head = items.slice(0, shown).join(", ");
  return items.length > shown ? `${head} and ${items.length - shown} more` : head;
}

// src/checks/paths/ambiguous-archive.ts
var GROUPS = 8;
var AmbiguousArchiveCheck = class {
  name = "ambiguous-archive";
  check(manifest) {
    const findings = [];
    for (const { divergence, records } of manifest.divergences ?? []) {
      const groups = /* @__PURE__ */ new Map();
      const writers = /* @__PURE__ */ new Set();
      for (const record of records) {
        const key = (record.by ?? readerNames(divergence.readers)).join(", ");
        for (const name of record.by ?? readerNames(divergence.readers)) writers.add(name);
        const group = groups.get(key);
        if (group) group.push(record);
        else groups.set(key, [record]);
      }
      const silent = readerNames(divergence.readers).filter((name) => !writers.has(name));
      const parts = [...groups].slice(0, GROUPS).map(([by, group]) => `${by}: ${examples(group.map(describe))}`);
      if (groups.size > GROUPS) parts.push(`and ${groups.size - GROUPS} more readings`);
      if (silent.length > 0) parts.push(`${silent.join(", ")}: nothing`);
      findings.push(
        checkFinding({
          kind: "unsafe-path",
          severity: "high",
          rule: "ambiguous-archive",
          subject: `${divergence.at}\0${divergence.what}`,
          path: divergence.at,
          title: `Extractors unpack this package differently (${divergence.what}): what lands depends on the tool`,
          detail: `at ${JSON.stringify(divergence.at)}, what each extractor writes: ${parts.join("; ")}`
        })
      );
    }
    return sortFindings(findings);
  }
};
function describe(record) {
  const where = JSON.stringify(record.path);
  switch (record.type) {
    case "file":
      return `${where} (file, ${record.size ?? 0} bytes${record.sha256 ? `, sha256 ${record.sha256.slice(0, 12)}` : ""})`;
    case "symlink":
    case "hardlink":
      return `${where} (${record.type} to ${JSON.stringify(record.link ?? "")})`;
    case "other":
      return `${where} (${record.special ?? "special file"})`;
    case "dir":
      return `${where} (folder)`;
  }
}

// src/checks/paths/path-algebra.ts
function isAbsoluteName(name) {
  const first = name.charCodeAt(0);
  if (first === 47 || first === 92) return true;
  if (name.charCodeAt(1) !== 58) return false;
  const letter = first | 32;
  return letter >= 97 && letter <= 122;
}
function hasParentComponent(name) {
  if (!name.includes("..")) return false;
  for (const part of name.split(/[\\/]/)) if (part === "..") return true;
  return false;
}
function components(name) {
  const parts = [];
  for (const part of name.split("/")) if (part !== "" && part !== ".") parts.push(part);
  return parts;
}
function lexicalPath(name) {
  if (isAbsoluteName(name)) return void 0;
  const out = [];
  for (const part of components(name)) {
    if (part === "..") {
      if (out.length === 0) return void 0;
      out.pop();
    } else {
      out.push(part);
    }
  }
  return out.join("/");
}
var MAX_HOPS = 40;
var LinkTree = class {
  constructor(symlinks, budget = 2e7) {
    this.symlinks = symlinks;
    this.budget = budget;
  }
  symlinks;
  budget;
  spent = 0;
  isSymlink(path) {
    return this.symlinks.has(path);
  }
  /** Has the work budget run out? Then some answers were `budget`, and the check must say so. */
  get exhausted() {
    return this.spent > this.budget;
  }
  /**
   * Where `parts` (relative to the package root) lands. `followLast`: follow a symlink
   * in the last component too (a link's own target, a hardlink's target); folders on
   * the way are always followed.
   */
  resolve(parts, followLast) {
    const pending = [...parts].reverse();
    const current = [];
    let key = "";
    let hops = 0;
    let viaLink = false;
    for (let part = pending.pop(); part !== void 0; part = pending.pop()) {
      this.spent += part.length + 1;
      if (this.spent > this.budget) return { outcome: "budget" };
      if (part === "" || part === ".") continue;
      if (part === "..") {
        if (current.length === 0) return { outcome: "outside", viaLink, why: "climbs above the package root" };
        current.pop();
        key = current.join("/");
        this.spent += key.length;
        continue;
      }
      current.push(part);
      key = key === "" ? part : `${key}/${part}`;
      const last2 = pending.length === 0;
      if (last2 && !followLast) break;
      const target = this.symlinks.get(key);
      if (target === void 0) continue;
      if (++hops > MAX_HOPS) return { outcome: "loop" };
      viaLink = true;
      current.pop();
      if (isAbsoluteName(target)) return { outcome: "outside", viaLink, why: `passes through ${key} \u2192 ${target}, an absolute target` };
      const targetParts = target.split("/");
      for (let i = targetParts.length - 1; i >= 0; i--) pending.push(targetParts[i]);
      key = current.join("/");
      this.spent += key.length + target.length;
    }
    return { outcome: "inside", path: current.join("/"), viaLink };
  }
};

// src/checks/paths/readings.ts
function shareAnExtractor(a, b) {
  if (a.by?.length === 0 || b.by?.length === 0) return false;
  if (a.by === void 0 || b.by === void 0) return true;
  const other = b.by;
  return a.by.some((name) => other.includes(name));
}

// src/checks/paths/sorted-files.ts
function lowerBound(files, key) {
  let low = 0;
  let high = files.length;
  while (low < high) {
    const middle = low + high >>> 1;
    if (files[middle].path < key) low = middle + 1;
    else high = middle;
  }
  return low;
}
function lastWrittenOver(files, file) {
  let i = lowerBound(files, file.path);
  let last2;
  for (; i < files.length && files[i].path === file.path; i++) {
    const other = files[i];
    if (other === file || shareAnExtractor(other, file)) last2 = other;
  }
  return last2;
}

// src/checks/paths/links.ts
var NOT_CANONICAL = /(?:^|\/)\.\.?(?:\/|$)|\/\//;
var LinksCheck = class {
  name = "links";
  check(manifest) {
    const files = manifest.files;
    const links = files.filter((file) => (file.type === "symlink" || file.type === "hardlink") && file.link !== void 0);
    if (links.length === 0) return [];
    const symlinks = /* @__PURE__ */ new Map();
    for (const file of links) {
      if (file.type !== "symlink") continue;
      const at = lexicalPath(file.path);
      if (at !== void 0 && lastWrittenOver(files, file)?.type === "symlink") symlinks.set(at, file.link);
    }
    const tree = new LinkTree(symlinks);
    const findings = [];
    let contents;
    for (const file of links) {
      const target = file.link;
      if (file.type === "symlink") {
        findings.push(...this.symlink(tree, file, target));
      } else {
        contents ??= new Set(files.filter((entry) => entry.type === "file" || entry.type === "hardlink").map((entry) => lexicalPath(entry.path) ?? ""));
        findings.push(...this.hardlink(tree, contents, file, target));
      }
    }
    if (symlinks.size > 0) findings.push(...this.throughLinks(tree, files, symlinks));
    if (tree.exhausted) {
      findings.push(
        checkFinding({
          kind: "unsafe-path",
          severity: "high",
          rule: "links-not-judged",
          subject: "links",
          subjectIsPath: false,
          title: "Too many or too deep links to judge them all: some links were not checked",
          detail: "the package makes link resolution exceed its work bound; treat it as hostile"
        })
      );
    }
    return sortFindings(findings);
  }
  symlink(tree, file, target) {
    const at = lexicalPath(file.path);
    if (at === void 0) return [];
    const shown = `${file.path} \u2192 ${target}`;
    if (isAbsoluteName(target)) {
      return [outside("symlink-outside", "high", file.path, "Symlink points outside the package to an absolute path", `${shown}; the web server or a later entry can reach it`)];
    }
    const resolution = judge(tree, components(at).slice(0, -1), target);
    if (resolution.outcome === "outside") {
      return [outside("symlink-outside", "high", file.path, "Symlink resolves outside the package", `${shown}: ${resolution.why}`)];
    }
    if (resolution.outcome === "loop") {
      return [
        checkFinding({
          kind: "unsafe-path",
          severity: "low",
          rule: "symlink-loop",
          subject: file.path,
          path: file.path,
          title: "Symlink never resolves (a loop of links)",
          detail: `${shown}: more than 40 links on the way`
        })
      ];
    }
    return [];
  }
  hardlink(tree, contents, file, target) {
    const shown = `${file.path} \u21D2 ${target}`;
    const bare = target.replace(/^(?:\.\/)+/, "");
    if (isAbsoluteName(bare)) {
      return [outside("hardlink-outside", "critical", file.path, "Hardlink to an absolute path outside the package", `${shown}; writing to it later writes that file`)];
    }
    const resolution = judge(tree, [], bare);
    if (resolution.outcome === "outside") {
      return [outside("hardlink-outside", "critical", file.path, "Hardlink resolves outside the package", `${shown}: ${resolution.why}; writing to it later writes that file`)];
    }
    if (resolution.outcome === "inside" && !contents.has(resolution.path)) {
      return [
        checkFinding({
          kind: "unsafe-path",
          severity: "medium",
          rule: "hardlink-missing-target",
          subject: file.path,
          path: file.path,
          title: "Hardlink to a file the package does not hold",
          detail: `${shown}: on extraction it links to whatever is already on disk at that name, or fails`
        })
      ];
    }
    return [];
  }
  /**
   * Entries whose folder is, or passes through, a symlink of the package: one finding per
   * link. The list is sorted, so the entries beneath `a/link` are one run of names
   * starting `a/link/`, found by binary search; names that are not canonical are few
   * and resolved one by one.
   */
  throughLinks(tree, files, symlinks) {
    const beneath = /* @__PURE__ */ new Map();
    const note = (link, path) => {
      const list2 = beneath.get(link);
      if (list2) list2.push(path);
      else beneath.set(link, [path]);
    };
    for (const link of symlinks.keys()) {
      for (let i = lowerBound(files, `${link}/`); i < files.length && files[i].path.startsWith(`${link}/`); i++) {
        const path = files[i].path;
        if (!(mayBeOdd(path) && NOT_CANONICAL.test(path)) && firstLinkAbove(tree, path) === link) note(link, path);
      }
    }
    for (const file of files) {
      const name = file.stored ?? file.path;
      if (file.stored === void 0 && (!mayBeOdd(name) || !NOT_CANONICAL.test(name))) continue;
      const at = lexicalPath(name);
      const link = at === void 0 ? void 0 : firstLinkAbove(tree, at);
      if (link !== void 0 && !(beneath.get(link) ?? []).includes(name)) note(link, name);
    }
    const findings = [];
    for (const [link, entries] of beneath) {
      let why;
      for (const entry of entries) {
        const resolution = tree.resolve(components(lexicalPath(entry) ?? "").slice(0, -1), true);
        if (resolution.outcome === "outside") {
          why = resolution.why;
          break;
        }
      }
      const escapes = why !== void 0;
      findings.push(
        checkFinding({
          kind: "unsafe-path",
          severity: escapes ? "critical" : "medium",
          rule: escapes ? "written-through-link-outside" : "written-through-link",
          subject: link,
          path: entries[0],
          title: escapes ? "Entries are written through a symlinked folder that leads outside the package" : "Entries are written through a symlinked folder",
          detail: `${link} is a symlink and the package also stores ${examples(entries)} beneath it${escapes ? `: ${why ?? ""}` : ""}`
        })
      );
    }
    return findings;
  }
};
function mayBeOdd(path) {
  return path.includes("./") || path.includes("//") || path.endsWith(".");
}
function firstLinkAbove(tree, at) {
  for (let slash = at.indexOf("/"); slash >= 0; slash = at.indexOf("/", slash + 1)) {
    const folder2 = at.slice(0, slash);
    if (tree.isSymlink(folder2)) return folder2;
  }
  return void 0;
}
function judge(tree, base, target) {
  const resolution = tree.resolve([...base, ...target.split("/")], true);
  if (resolution.outcome === "outside" || !target.includes("\\")) return resolution;
  const windows = tree.resolve([...base, ...target.split(/[\\/]/)], true);
  if (windows.outcome === "outside") return { ...windows, why: `${windows.why} when \\ is a separator (Windows extractors)` };
  return resolution;
}
function outside(rule, severity, path, title, detail) {
  return checkFinding({ kind: "unsafe-path", severity, rule, subject: path, path, title, detail });
}

// src/checks/path-facts.ts
var DEPENDENCY_TREE = /(?:^|\/)(?:node_modules|vendor|bower_components|jspm_packages|site-packages|dist-packages|\.yarn)\//;
var SAMPLE_FOLDER = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|fixtures?|__fixtures__|testdata|test-data|examples?|samples?|demo|docs?|benchmarks?)\//i;
var SAMPLE_NAME = /(?:^|[._-])(?:examples?|samples?|fixtures?|mocks?|dummy|tests?|specs?|demo)(?:[._-]|$)/i;
function inDependencyTree(path) {
  return DEPENDENCY_TREE.test(path);
}
function isSample(path) {
  return SAMPLE_FOLDER.test(path) || SAMPLE_NAME.test(baseName(path));
}
function baseName(path) {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? path : path.slice(slash + 1);
}
function parentOf(path) {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}
function extensionOf(base) {
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}
function folderUpTo(path, test, includeLast) {
  let start2 = 0;
  for (; ; ) {
    const slash = path.indexOf("/", start2);
    const end = slash < 0 ? path.length : slash;
    if (slash < 0 && !includeLast) return void 0;
    if (test(path.slice(start2, end))) return path.slice(0, end);
    if (slash < 0) return void 0;
    start2 = slash + 1;
  }
}
function leftoverOf(base) {
  if (base.length > 2 && base.startsWith("#") && base.endsWith("#")) return base.slice(1, -1);
  const copied = /^([^/]+?)(?: - copy(?: \(\d+\))?| copy(?: \d+)?| \(\d+\))(\.[a-z0-9]{1,10})$/i.exec(base);
  if (copied) return `${copied[1]}${copied[2]}`;
  const match = /^(.+?)(?:[._-](?:bak\d*|backup|old|orig|save|sav|tmp|temp|copy)|\.(?:swp|swo|swn|swx|un~|\d[\d-]*)|~|\.~\d+~| copy| - copy)$/i.exec(base);
  if (!match) return void 0;
  let original = match[1];
  if (/\.sw[a-p]$/i.test(base) && original.startsWith(".") && original.length > 1) original = original.slice(1);
  return original;
}
var LEFTOVER_EXTENSIONS = /* @__PURE__ */ new Set(["bak", "backup", "old", "orig", "save", "sav", "tmp", "temp", "copy", "swp", "swo", "swn", "swx", "rej", "un~"]);
function mayBeLeftover(lower, ext) {
  const last2 = lower.charCodeAt(lower.length - 1);
  return last2 === 126 || last2 === 35 || last2 >= 48 && last2 <= 57 || LEFTOVER_EXTENSIONS.has(ext) || lower.includes(" copy") || lower.includes(" (") || LEFTOVER_EXTENSIONS.has(ext.slice(ext.lastIndexOf("_") + 1));
}

// src/checks/text-reach.ts
var WHOLE_BYTES = 8 * 1024 * 1024;
var HEAD_BYTES = 4 * 1024 * 1024;
var TAIL_BYTES = 4 * 1024 * 1024;
var SOURCE_MAP_BYTES = 32 * 1024 * 1024;
var MAX_MAP_SOURCES = 1e4;
function headBound(size, sourceMap = false) {
  if (sourceMap && size <= SOURCE_MAP_BYTES) return size;
  return size <= WHOLE_BYTES ? size : HEAD_BYTES;
}
function tailBound(size, sourceMap = false) {
  if (sourceMap && size <= SOURCE_MAP_BYTES) return 0;
  return size <= WHOLE_BYTES ? 0 : TAIL_BYTES;
}
function partialNote(path, size, content, bound) {
  const head = Math.min(content.bytes.length, bound);
  const tail = content.tail?.length ?? 0;
  if (head + tail >= size) return void 0;
  const unread = size - head - tail;
  const tailWords = tail > 0 ? ` and its last ${mib(tail)}` : "";
  return `${path} (${mib(size)}) was read in part: its first ${mib(head)}${tailWords}; ${mib(unread)} in between were not scanned for secrets or malicious code`;
}
function mib(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
function textParts(content, size, bound, sourceMap = false, binary = false) {
  const head = content.bytes.length > bound ? content.bytes.subarray(0, bound) : content.bytes;
  const encoding = utf16Of(head);
  if (sourceMap && !content.truncated && encoding === void 0) {
    const sources = mapSources(head);
    if (sources) return sources;
  }
  if (encoding === void 0 && !binary && hasNul(head)) return [];
  const parts = [{ bytes: encoding ? transcode(head, encoding) : head, firstLine: 1, offset: 0 }];
  const tail = content.tail;
  if (tail && tail.length > 0) {
    const start2 = size - tail.length;
    const aligned = encoding && start2 % 2 === 1 ? tail.subarray(1) : tail;
    parts.push({ bytes: encoding ? transcode(aligned, encoding) : aligned, firstLine: void 0, offset: start2 });
  }
  return parts;
}
function hasNul(bytes) {
  return bytes.subarray(0, 1024).indexOf(0) >= 0;
}
function utf16Of(bytes) {
  if (bytes.length >= 2) {
    if (bytes[0] === 255 && bytes[1] === 254) return "utf-16le";
    if (bytes[0] === 254 && bytes[1] === 255) return "utf-16be";
  }
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 16 || bytes.subarray(0, n).indexOf(0) < 0) return void 0;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const units = n / 2;
  if (oddNul >= units * 0.9 && evenNul <= units * 0.05) return "utf-16le";
  if (evenNul >= units * 0.9 && oddNul <= units * 0.05) return "utf-16be";
  return void 0;
}
function transcode(bytes, encoding) {
  return Buffer.from(new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes), "utf8");
}
function mapSources(bytes) {
  if (bytes.indexOf('"sourcesContent"', 0, "latin1") < 0) return void 0;
  let map;
  try {
    map = JSON.parse(bytes.toString("utf8"));
  } catch {
    return void 0;
  }
  if (typeof map !== "object" || map === null) return void 0;
  const contents = map.sourcesContent;
  const names = map.sources;
  if (!Array.isArray(contents)) return void 0;
  const parts = [];
  for (let i = 0; i < contents.length && i < MAX_MAP_SOURCES; i++) {
    const text = contents[i];
    if (typeof text !== "string" || text.length === 0) continue;
    const name = Array.isArray(names) ? names[i] : void 0;
    parts.push({ bytes: Buffer.from(text, "utf8"), firstLine: 1, offset: 0, source: typeof name === "string" ? name.slice(0, 200) : `sources[${i}]` });
  }
  return parts;
}

// src/checks/malicious-code/common.ts
var PHP_REQUEST = /\$_(?:POST|GET|REQUEST|COOKIE|FILES)\b|\$_SERVER\s{0,8}\[\s{0,8}['"]HTTP_|php:\/\/input|\bgetallheaders\s{0,8}\(|\bapache_request_headers\b|\$HTTP_RAW_POST_DATA|\$HTTP_(?:POST|GET|COOKIE)_VARS|\$\{\s{0,4}['"]_(?:POST|GET|REQUEST|COOKIE)|\$GLOBALS\s{0,4}\[\s{0,4}['"]_(?:POST|GET|REQUEST|COOKIE)|\bgetenv\s{0,4}\(\s{0,4}['"]HTTP_/;
var PHP_REQUEST_LITERALS = ["getenv", "$_POST", "$_GET", "$_REQUEST", "$_COOKIE", "$_FILES", "$_SERVER", "php://input", "getallheaders", "apache_request_headers", "$HTTP_", "{'_", '{"_', "['_", '["_'];
var PHP_CODE_SINK = /\b(?:eval|assert|create_function)\s{0,8}(?:\/\*[^*]{0,40}\*\/\s{0,4})?\(/i;
var PHP_CMD_SINK = /\b(?:system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec)\s{0,8}\(/i;
var PHP_DECODER = /\b(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|convert_uudecode|hex2bin|rawurldecode|urldecode|bzdecompress|gzinflate|pack|strtr|base_convert)\s{0,8}\(/i;
var PHP_DECODER_LITERALS = ["base64_decode", "gzinflate", "gzuncompress", "gzdecode", "str_rot13", "strrev", "convert_uudecode", "hex2bin", "bzdecompress"];
var DANGEROUS_NAME = /^(?:eval|assert|create_function|system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec|base64_decode|gzinflate|gzuncompress|str_rot13|preg_replace|call_user_func|call_user_func_array|file_put_contents|move_uploaded_file|fwrite|fputs|include|require|phpinfo|_POST|_GET|_REQUEST|_COOKIE|GLOBALS|array_map|create_function|mail|curl_exec|fsockopen|file_get_contents)$/i;
var DANGEROUS_IN_TEXT = /\b(?:eval|assert|create_function|system|passthru|shell_exec|popen|proc_open|pcntl_exec|base64_decode|gzinflate|gzuncompress|str_rot13|preg_replace|call_user_func(?:_array)?|file_put_contents|move_uploaded_file|fsockopen)\b|\$_(?:POST|GET|REQUEST|COOKIE)\b|\bGLOBALS\b/i;
var JS_SEND = /\bnew\s{1,4}Image\b|\.sendBeacon\s{0,4}\(|\bnew\s{1,4}WebSocket\b|XMLHttpRequest|\bfetch\s{0,4}\(|\$\.(?:ajax|post|get)\s{0,4}\(|\bjQuery\.(?:ajax|post|get)\s{0,4}\(|\.(?:ajax|post)\s{0,4}\(|\.open\s{0,4}\(\s{0,4}['"](?:POST|GET)|createElement\s{0,4}\(\s{0,4}['"](?:script|img|iframe)|\.src\s{0,4}=|api\.telegram\.org/i;
var JS_SEND_LITERALS = ["Image", "sendBeacon", "WebSocket", "XMLHttpRequest", "fetch", "ajax", ".post", ".open", "createElement", ".src", "telegram"];
var PAYMENT_FIELD = /cc_?number|cc_cid|cc_exp|cc_owner|cc_type|card_?number|card-number|cc-number|cc-exp|cc-csc|cardnum|ccnum|credit_?card|creditcard|cardholder|card_holder|\bcvv2?\b|\bcvc\b|cvv_|_cvv|securitycode|security_code|expir(?:y|ation)_?(?:month|year|date)|payment\[cc|billing\[cc|authorizenet_cc|braintree_cc|card_code|cardcode/i;
var PAYMENT_LITERALS = ["cc_number", "ccnumber", "cc_cid", "cc_exp", "cc_owner", "cardnumber", "card_number", "card-number", "cc-number", "cc-exp", "cc-csc", "cardnum", "ccnum", "credit_card", "creditcard", "cardholder", "card_holder", "cvv", "cvc", "securitycode", "security_code", "expiry", "expiration", "payment[cc", "card_code", "cardcode"];
function around(view, offset, before, after) {
  const base = Math.max(0, offset - before);
  return { text: view.text(base, offset + after), base };
}
var OPENING = /* @__PURE__ */ new Set(["(", "[", "{"]);
var CLOSING = /* @__PURE__ */ new Set([")", "]", "}"]);
function walkCode(text, from, visit) {
  let quote = "";
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (visit(c, i)) return i;
  }
  return -1;
}
function callArgs(view, offset, limit = 600) {
  const text = view.text(offset, offset + limit);
  const open = text.indexOf("(");
  if (open < 0 || open > 80) return "";
  let depth = 0;
  const close = walkCode(text, open, (c) => {
    if (c === "(") depth++;
    else if (c === ")") depth--;
    return c === ")" && depth === 0;
  });
  return close < 0 ? text.slice(open + 1) : text.slice(open + 1, close);
}
function splitArgs(args) {
  const out = [];
  let depth = 0;
  let start2 = 0;
  walkCode(args, 0, (c, i) => {
    if (OPENING.has(c)) depth++;
    else if (CLOSING.has(c)) depth--;
    else if (c === "," && depth === 0) {
      out.push(args.slice(start2, i));
      start2 = i + 1;
    }
    return false;
  });
  out.push(args.slice(start2));
  return out;
}
var VAR = /\$[A-Za-z_][A-Za-z0-9_]{0,40}/g;
function variablesIn(code, max = 6) {
  const out = [];
  VAR.lastIndex = 0;
  for (let m = VAR.exec(code); m && out.length < max; m = VAR.exec(code)) {
    const name = m[0];
    if (name.startsWith("$_") && /^\$_(?:POST|GET|REQUEST|COOKIE|FILES|SERVER|SESSION|ENV)$/.test(name)) continue;
    if (name === "$this" || out.includes(name)) continue;
    out.push(name);
  }
  return out;
}
function escapeRegex(text) {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
function assignedFrom(view, offset, vars, source, reach = 2e3) {
  if (vars.length === 0) return false;
  const { text } = around(view, offset, reach, 0);
  for (const name of vars) {
    const assign = new RegExp(`${escapeRegex(name)}\\s{0,8}(?:\\[[^\\]\\n]{0,40}\\]\\s{0,4})?\\.?=(?!=)([^;]{0,400})`, "g");
    for (let m = assign.exec(text); m; m = assign.exec(text)) if (source.test(m[1])) return true;
  }
  return false;
}
function countRun(text, from, token, max = 1e4) {
  let count = 0;
  let at = from;
  while (count < max) {
    token.lastIndex = at;
    const m = token.exec(text);
    if (!m || m.index !== at || m[0].length === 0) break;
    count++;
    at += m[0].length;
  }
  return { count, end: at };
}
var GATEWAY_HOST = /(?:^|\.)(?:stripe\.com|stripe\.network|braintreegateway\.com|braintree-api\.com|paypal\.com|paypalobjects\.com|adyen\.com|adyenpayments\.com|checkout\.com|authorize\.net|mollie\.com|klarna\.com|squareup\.com|worldpay\.com|cybersource\.com|sagepay\.com|opayo\.co\.uk|payu\.com|razorpay\.com|mercadopago\.com|securepay\.com\.au|eway\.com\.au|2checkout\.com|globalpay\.com|realexpayments\.com|bluesnap\.com|amazonpay\.com|payments-amazon\.com|google\.com|googleapis\.com|gstatic\.com|apple\.com|afterpay\.com|affirm\.com|sezzle\.com|recurly\.com|chargebee\.com|spreedly\.com|vantiv\.com|firstdata\.com|elavon\.com|nmi\.com|paysafe\.com|payeezy\.com|shopify\.com|shopifycdn\.com|bigcommerce\.com|magento\.com|sentry\.io|segment\.(?:io|com)|algolia\.net|algolianet\.com|firebaseio\.com|hcaptcha\.com|recaptcha\.net|mozilla\.org|w3\.org|example\.com|example\.org|braintreepayments\.com|venmo\.com|github\.com|githubusercontent\.com|npmjs\.(?:com|org)|jsdelivr\.net|unpkg\.com|cloudflare\.com|schema\.org|adobe\.com|magento-opensource\.com|developer\.mozilla\.org)$/i;
function urlHosts(code, max = 8) {
  const out = [];
  const re = /(?:https?:)?\/\/([a-z0-9][a-z0-9.-]{1,120}\.[a-z]{2,24})(?=[/:'"`?#\s]|$)/gi;
  for (let m = re.exec(code); m && out.length < max; m = re.exec(code)) out.push(m[1].toLowerCase());
  return out;
}
function tryPlaces(at, max, test) {
  for (const offset of placesToTry(at, max)) {
    const hit = test(offset);
    if (hit !== void 0) return hit;
  }
  return void 0;
}
function placesToTry(at, max) {
  if (at.length <= max) return at;
  return [...at.slice(0, max), ...at.slice(Math.max(max, at.length - Math.floor(max / 2)))];
}

// src/checks/malicious-code/exfiltration.ts
var MAX_TRIES = 200;
function each(at, test) {
  return tryPlaces(at, MAX_TRIES, test);
}
var FORM_DATA = /\.value\b|\.val\s{0,4}\(\s{0,4}\)|\.serialize(?:Array)?\s{0,4}\(|FormData|localStorage|document\.cookie|querySelectorAll\s{0,4}\(\s{0,4}['"]input/;
var EXFILTRATION_RULES = [
  {
    id: "js-beacon-encoded-form-data",
    family: "exfiltration",
    severity: "critical",
    description: "form or card data, base64/URI-encoded, sent as the query of an image, sendBeacon or WebSocket to another host",
    reference: "https://www.peterbassill.com/blog/british-airways-magecart (British Airways, RiskIQ analysis) ; https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain)",
    langs: ["js", "html", "php"],
    literals: ["new Image", "sendBeacon", "WebSocket"],
    caseSensitive: true,
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 2500, 1200);
      if (!/btoa\s{0,4}\(|encodeURIComponent\s{0,4}\(|JSON\.stringify|escape\s{0,4}\(/.test(text) || !FORM_DATA.test(text)) return void 0;
      if (!PAYMENT_FIELD.test(text) && !/checkout|billing|payment|password/i.test(text)) return void 0;
      const hosts = urlHosts(text, 10).filter((h) => !GATEWAY_HOST.test(h));
      return hosts.length > 0 || /atob\s{0,4}\(|fromCharCode|\\x[0-9a-f]{2}\\x/i.test(text) ? { offset: o, note: "encoded form data beaconed out" } : void 0;
    })
  },
  {
    id: "telegram-bot-exfiltration",
    family: "exfiltration",
    severity: "critical",
    description: "form, card or login data sent to a Telegram bot (api.telegram.org/bot\u2026/sendMessage)",
    reference: "https://cybermaterial.com/telegrams-role-in-cybercrime (Sucuri: Telegram bots receive stolen logins and card data)",
    langs: ["js", "html", "php"],
    literals: ["api.telegram.org"],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 3e3, 2e3);
      return PAYMENT_FIELD.test(text) || /checkout|billing|password|\$_POST|\.value\b|FormData|serialize/i.test(text) ? { offset: o, note: "data to a Telegram bot" } : void 0;
    })
  },
  {
    id: "php-post-data-to-static-file",
    family: "exfiltration",
    severity: "critical",
    description: "PHP appends posted logins, cookies or card data to a file named like a static asset (.jpg, .png, .gif, .css, .ico) for later pickup",
    reference: "https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; harvesters that append posted logins and cards to image-named files, described in words",
    langs: ["php", "html"],
    literals: ["file_put_contents", "fopen"],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 1500, 1500);
      if (!/\b(?:file_put_contents|fopen)\s{0,4}\([^;\n]{0,200}\.(?:jpe?g|png|gif|ico|css|svg|woff2?|ttf)['"]/i.test(view.text(o, o + 260))) return void 0;
      if (!/FILE_APPEND|['"]a\+?['"]|fwrite|fputs/i.test(view.text(o - 200, o + 1500))) return void 0;
      return PHP_REQUEST.test(text) && /\$_(?:POST|COOKIE|REQUEST)\b|login|passw|cc_|card|cvv|payment|billing|getPost/i.test(text) ? { offset: o, note: "request data stored as a static-looking file" } : void 0;
    })
  },
  {
    id: "php-post-harvest-stored",
    family: "exfiltration",
    severity: "critical",
    description: "PHP walks every posted field (foreach $_POST), encodes or encrypts it and appends it to a file or posts it out (Visbot-style Magento harvester)",
    reference: "https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; Visbot-style harvesters (every posted field encrypted and stored), described in words",
    langs: ["php", "html"],
    literals: ["$_POST as", "$_REQUEST as", "foreach($_POST", "foreach ($_POST", "foreach( $_POST", "json_encode($_POST", "json_encode($_REQUEST", "serialize($_POST", "serialize($_REQUEST", "http_build_query($_POST", "print_r($_POST", "var_export($_POST", "implode($_POST"],
    match: (view, at) => each(at, (o) => {
      const win = view.text(o - 200, o + 3e3);
      const out = /FILE_APPEND|fopen\s{0,4}\([^;]{0,200}['"]a\+?['"]|\bmail\s{0,4}\(|curl_exec|file_get_contents\s{0,4}\(\s{0,4}['"]https?:|fsockopen/i.test(win);
      const hide = /openssl_public_encrypt|openssl_encrypt|base64_encode|str_rot13|gzdeflate|\.(?:jpe?g|png|gif|ico|css)['"]|touch\s{0,4}\(/i.test(win);
      return out && hide ? { offset: o, note: "all posted fields stored or sent" } : void 0;
    })
  },
  {
    id: "php-request-data-posted-out",
    family: "exfiltration",
    severity: "critical",
    description: "PHP posts request data or card data, encoded, to a literal URL on a host that is not a payment gateway (curl/file_get_contents/stream context)",
    reference: "https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; server-side skimmers posting to a remote gate, described in words",
    langs: ["php", "html"],
    literals: ["curl_exec", "curlopt_postfields", "stream_context_create", "file_get_contents", "fsockopen"],
    match: (view, at) => each(at, (o) => {
      const { text } = around(view, o, 3e3, 1500);
      if (!/\$_(?:POST|REQUEST|COOKIE)\b|getCcNumber|getCcCid|\[\s{0,2}['"]cc_(?:number|cid)['"]/.test(text)) return void 0;
      if (!/base64_encode|json_encode|serialize\s{0,2}\(|http_build_query|urlencode\s{0,2}\(|openssl_(?:public_)?encrypt/i.test(text)) return void 0;
      if (!/CURLOPT_POST\b|CURLOPT_POSTFIELDS|['"]method['"]\s{0,4}=>\s{0,4}['"]POST|file_get_contents\s{0,4}\(\s{0,4}(?:['"]https?:|\$)|fsockopen/i.test(text)) return void 0;
      const hosts = urlHosts(text, 12).filter((h) => !GATEWAY_HOST.test(h) && !/geoplugin|ip-api|ipinfo/i.test(h));
      return hosts.length > 0 ? { offset: o, note: "request or card data posted to a literal URL" } : void 0;
    })
  },
  {
    id: "php-credential-mailer",
    family: "exfiltration",
    severity: "critical",
    description: 'PHP mails or posts out admin logins or card data captured from the request ($_POST["login"], password fields, cc fields)',
    reference: "https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; admin login and card stealers that mail what they capture, described in words",
    langs: ["php", "html"],
    literals: ["mail", "curl_exec", "file_get_contents"],
    aux: ["$_POST", "$_REQUEST"],
    match: (view, at) => view.has(["$_POST", "$_REQUEST"]) ? each(at, (o) => {
      if (/[\w>:$]$/.test(view.text(o - 1, o))) return void 0;
      const { text } = around(view, o, 1500, 600);
      if (!/^mail\s{0,4}\(|^curl_exec\s{0,4}\(|^file_get_contents\s{0,4}\(\s{0,4}['"]https?:/i.test(view.text(o, o + 60))) return void 0;
      return /\$_(?:POST|REQUEST)\s{0,4}\[\s{0,4}['"](?:login|payment|billing)['"]\s{0,4}\]\s{0,4}\[\s{0,4}['"](?:password|cc_number|cc_cid)|\$_(?:POST|REQUEST)\s{0,4}\[\s{0,4}['"](?:cc_?number|card_?number|cvv2?|cc_cid|ccnum)['"]/i.test(text) ? { offset: o, note: "captured credentials sent out" } : void 0;
    }) : void 0
  }
];

// src/util/trim.ts
function trimChars(text, chars, ends = "both") {
  let start2 = 0;
  let end = text.length;
  if (ends === "both") while (start2 < end && chars.includes(text.charAt(start2))) start2++;
  while (end > start2 && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(start2, end);
}

// src/checks/malicious-code/loaders.ts
var MAX_TRIES2 = 400;
var PHP = ["php", "html"];
function each2(at, test) {
  return tryPlaces(at, MAX_TRIES2, test);
}
var SINK_AT = /^(?:eval|assert|create_function|include|include_once|require|require_once)\s{0,8}(?:\/\*[^*]{0,40}\*\/\s{0,4})?\(?/i;
function sinkAt(view, o) {
  const before = view.text(o - 2, o);
  if (/[A-Za-z0-9_$>:]$/.test(before)) return false;
  return SINK_AT.test(view.text(o, o + 40));
}
var DECODER_IN_ARG = /^\s{0,8}(?:@\s{0,4})?(?:['"][^'"\n]{0,24}['"]\s{0,4}\.\s{0,4})?(?:@\s{0,4})?(?:[A-Za-z_][A-Za-z0-9_]{2,40}\s{0,4}\(\s{0,4}['"][A-Za-z0-9+/=]{100}|base64_decode|htmlspecialchars_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|convert_uudecode|hex2bin|rawurldecode|urldecode|bzdecompress|gzinflate|pack|hexdec|chr|\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]]{0,60}\]\s{0,4})?\(|\$\{[^}]{1,80}\}\s{0,4}\(|\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\()/i;
var HIDDEN_URL = /^\s{0,4}(?:https?:)?\/\/[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,6}(?::\d{2,5})?\/[^\s'"<>]{0,200}$/i;
var SCRIPT_SRC_NEAR = /createElement\s{0,4}\(\s{0,4}['"]script['"][\s\S]{0,300}\.src\s{0,4}=|\.src\s{0,4}=[\s\S]{0,300}createElement\s{0,4}\(\s{0,4}['"]script['"]|setAttribute\s{0,4}\(\s{0,4}['"]src['"]/i;
var ESCAPE_RUN = /(?:\\x[0-9a-fA-F]{2}|\\[0-7]{2,3})(?:\\x[0-9a-fA-F]{2}|\\[0-7]{2,3})(?:\\x[0-9a-fA-F]{2}|\\[0-7]{2,3})/;
var LOADER_RULES = [
  {
    id: "php-decoder-to-code-sink",
    family: "loaders",
    severity: "high",
    description: "eval/assert/create_function/include runs the output of a decoder chain (base64, gzinflate, str_rot13, strrev, hex\u2026) or of a variable function",
    reference: "https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; https://www.halock.com/fishpig-hack-means-muddy-waters-for-200000/ (FishPig: malicious code hidden in an obfuscated License.php)",
    langs: PHP,
    literals: ["eval", "assert", "create_function"],
    aux: PHP_DECODER_LITERALS,
    match: (view, at) => each2(at, (o) => {
      if (!sinkAt(view, o)) return void 0;
      const args = callArgs(view, o, 300);
      if (!args) return void 0;
      if (DECODER_IN_ARG.test(args)) {
        if (/^\s{0,8}(?:@\s{0,4})?\$[A-Za-z_]/.test(args) && !/\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]]{0,60}\]\s{0,4})?\(\s{0,4}(?:\$|['"][A-Za-z0-9+/=]{16}|['"]\\x|['"][^'"]{40})/.test(args)) {
          if (!PHP_DECODER.test(args) && !ESCAPE_RUN.test(args)) return void 0;
        }
        return { offset: o, note: "decoder output into a code sink" };
      }
      const vars = variablesIn(args, 3);
      if (vars.length > 0 && args.trim().startsWith("$") && assignedFrom(view, o, vars, /\b(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|convert_uudecode|hex2bin|bzdecompress)\s{0,8}\(|^\s{0,4}\$[A-Za-z_]\w{0,30}\s{0,4}\.\s{0,4}\$[A-Za-z_]\w{0,30}\s{0,4}\.\s{0,4}\$[A-Za-z_]\w{0,30}\s{0,4}\./i, 3e3)) return { offset: o, note: "decoded or assembled variable into a code sink" };
      return void 0;
    })
  },
  {
    id: "php-preg-replace-eval",
    family: "loaders",
    severity: "high",
    description: "preg_replace with the /e modifier (evaluates the replacement) fed by request data, a decoder or a variable",
    reference: "https://www.php.net/manual/en/reference.pcre.pattern.modifiers.php (the e modifier, removed in PHP 7) ; https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells)",
    langs: PHP,
    literals: ["preg_replace"],
    match: (view, at) => each2(at, (o) => {
      const args = callArgs(view, o, 500);
      if (!args) return void 0;
      const m = /^\s{0,8}(['"])(.{1,200}?)\1/.exec(args);
      if (!m) return /^\s{0,8}(?:\$|['"]\\x|chr\()/i.test(args) && /\$_(?:POST|GET|REQUEST|COOKIE)\b/.test(args) ? { offset: o, note: "preg_replace with request data and a built pattern" } : void 0;
      const pattern = m[2];
      const delim = pattern[0];
      const close = { "(": ")", "{": "}", "[": "]", "<": ">" }[delim] ?? delim;
      const end = pattern.lastIndexOf(close);
      if (end <= 0) return void 0;
      const mods = pattern.slice(end + 1);
      const escaped = /\\x65|\\145/.test(mods);
      if (!/^[a-zA-Z]{0,8}$/.test(mods.replace(/\\x65|\\145/g, "e")) || !(mods.includes("e") || escaped)) return void 0;
      const rest = args.slice(m[0].length);
      return PHP_REQUEST.test(rest) || PHP_DECODER.test(rest) || /^\s{0,8},\s{0,8}(?:@\s{0,4})?\$/.test(rest) || /^\s{0,8},\s{0,8}["'](?:\\x[0-9a-fA-F]{2}|\\[0-7]{3}){8}/.test(rest) || assignedFrom(view, o, variablesIn(rest, 3), PHP_REQUEST, 800) ? { offset: o, note: "preg_replace /e with a non-literal replacement" } : void 0;
    })
  },
  {
    id: "php-assembled-dangerous-name",
    family: "loaders",
    severity: "high",
    description: "a dangerous function or superglobal name hidden in hex/octal escapes, chr() chains or base64 and then used",
    reference: "https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)",
    langs: PHP,
    literals: ["'.'", '"."', "' . '", '" . "', "str_replace", "strtr", "substr_replace", "strrev", "str_rot13", "trim(", "hex2bin", ").$", "\\x", "chr(", "base64_decode", "\\1", "\\14", "\\16", "\\15", "\\13", "\\12", "\\10", "\\7", "\\6", "\\5", "\\4"],
    caseSensitive: false,
    match: (view) => {
      for (const d of view.decoded()) {
        if (d.how === "inflate" || d.text.length > 4096) continue;
        const t = trimChars(trimChars(d.text, ` 	\r
'"`), "(", "end");
        if (t.length < 3) continue;
        if (DANGEROUS_NAME.test(t) || d.how !== "base64" && t.length < 200 && DANGEROUS_IN_TEXT.test(t) && /[($]/.test(t)) {
          const { text } = around(view, d.offset, 200, 400);
          if (/\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]]{0,60}\]\s{0,4})?(?:\[[^\]]{0,60}\]\s{0,4})?\(|\$\{|\$GLOBALS|\bdefine\s{0,4}\(|\(\s{0,4}\$|\beval\s{0,4}\(|create_function|array_map|call_user_func/i.test(text)) return { offset: d.offset, note: `${d.how}-assembled name` };
        }
      }
      return void 0;
    }
  },
  {
    id: "php-globals-function-table",
    family: "loaders",
    severity: "high",
    description: 'functions called through $GLOBALS entries or ${"\u2026"} names built from escapes (the FOPO/ionCube-lookalike loader pattern)',
    reference: "https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; function tables in $GLOBALS built from escapes, described in words",
    langs: PHP,
    literals: ["$GLOBALS", '${"\\x', "${'\\x", '${"\\1', '${"\\4', '${"\\x47'],
    match: (view, at) => tryPlaces(at, 200, (o) => {
      const { text } = around(view, o, 0, 200);
      const called = /^\$GLOBALS\s{0,4}\[[^\]\n]{1,80}\]\s{0,4}(?:\[[^\]\n]{1,80}\]\s{0,4})?(?:\[[^\]\n]{1,80}\]\s{0,4})?\(/.test(text) || /^\$\{\s{0,4}["'][\\\\A-Za-z0-9]{3,80}["']\s{0,4}\}\s{0,4}\[/.test(text);
      if (!called) return void 0;
      const win = view.text(o - 3e3, o + 3e3);
      return ESCAPE_RUN.test(win) || PHP_DECODER.test(win) || /['"][A-Za-z0-9+/=]{300}/.test(win) ? { offset: o, note: "function table in $GLOBALS" } : void 0;
    })
  },
  {
    id: "php-string-arithmetic-builder",
    family: "loaders",
    severity: "high",
    description: "function names assembled with bitwise string operators ('..'^'..', |~, &) and then called as variable functions",
    reference: "https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; function names built from XOR, OR and NOT of strings, described in words",
    langs: PHP,
    literals: ["'^'", '"^"', `'^"`, `"^'`, "'|'", "'&'", '"|"', '"&"', "'|~", "'&~", "'^~", "|~", "&~", "^~", "'^", "^'", '"^', '^"'],
    caseSensitive: true,
    match: (view, at) => {
      if (at.length < 3) return void 0;
      return tryPlaces(at, 100, (o) => {
        const { text: raw, base } = around(view, o, 400, 1200);
        const nl = raw.indexOf("\n");
        const text = base > 0 && nl >= 0 && nl < o - base ? raw.slice(nl + 1) : raw;
        const count = stringOps(text);
        if (count < 4) return void 0;
        const called = /\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\(\s{0,4}(?:@\s{0,2})?\$|\$\{[^}]{1,60}\}\s{0,4}\(|\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\(\s{0,4}\$[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}\(/.test(view.text(o - 400, o + 6e3));
        return called ? { offset: o, note: "bitwise-built function names" } : void 0;
      });
    }
  },
  {
    id: "php-remote-code-load",
    family: "loaders",
    severity: "high",
    description: "code fetched from a remote URL is evaluated, included, or written to a .php file",
    reference: "https://www.php.net/manual/en/features.remote-files.php ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)",
    langs: PHP,
    literals: ["file_get_contents", "curl_exec", "fopen", "include", "require", "eval"],
    match: (view, at) => each2(at, (o) => {
      const { text } = around(view, o, 0, 300);
      if (/^(?:include|require)(?:_once)?\s{0,8}\(?\s{0,8}['"](?:(?:https?|ftp|data|expect):|php:\/\/(?:input|filter))/i.test(text)) return { offset: o, note: "include of a remote URL or the request body" };
      if (/^eval\s{0,8}\(\s{0,8}(?:['"]\?>['"]\s{0,4}\.\s{0,4})?(?:@\s{0,2})?(?:file_get_contents|curl_exec|fread|stream_get_contents|implode\s{0,4}\(\s{0,4}['"]{2}\s{0,4},\s{0,4}file)\s{0,4}\(\s{0,4}['"]?(?:https?:|\$)/i.test(text)) return { offset: o, note: "eval of fetched content" };
      if (/^file_get_contents\s{0,8}\(\s{0,8}['"]https?:\/\/[^'"]{4,200}\.(?:txt|jpg|png|gif)['"]/i.test(text)) {
        const win = view.text(o - 300, o + 400);
        if (/file_put_contents\s{0,4}\([^;]{0,120}\.php['"]|fopen\s{0,4}\(\s{0,4}['"][^'"]{0,120}\.php['"]|\beval\s{0,4}\(/i.test(win)) return { offset: o, note: "remote payload written or run" };
      }
      return void 0;
    })
  },
  {
    id: "php-long-payload-decoded",
    family: "loaders",
    severity: "high",
    description: "a long opaque string literal is decoded and the result reaches a code sink in the same file",
    reference: "https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; https://www.halock.com/fishpig-hack-means-muddy-waters-for-200000/ (FishPig: malicious code hidden in an obfuscated License.php)",
    langs: PHP,
    literals: PHP_DECODER_LITERALS,
    aux: ["eval", "assert", "create_function", "preg_replace", "include"],
    match: (view, at) => {
      if (!view.has(["eval", "assert", "create_function", "preg_replace"])) return void 0;
      return tryPlaces(at, 100, (o) => {
        const args = callArgs(view, o, 600);
        if (!/^\s{0,4}(?:['"][A-Za-z0-9+/=\\\r\n]{400}|\$[A-Za-z_]\w{0,40}\s{0,4}\)|(?:base64_decode|gzinflate|str_rot13|gzuncompress|strrev)\s{0,4}\(\s{0,4}(?:['"][A-Za-z0-9+/=\\\r\n]{400}|\$))/.test(args)) return void 0;
        for (const sink of ["eval", "assert", "create_function"]) {
          for (const s of view.positions(sink).slice(0, 200)) {
            const t = view.text(s, s + 40);
            if (/^(?:eval|assert|create_function)\s{0,8}\(\s{0,8}(?:@\s{0,2})?(?:\$|['"]\?>|\w{3,20}\s{0,4}\()/i.test(t) && !/[A-Za-z0-9_>:$]$/.test(view.text(s - 1, s))) return { offset: o, note: "opaque payload and a code sink" };
          }
        }
        return void 0;
      });
    }
  },
  {
    id: "config-auto-prepend",
    family: "loaders",
    severity: "high",
    suspicious: true,
    description: ".htaccess/.user.ini/php.ini makes PHP run a file before (or after) every script: auto_prepend_file/auto_append_file",
    reference: "https://www.php.net/manual/en/ini.core.php#ini.auto-prepend-file ; https://www.oryoy.com/news/jie-mi-php-hou-men-xue-hui-fang-fan-shou-hu-ni-de-wang-zhan-an-quan-a13740363.html (php.ini, .htaccess and .user.ini backdoors)",
    langs: ["config"],
    literals: ["auto_prepend_file", "auto_append_file"],
    match: (view, at) => each2(at, (o) => {
      const before = view.text(o - 200, o);
      const after = view.text(o, o + 300);
      const end = after.indexOf("\n");
      const line = before.slice(before.lastIndexOf("\n") + 1) + (end < 0 ? after : after.slice(0, end));
      if (/^\s{0,8}[#;]/.test(line)) return void 0;
      const value = /auto_(?:prepend|append)_file\s{0,8}[= ]\s{0,8}["']?([^"'\s]{1,200})/i.exec(line);
      if (!value || /^(?:none|""|'')$/i.test(value[1])) return void 0;
      return { offset: o, note: "auto_prepend/append set" };
    })
  },
  {
    id: "config-php-handler-for-static",
    family: "loaders",
    severity: "high",
    description: ".htaccess makes images or other static files run as PHP (AddType/AddHandler/SetHandler for .jpg/.png/.gif/.ico/.txt)",
    reference: "https://oryoy.com/news/jie-mi-php-tu-pian-mu-ma-ru-he-shi-bie-yu-fang-fan-wang-luo-an-quan-de-yin-xing-wei-xie.html (PHP hidden in image files) ; Apache AddType/AddHandler/SetHandler making images run as PHP, described in words",
    langs: ["config"],
    literals: ["x-httpd-php", "php-script", "application/x-httpd", "sethandler", "addhandler", "addtype"],
    match: (view, at) => each2(at, (o) => {
      const { text } = around(view, o, 200, 300);
      return /(?:AddType|AddHandler)\s{1,8}(?:application\/x-httpd-php[0-9a-z-]{0,16}|php[0-9]?-script|x-httpd-php[0-9a-z-]{0,16})\s{1,8}[^\n]{0,80}\.(?:jpe?g|png|gif|ico|bmp|txt|css|svg|webp)\b/i.test(text) || /<FilesMatch\s{1,4}["']?[^>\n]{0,80}(?:jpe?g|png|gif|ico|txt|css)[^>\n]{0,40}>\s{0,20}SetHandler\s{1,8}application\/x-httpd-php/i.test(text) ? { offset: o, note: "static files executed as PHP" } : void 0;
    })
  },
  {
    id: "js-obfuscated-script-injection",
    family: "loaders",
    severity: "high",
    description: "JS decodes a hidden string (char codes, hex escapes, base64, entities) and writes or injects it as a script, or evals it",
    reference: "https://edevelop.ai/?p=983 (Magecart skimmers, heavily obfuscated) ; https://www.feroot.com/education-center/what-is-payment-skimming/ (payment skimming)",
    langs: ["js", "html", "php"],
    literals: ["fromCharCode", "atob", "\\x3c\\x73", "\\x3C\\x73", "unescape", "eval(function(p,a,c,k,e", "&#60;&#115;", "&#104;&#116;&#116;&#112;"],
    aux: ["eval", "document.write", "createElement", "Function(", "appendChild", "insertBefore", ".src", "write", "\\x77\\x72\\x69\\x74\\x65"],
    match: (view) => {
      if (!view.has(["eval", "document.write", "createElement", "Function(", "appendChild", "insertBefore", ".src", "write", "\\x77\\x72\\x69\\x74\\x65"])) return void 0;
      for (const d of view.decoded()) {
        if (d.text.length < 12) continue;
        if (d.how === "concat") continue;
        if (/<script[\s>]|<iframe[\s>]|<img[^>]{0,40}src|\.src\s{0,4}=|createElement\s{0,4}\(\s{0,4}['"](?:script|iframe)|document\.write|eval\s{0,4}\(|new\s{1,4}Function/i.test(d.text) && /https?:\/\/[a-z0-9-]{1,60}\.|\/\/[a-z0-9-]{2,60}\.[a-z]{2,10}\//i.test(d.text)) {
          const { text } = around(view, d.offset, 1500, 3e3);
          if (/\beval\b|document\s{0,2}(?:\.|\[\s{0,2}['"])write|\[\s{0,2}['"]\\x77\\x72|createElement|new\s{1,4}Function|\bFunction\s{0,2}\(|appendChild|\.src\s{0,4}=|write/.test(text)) return { offset: d.offset, note: `${d.how}-hidden script injection` };
        }
        if (d.how !== "transform" && HIDDEN_URL.test(d.text.slice(0, 300)) && SCRIPT_SRC_NEAR.test(view.text(d.offset - 300, d.offset + 300))) return { offset: d.offset, note: `${d.how}-hidden script address` };
      }
      return void 0;
    }
  }
];
function stringOps(text) {
  let count = 0;
  let quote = "";
  let lastEnd = "";
  for (let i = 0; i < text.length && count < 50; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) {
        quote = "";
        lastEnd = "s";
      }
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === "/" && text[i + 1] === "/" || c === "#") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      lastEnd = "";
      continue;
    }
    if (c === "*" && /(?:^|\n)[ \t]{0,40}$/.test(text.slice(Math.max(0, i - 41), i))) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      lastEnd = "";
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 1;
      lastEnd = "";
      continue;
    }
    if (c === " " || c === "	" || c === "\n" || c === "\r") continue;
    if ((c === "^" || c === "|" || c === "&") && text[i + 1] !== c && text[i - 1] !== c && text[i + 1] !== "=") {
      let j = i + 1;
      while (text[j] === " " || text[j] === "~" || text[j] === "\n" || text[j] === "	") j++;
      const next = text[j] ?? "";
      if (lastEnd === "s" && (next === '"' || next === "'" || /[A-Za-z_]/.test(next)) || lastEnd === "w" && (next === '"' || next === "'")) count++;
      lastEnd = "";
      continue;
    }
    if (/[A-Za-z0-9_]/.test(c)) {
      const prev = text[i - 1] ?? "";
      if (!/[A-Za-z0-9_$]/.test(prev)) {
        let j = i;
        while (j < text.length && /[A-Za-z0-9_]/.test(text[j])) j++;
        lastEnd = prev !== "$" && text[j] !== "(" && prev !== ">" && prev !== ":" ? "w" : "";
        i = j - 1;
        continue;
      }
      continue;
    }
    lastEnd = "";
  }
  return count;
}

// src/checks/malicious-code/php-flow.ts
import { inflateRawSync, inflateSync, gunzipSync } from "node:zlib";

// src/checks/malicious-code/php-lex.ts
var MAX_LEX = 1024 * 1024;
var MAX_TOKENS = 2e5;
var OPS3 = /* @__PURE__ */ new Set(["===", "!==", "<=>", "**=", "...", "<<=", ">>=", "??=", "?->"]);
var OPS2 = /* @__PURE__ */ new Set(["==", "!=", "<>", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=", "/=", ".=", "%=", "&=", "|=", "^=", "->", "=>", "::", "<<", ">>", "??", "**"]);
function isNameStart(c) {
  return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c === 95 || c >= 128;
}
function isNameChar(c) {
  return isNameStart(c) || c >= 48 && c <= 57;
}
function isSpace(c) {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}
function isHex(c) {
  return c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70;
}
function doubleQuoted(body) {
  let out = "";
  const vars = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 92 && i + 1 < body.length) {
      const n = body[i + 1];
      if (n === "x" && isHex(body.charCodeAt(i + 2))) {
        const two = isHex(body.charCodeAt(i + 3));
        out += String.fromCharCode(parseInt(body.slice(i + 2, i + (two ? 4 : 3)), 16));
        i += two ? 3 : 2;
      } else if (n >= "0" && n <= "7") {
        let j = i + 1;
        while (j < i + 4 && (body[j] ?? "") >= "0" && (body[j] ?? "") <= "7") j++;
        out += String.fromCharCode(parseInt(body.slice(i + 1, j), 8) & 255);
        i = j - 1;
      } else if (n === "u" && body[i + 2] === "{") {
        const close = body.slice(i + 3, i + 12).indexOf("}") + i + 3;
        const code = close > i + 3 ? parseInt(body.slice(i + 3, close), 16) : NaN;
        if (Number.isNaN(code)) out += "\\u";
        else {
          out += String.fromCharCode(code & 65535);
          i = close - 1;
        }
        i++;
      } else {
        const map = { n: "\n", t: "	", r: "\r", v: "\v", e: "\x1B", f: "\f", $: "$", '"': '"', "\\": "\\", "`": "`" };
        const m = map[n];
        out += m ?? `\\${n}`;
        i++;
      }
      continue;
    }
    if (c === 36 && isNameStart(body.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < body.length && isNameChar(body.charCodeAt(j))) j++;
      if (vars.length < 64) vars.push(body.slice(i + 1, j));
      out += body.slice(i, j);
      i = j - 1;
      continue;
    }
    if (c === 123 && body[i + 1] === "$" || c === 36 && body[i + 1] === "{") {
      const close = body.indexOf("}", i + 2);
      const inner = close < 0 ? body.slice(i + 1, i + 80) : body.slice(i + 1, close);
      for (let k = 0; k < inner.length && vars.length < 64; k++) {
        if (inner[k] === "$" && isNameStart(inner.charCodeAt(k + 1))) {
          let j = k + 1;
          while (j < inner.length && isNameChar(inner.charCodeAt(j))) j++;
          vars.push(inner.slice(k + 1, j));
          k = j - 1;
        } else if (k === 1 && c === 36 && isNameStart(inner.charCodeAt(k))) {
          let j = k;
          while (j < inner.length && isNameChar(inner.charCodeAt(j))) j++;
          vars.push(inner.slice(k, j));
          k = j - 1;
        }
      }
      out += c === 123 ? `{${inner}}` : `\${${inner.slice(1)}}`;
      i = close < 0 ? body.length : close;
      continue;
    }
    out += body[i];
  }
  return { value: out, vars };
}
function lexPhp(source, inPhp = false) {
  const text = source.length > MAX_LEX ? source.slice(0, MAX_LEX) : source;
  const n = text.length;
  const toks = [];
  let i = 0;
  let php = inPhp;
  while (i < n && toks.length < MAX_TOKENS) {
    if (!php) {
      const open = text.indexOf("<?", i);
      if (open < 0) break;
      i = open + 2;
      if (text.slice(i, i + 3).toLowerCase() === "php") i += 3;
      else if (text[i] === "=") {
        toks.push({ k: "id", v: "echo", at: open, l: "echo" });
        i++;
      } else if (text.slice(i, i + 3).toLowerCase() === "xml") continue;
      php = true;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === 35 && text[i + 1] !== "[") {
      i = lineEnd(text, i);
      continue;
    }
    if (c === 47 && text[i + 1] === "/") {
      i = lineEnd(text, i);
      continue;
    }
    if (c === 47 && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? n : close + 2;
      continue;
    }
    if (c === 63 && text[i + 1] === ">") {
      toks.push({ k: "op", v: ";", at: i });
      i += 2;
      php = false;
      continue;
    }
    if (c === 36) {
      if (isNameStart(text.charCodeAt(i + 1))) {
        let j = i + 1;
        while (j < n && isNameChar(text.charCodeAt(j))) j++;
        toks.push({ k: "var", v: text.slice(i + 1, j), at: i });
        i = j;
      } else {
        toks.push({ k: "op", v: "$", at: i });
        i++;
      }
      continue;
    }
    if (isNameStart(c) || c === 92 && isNameStart(text.charCodeAt(i + 1))) {
      let j = i + 1;
      while (j < n && (isNameChar(text.charCodeAt(j)) || text.charCodeAt(j) === 92 && isNameStart(text.charCodeAt(j + 1)))) j++;
      let name = text.slice(i, j);
      if (name.includes("\\")) name = name.slice(name.lastIndexOf("\\") + 1);
      if ((name === "b" || name === "B") && (text[j] === '"' || text[j] === "'")) {
        i = j;
        continue;
      }
      toks.push({ k: "id", v: name, at: i, l: name.toLowerCase() });
      i = j;
      continue;
    }
    if (c >= 48 && c <= 57) {
      let j = i + 1;
      while (j < n && (isNameChar(text.charCodeAt(j)) || text[j] === "." && text.charCodeAt(j + 1) >= 48 && text.charCodeAt(j + 1) <= 57)) j++;
      toks.push({ k: "num", v: text.slice(i, j).replace(/_/g, ""), at: i });
      i = j;
      continue;
    }
    if (c === 39) {
      let j = i + 1;
      let out = "";
      let start2 = j;
      while (j < n && text.charCodeAt(j) !== 39) {
        if (text.charCodeAt(j) === 92 && (text[j + 1] === "'" || text[j + 1] === "\\")) {
          out += text.slice(start2, j) + text[j + 1];
          j += 2;
          start2 = j;
          continue;
        }
        j++;
      }
      out += text.slice(start2, j);
      toks.push({ k: "str", v: out, at: i });
      i = j + 1;
      continue;
    }
    if (c === 34 || c === 96) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) !== c) j += text.charCodeAt(j) === 92 ? 2 : 1;
      const { value, vars } = doubleQuoted(text.slice(i + 1, Math.min(j, n)));
      const tok = { k: c === 96 ? "exec" : "str", v: value, at: i };
      if (vars.length > 0) {
        tok.vars = vars;
        tok.interp = true;
      }
      toks.push(tok);
      i = j + 1;
      continue;
    }
    if (c === 60 && text.startsWith("<<<", i)) {
      const m = /^<<<[ \t]{0,4}(["']?)([A-Za-z_]\w{0,40})\1\r?\n/.exec(text.slice(i, i + 60));
      if (m) {
        const label = m[2];
        const bodyStart = i + m[0].length;
        let end = -1;
        for (let k = text.indexOf(label, bodyStart); k >= 0; k = text.indexOf(label, k + 1)) {
          let b = k - 1;
          while (b >= bodyStart && (text[b] === " " || text[b] === "	")) b--;
          if ((b < bodyStart || text[b] === "\n") && !isNameChar(text.charCodeAt(k + label.length))) {
            end = k;
            break;
          }
        }
        const bodyEnd = end < 0 ? n : end;
        const raw = text.slice(bodyStart, bodyEnd).replace(/\r?\n[ \t]{0,40}$/, "");
        const tok = { k: "str", v: raw, at: i };
        if (m[1] !== "'") {
          const { value, vars } = doubleQuoted(raw);
          tok.v = value;
          if (vars.length > 0) {
            tok.vars = vars;
            tok.interp = true;
          }
        }
        toks.push(tok);
        i = end < 0 ? n : end + label.length;
        continue;
      }
    }
    const three = text.slice(i, i + 3);
    if (OPS3.has(three)) {
      toks.push({ k: "op", v: three, at: i });
      i += 3;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (OPS2.has(two)) {
      toks.push({ k: "op", v: two, at: i });
      i += 2;
      continue;
    }
    toks.push({ k: "op", v: text[i], at: i });
    i++;
  }
  return toks;
}
function lineEnd(text, from) {
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 10) return j + 1;
    if (c === 63 && text.charCodeAt(j + 1) === 62) return j;
  }
  return text.length;
}

// src/checks/malicious-code/php-flow.ts
var WORK_BASE = 1e6;
var WORK_PER_CHAR = 64;
var CHARS_PER_WORK = 4;
var MAX_NEST = 64;
var MAX_VALUE = 1024 * 1024;
var MAX_PRODUCED = 16 * 1024 * 1024;
var MAX_ROUNDS = 8;
var MAX_HIDDEN_DEPTH = 3;
var MAX_HIDDEN = 32;
function isArr(v) {
  return typeof v === "object" && "arr" in v;
}
function isLambda(v) {
  return typeof v === "object" && "code" in v;
}
function str(v) {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  return void 0;
}
function num(v) {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const t = v.trim();
    if (/^0x[0-9a-f]{1,12}$/i.test(t)) return parseInt(t, 16);
    const n = Number.parseFloat(t);
    return Number.isNaN(n) ? 0 : n;
  }
  return void 0;
}
function list(v) {
  return isArr(v) ? [...v.arr.values()] : void 0;
}
function arrOf(items) {
  const arr = /* @__PURE__ */ new Map();
  items.forEach((item, i) => arr.set(String(i), item));
  return { arr };
}
var SUPERGLOBAL = /* @__PURE__ */ new Set(["_GET", "_POST", "_REQUEST", "_COOKIE", "_FILES", "HTTP_GET_VARS", "HTTP_POST_VARS", "HTTP_COOKIE_VARS", "HTTP_POST_FILES", "HTTP_RAW_POST_DATA"]);
var OTHER_GLOBALS = /* @__PURE__ */ new Set(["_SERVER", "_SESSION", "_ENV", "GLOBALS", "this", "HTTP_SERVER_VARS", "HTTP_ENV_VARS", "HTTP_SESSION_VARS"]);
var SERVER_FROM_CLIENT = /^(?:HTTP_\w{1,40}|QUERY_STRING|REQUEST_URI|PATH_INFO|PHP_AUTH_USER|PHP_AUTH_PW)$/;
var SANITIZERS = /* @__PURE__ */ new Set([
  "intval",
  "floatval",
  "boolval",
  "count",
  "sizeof",
  "strlen",
  "md5",
  "sha1",
  "crc32",
  "hash",
  "is_numeric",
  "isset",
  "empty",
  "in_array",
  "array_key_exists",
  "escapeshellarg",
  "escapeshellcmd",
  "preg_match",
  "preg_match_all",
  "strpos",
  "stripos",
  "strcmp",
  "strcasecmp",
  "password_verify",
  "password_hash",
  "json_encode",
  "filter_var",
  "abs",
  "is_array",
  "is_string",
  "is_file",
  "is_dir",
  "file_exists",
  "is_writable",
  "is_readable",
  "filesize",
  "filemtime",
  "date",
  "mktime",
  "strtotime",
  "htmlspecialchars",
  "htmlentities",
  "strip_tags",
  "urlencode",
  "rawurlencode",
  "addslashes",
  "mysql_real_escape_string",
  "mysqli_real_escape_string",
  "quote",
  "round",
  "floor",
  "ceil",
  "max",
  "min",
  "is_uploaded_file",
  "ctype_digit",
  "ctype_alnum",
  "uniqid",
  "base_convert",
  "dechex",
  "number_format",
  "var_dump",
  "print_r",
  "serialize",
  "spl_object_hash",
  "gettype",
  "is_null",
  "is_int",
  "mb_strlen",
  "realpath",
  "preg_quote",
  "sanitize_text_field",
  "sanitize_file_name",
  "esc_attr",
  "esc_html",
  "wp_verify_nonce",
  "check_admin_referer"
]);
var CASTS = /* @__PURE__ */ new Set(["int", "integer", "float", "double", "bool", "boolean"]);
var OUT_OF_WORK = new Error("php-flow: out of work budget");
var CODE_SINKS = /* @__PURE__ */ new Set(["eval", "assert", "create_function"]);
var COMMAND_SINKS = /* @__PURE__ */ new Set(["system", "exec", "passthru", "shell_exec", "popen", "proc_open", "pcntl_exec", "expect_popen"]);
var CALLBACK_AT = {
  array_map: 0,
  call_user_func: 0,
  call_user_func_array: 0,
  register_shutdown_function: 0,
  register_tick_function: 0,
  ob_start: 0,
  forward_static_call: 0,
  forward_static_call_array: 0,
  set_error_handler: 0,
  set_exception_handler: 0,
  spl_autoload_register: 0,
  header_register_callback: 0,
  array_filter: 1,
  array_walk: 1,
  array_walk_recursive: 1,
  array_reduce: 1,
  usort: 1,
  uasort: 1,
  uksort: 1,
  iterator_apply: 1,
  preg_replace_callback: 1,
  mb_ereg_replace_callback: 1,
  array_udiff: -1,
  array_uintersect: -1,
  array_diff_ukey: -1,
  array_intersect_ukey: -1,
  array_udiff_assoc: -1,
  array_uintersect_assoc: -1,
  array_diff_uassoc: -1,
  array_intersect_uassoc: -1
};
var DANGEROUS_CALLEE = /^(?:eval|assert|create_function|system|exec|passthru|shell_exec|popen|proc_open|pcntl_exec|call_user_func|call_user_func_array|include|require|file_put_contents|fwrite|fputs|move_uploaded_file|preg_replace|array_map|mail|unserialize)$/i;
var READS_SOCKET = /* @__PURE__ */ new Set(["fgets", "fread", "socket_read", "socket_recv", "stream_get_line", "stream_get_contents", "fgetc", "fgetss"]);
var Analysis = class {
  constructor(text, inPhp, budget) {
    this.text = text;
    this.budget = budget;
    this.spend(Math.min(text.length, MAX_LEX));
    this.toks = lexPhp(text, inPhp);
    const n = this.toks.length;
    this.match = new Int32Array(n).fill(-1);
    this.scope = new Int32Array(n);
    const stack = [];
    for (let i = 0; i < n; i++) {
      const t = this.toks[i];
      if (t.k !== "op") continue;
      if (t.v === "(" || t.v === "[" || t.v === "{") stack.push(i);
      else if (t.v === ")" || t.v === "]" || t.v === "}") {
        while (stack.length > 0) {
          const o = stack.pop();
          const ov = this.toks[o].v;
          if (ov === "(" && t.v === ")" || ov === "[" && t.v === "]" || ov === "{" && t.v === "}") {
            this.match[o] = i;
            this.match[i] = o;
            break;
          }
        }
      }
    }
    this.functions();
    this.collect();
  }
  text;
  budget;
  toks;
  match;
  scope;
  fns = [];
  fnByName = /* @__PURE__ */ new Map();
  assigns = [];
  env = /* @__PURE__ */ new Map();
  consts = /* @__PURE__ */ new Map();
  tainted = /* @__PURE__ */ new Map();
  /** Variables that hold request data as it came (`$c = $_POST['c']`, `$c = trim(base64_decode($_GET['c']))`). */
  pure = /* @__PURE__ */ new Map();
  returns = /* @__PURE__ */ new Map();
  hidden = [];
  /** Variables assigned somewhere, per scope. */
  assigned = /* @__PURE__ */ new Set();
  /** extract()/variable variables fed by request data: unassigned variables hold it. */
  globalsFromRequest = false;
  readsSocket = false;
  produced = 0;
  /** Expressions being evaluated, nested. */
  nest = 0;
  /** Did the last evaluation use a decoder or string operation (not a plain literal)? */
  made = false;
  /** Count work against the budget of the whole text. */
  spendChars(chars) {
    this.spend(Math.ceil(chars / CHARS_PER_WORK));
  }
  spend(work) {
    this.budget.left -= work;
    if (this.budget.left < 0) throw OUT_OF_WORK;
  }
  tok(i) {
    return this.toks[i];
  }
  isOp(i, v) {
    const t = this.toks[i];
    return t !== void 0 && t.k === "op" && t.v === v;
  }
  isId(i, v) {
    const t = this.toks[i];
    return t !== void 0 && t.k === "id" && t.l === v;
  }
  /** Named functions and methods: their parameters and body, each body a scope of its own. */
  functions() {
    const n = this.toks.length;
    for (let i = 0; i < n; i++) {
      if (!this.isId(i, "function")) continue;
      let j = i + 1;
      if (this.isOp(j, "&")) j++;
      const nameTok = this.toks[j];
      if (nameTok?.k !== "id" || !this.isOp(j + 1, "(")) continue;
      const close = this.match[j + 1] ?? -1;
      if (close < 0) continue;
      this.spend(close - j);
      const params = [];
      for (let k = j + 2; k < close; k++) {
        const t = this.toks[k];
        if (t.k === "var" && (k === j + 2 || this.isOp(k - 1, ",") || this.isOp(k - 1, "&") || this.isOp(k - 1, "...") || this.toks[k - 1]?.k === "id" || this.isOp(k - 1, "?"))) params.push(t.v);
        else if (t.k === "op" && (t.v === "(" || t.v === "[")) k = Math.max(k, this.match[k] ?? k);
      }
      let b = close + 1;
      while (b < n && b < close + 12 && !this.isOp(b, "{") && !this.isOp(b, ";")) b++;
      if (!this.isOp(b, "{")) continue;
      const end = this.match[b] ?? -1;
      if (end < 0) continue;
      this.spend(end - b);
      const name = nameTok.l ?? nameTok.v.toLowerCase();
      const fn = { name, keys: [name, `->${name}`], scope: this.fns.length + 1, params, open: b, close: end };
      this.fns.push(fn);
      if (!this.fnByName.has(fn.name)) this.fnByName.set(fn.name, fn);
      this.scope.fill(fn.scope, b, end + 1);
      for (const p of params) this.assigned.add(`${fn.scope}\0${p}`);
    }
  }
  /** The variables between tokens `from` and `to` (a parameter or `use` list) are assigned in `scope`. */
  assignAll(scope, from, to) {
    for (let k = from; k < to; k++) if (this.toks[k]?.k === "var") this.assigned.add(this.key(scope, this.toks[k].v));
  }
  key(scope, name) {
    return `${scope}\0${name}`;
  }
  /** The end of the expression that starts at `from`: a `;`, or a `,`/closer at depth 0, or `?>`. */
  exprEnd(from, commas = true) {
    const end = this.exprEndOf(from, commas);
    this.spend(end - from + 1);
    return end;
  }
  exprEndOf(from, commas) {
    const n = this.toks.length;
    for (let i = from; i < n; i++) {
      const t = this.toks[i];
      if (t.k !== "op") {
        if (t.k === "id" && (t.v === "as" || t.v === "AS")) return i;
        continue;
      }
      if (t.v === "(" || t.v === "[" || t.v === "{") {
        const m = this.match[i] ?? -1;
        if (m < 0) return i;
        i = m;
        continue;
      }
      if (t.v === ";" || t.v === ")" || t.v === "]" || t.v === "}" || commas && t.v === "," || t.v === "=>") return i;
    }
    return n;
  }
  /** Assignments, foreach bindings, list() targets, globals and by-reference outputs. */
  collect() {
    const n = this.toks.length;
    const ASSIGN = /* @__PURE__ */ new Set(["=", ".=", "+=", "-=", "^=", "|=", "&=", "??=", "*="]);
    for (let i = 0; i < n; i++) {
      const t = this.toks[i];
      const scope = this.scope[i];
      if (t.k === "var") {
        if (this.isOp(i - 1, "->") || this.isOp(i - 1, "::") || this.isOp(i - 1, "?->")) continue;
        let j = i + 1;
        let indexed = false;
        let keyFrom = -1;
        let keyTo = -1;
        while ((this.isOp(j, "[") || this.isOp(j, "{")) && j < n) {
          const m = this.match[j] ?? -1;
          if (m < 0) break;
          if (!indexed) {
            keyFrom = m > j + 1 ? j + 1 : -1;
            keyTo = m;
          }
          indexed = true;
          j = m + 1;
        }
        const op = this.toks[j];
        if (op?.k === "op" && ASSIGN.has(op.v)) {
          const from = j + 1;
          const to = this.exprEnd(from, false);
          this.assigns.push({ scope, name: t.v, from, to, op: op.v, indexed, at: i, keyFrom, keyTo });
          this.assigned.add(this.key(scope, t.v));
        }
        continue;
      }
      if (t.k !== "id") continue;
      const word = t.l ?? t.v.toLowerCase();
      if (word === "foreach" && this.isOp(i + 1, "(")) {
        const close = this.match[i + 1] ?? -1;
        if (close < 0) continue;
        this.spend(close - i);
        let as = -1;
        for (let k = i + 2; k < close; k++) if (this.isId(k, "as")) as = k;
        if (as < 0) continue;
        for (let k = as + 1; k < close; k++) {
          const v = this.toks[k];
          if (v.k === "var") {
            this.assigns.push({ scope, name: v.v, from: i + 2, to: as, op: "foreach", indexed: false, at: k, keyFrom: -1, keyTo: -1 });
            this.assigned.add(this.key(scope, v.v));
          }
        }
      } else if (word === "list" && this.isOp(i + 1, "(") || false) {
        const close = this.match[i + 1] ?? -1;
        if (close < 0 || !this.isOp(close + 1, "=")) continue;
        this.spend(close - i);
        const to = this.exprEnd(close + 2, false);
        for (let k = i + 2; k < close; k++) {
          const v = this.toks[k];
          if (v.k === "var") {
            this.assigns.push({ scope, name: v.v, from: close + 2, to, op: "list", indexed: false, at: k, keyFrom: -1, keyTo: -1 });
            this.assigned.add(this.key(scope, v.v));
          }
        }
      } else if (word === "global" || word === "static") {
        let k = i + 1;
        for (; k < n && !this.isOp(k, ";"); k++) {
          const v = this.toks[k];
          if (v.k === "var") this.assigned.add(this.key(scope, v.v));
        }
        this.spend(k - i);
      } else if ((word === "parse_str" || word === "preg_match" || word === "preg_match_all" || word === "exec" || word === "mb_parse_str") && this.isOp(i + 1, "(")) {
        const args = this.args(i + 1);
        const out = word === "exec" ? args[1] : word.endsWith("parse_str") ? args[1] : args[2];
        const src = word === "exec" ? void 0 : word.endsWith("parse_str") ? args[0] : args[1];
        if (out) {
          const v = this.toks[out[0]];
          if (v?.k === "var") {
            this.assigned.add(this.key(scope, v.v));
            if (src) this.assigns.push({ scope, name: v.v, from: src[0], to: src[1], op: "out", indexed: false, at: out[0], keyFrom: -1, keyTo: -1 });
          }
        }
      } else if (word === "catch" && this.isOp(i + 1, "(")) {
        const close = this.match[i + 1] ?? -1;
        this.spend(Math.max(0, close - i));
        this.assignAll(scope, i + 2, close);
      } else if (word === "function" && this.isOp(i + 1, "(")) {
        const close = this.match[i + 1] ?? -1;
        this.spend(Math.max(0, close - i));
        this.assignAll(scope, i + 2, close);
        const u = close + 1;
        if (this.isId(u, "use") && this.isOp(u + 1, "(")) {
          const uc = this.match[u + 1] ?? -1;
          this.spend(Math.max(0, uc - u));
          this.assignAll(scope, u + 2, uc);
        }
      } else if (word === "fn" && this.isOp(i + 1, "(")) {
        const close = this.match[i + 1] ?? -1;
        this.spend(Math.max(0, close - i));
        this.assignAll(scope, i + 2, close);
      }
    }
  }
  /** Argument token ranges [from, to) of the call whose `(` is at `open`. */
  args(open) {
    const close = this.match[open] ?? -1;
    if (close < 0) return [];
    this.spend(close - open);
    const out = [];
    let start2 = open + 1;
    for (let i = open + 1; i < close; i++) {
      const t = this.toks[i];
      if (t.k !== "op") continue;
      if (t.v === "(" || t.v === "[" || t.v === "{") {
        i = Math.max(i, this.match[i] ?? i);
        continue;
      }
      if (t.v === ",") {
        out.push([start2, i]);
        start2 = i + 1;
      }
    }
    if (close > start2 || out.length > 0) out.push([start2, close]);
    return out;
  }
  // ---- constant evaluation ----
  /** Evaluate constant assignments in token order (twice: a value used before it is assigned in the text). */
  evaluate() {
    for (let round = 0; round < 2; round++) {
      for (const a of this.assigns) {
        if (a.op === "foreach" || a.op === "list" || a.op === "out") continue;
        const k = this.key(a.scope, a.name);
        this.made = false;
        const v = this.evalRange(a.from, a.to, a.scope);
        if (a.indexed) {
          let base = this.env.get(k);
          if (base === void 0) {
            base = { arr: /* @__PURE__ */ new Map() };
            this.env.set(k, base);
          }
          if (!isArr(base)) continue;
          const key = a.keyFrom < 0 ? String(base.arr.size) : str(this.evalRange(a.keyFrom, a.keyTo, a.scope));
          if (key === void 0 || v === void 0 || a.op !== "=") continue;
          if (base.arr.size < 1e4) base.arr.set(key, v);
          continue;
        }
        if (v === void 0) {
          if (round === 1 || !this.env.has(k)) this.env.delete(k);
          continue;
        }
        if (a.op === ".=") {
          const prev = str(this.env.get(k));
          const next = str(v);
          if (prev !== void 0 && next !== void 0 && prev.length + next.length <= MAX_VALUE) this.env.set(k, prev + next);
          else this.env.delete(k);
        } else if (a.op === "=") this.env.set(k, v);
        else this.env.delete(k);
      }
      this.spend(this.toks.length);
      for (let i = 0; i < this.toks.length; i++) {
        if (this.isId(i, "define") && this.isOp(i + 1, "(")) {
          const args = this.args(i + 1);
          if (args.length < 2) continue;
          const name = str(this.evalRange(args[0][0], args[0][1], this.scope[i]));
          const value = this.evalRange(args[1][0], args[1][1], this.scope[i]);
          if (name !== void 0 && value !== void 0) this.consts.set(name, value);
        } else if (this.isId(i, "const") && this.toks[i + 1]?.k === "id" && this.isOp(i + 2, "=")) {
          const to = this.exprEnd(i + 3);
          const value = this.evalRange(i + 3, to, this.scope[i]);
          if (value !== void 0) this.consts.set(this.toks[i + 1].v, value);
        }
      }
    }
  }
  evalRange(from, to, scope) {
    if (from >= to) return void 0;
    const p = { i: from, to, scope };
    const v = this.expr(p);
    return p.i === to ? v : void 0;
  }
  produce(v) {
    if (typeof v === "string") {
      if (v.length > MAX_VALUE) return void 0;
      this.produced += v.length;
      if (this.produced > MAX_PRODUCED) return void 0;
    }
    return v;
  }
  expr(p) {
    return this.nested(() => this.binary(p, 0));
  }
  /** One level deeper in an expression: past MAX_NEST levels there is no value (the stack stays small). */
  nested(evaluate) {
    if (this.nest >= MAX_NEST) return void 0;
    this.nest++;
    try {
      return evaluate();
    } finally {
      this.nest--;
    }
  }
  /** Binary operators by precedence, lowest first: | ^ & . (+ -) (* / %). */
  binary(p, level) {
    if (level >= LEVELS.length) return this.unary(p);
    let left = this.binary(p, level + 1);
    const ops = LEVELS[level];
    while (p.i < p.to) {
      const t = this.toks[p.i];
      if (t.k !== "op" || !ops.includes(t.v)) break;
      p.i++;
      this.spend(1);
      const right = this.binary(p, level + 1);
      if (left === void 0 || right === void 0) return void 0;
      this.spendChars(weight(left) + weight(right));
      left = this.produce(binop(t.v, left, right));
      if (left === void 0) return void 0;
      if (t.v !== "+" && t.v !== "-" && t.v !== "*" && t.v !== "/") this.made = true;
    }
    return left;
  }
  unary(p) {
    const t = this.toks[p.i];
    if (!t || p.i >= p.to) return void 0;
    this.spend(1);
    if (t.k === "op" && t.v === "@") {
      p.i++;
      return this.nested(() => this.unary(p));
    }
    if (t.k === "op" && t.v === "~") {
      p.i++;
      const v = this.nested(() => this.unary(p));
      this.made = true;
      this.spendChars(weight(v));
      if (typeof v === "string") {
        let out = "";
        for (let i = 0; i < v.length; i++) out += String.fromCharCode(~v.charCodeAt(i) & 255);
        return out;
      }
      return typeof v === "number" ? ~v : void 0;
    }
    if (t.k === "op" && t.v === "-") {
      p.i++;
      const v = num(this.nested(() => this.unary(p)));
      return v === void 0 ? void 0 : -v;
    }
    if (t.k === "op" && t.v === "(" && this.toks[p.i + 1]?.k === "id" && this.isOp(p.i + 2, ")")) {
      const cast = this.toks[p.i + 1].v.toLowerCase();
      if (cast === "string" || CASTS.has(cast)) {
        p.i += 3;
        const v = this.nested(() => this.unary(p));
        if (cast === "string") return str(v);
        const x = num(v);
        return x === void 0 ? void 0 : cast === "float" || cast === "double" ? x : Math.trunc(x);
      }
    }
    return this.postfix(p);
  }
  postfix(p) {
    let v = this.primary(p);
    while (v !== void 0 && p.i < p.to && (this.isOp(p.i, "[") || this.isOp(p.i, "{") || this.isOp(p.i, "("))) {
      const open = p.i;
      const close = this.match[open] ?? -1;
      if (close < 0 || close >= p.to) return void 0;
      if (this.isOp(open, "(")) {
        const name = str(v);
        if (name === void 0 || !/^[A-Za-z_]\w{0,40}$/.test(name)) return void 0;
        v = this.call(name.toLowerCase(), open, p.scope);
        p.i = close + 1;
        continue;
      }
      const key = this.evalRange(open + 1, close, p.scope);
      p.i = close + 1;
      if (key === void 0) return void 0;
      if (typeof v === "string") {
        const k = num(key);
        if (k === void 0) return void 0;
        const idx = k < 0 ? v.length + k : k;
        v = v.charAt(idx);
        this.made = true;
      } else if (isArr(v)) v = v.arr.get(str(key) ?? "");
      else return void 0;
    }
    return v;
  }
  primary(p) {
    const t = this.toks[p.i];
    if (!t || p.i >= p.to) return void 0;
    switch (t.k) {
      case "str": {
        p.i++;
        if (!t.interp) return t.v;
        let out = t.v;
        for (const name of t.vars ?? []) {
          const value = str(this.env.get(this.key(p.scope, name)));
          if (value === void 0) return void 0;
          this.spendChars(out.length + value.length);
          out = out.split(`{$${name}}`).join(value).split(`$${name}`).join(value);
        }
        return out;
      }
      case "num": {
        p.i++;
        const s = t.v.toLowerCase();
        if (s.startsWith("0x")) return parseInt(s.slice(2), 16);
        if (s.startsWith("0b")) return parseInt(s.slice(2), 2);
        if (/^0[0-7]+$/.test(s)) return parseInt(s.slice(1), 8);
        const x = Number(s);
        return Number.isNaN(x) ? void 0 : x;
      }
      case "var": {
        p.i++;
        return this.env.get(this.key(p.scope, t.v));
      }
      case "id": {
        const word = t.l ?? t.v.toLowerCase();
        if (word === "array" && this.isOp(p.i + 1, "(") || false) return this.arrayLiteral(p, p.i + 1);
        if (this.isOp(p.i + 1, "(")) {
          const open = p.i + 1;
          const close = this.match[open] ?? -1;
          if (close < 0 || close >= p.to) return void 0;
          const v = this.call(word, open, p.scope);
          p.i = close + 1;
          return v;
        }
        p.i++;
        if (word === "null" || word === "false") return "";
        if (word === "true") return 1;
        if (word === "php_eol") return "\n";
        return this.consts.get(t.v);
      }
      case "op": {
        if (t.v === "(") {
          const close = this.match[p.i] ?? -1;
          if (close < 0 || close >= p.to) return void 0;
          const v = this.evalRange(p.i + 1, close, p.scope);
          p.i = close + 1;
          return v;
        }
        if (t.v === "[") return this.arrayLiteral(p, p.i);
        return void 0;
      }
      case "exec":
        return void 0;
    }
  }
  arrayLiteral(p, open) {
    const close = this.match[open] ?? -1;
    if (close < 0 || close >= p.to) return void 0;
    const arr = /* @__PURE__ */ new Map();
    let next = 0;
    for (const [a, b] of this.args(open)) {
      if (a >= b) continue;
      let arrow = -1;
      this.spend(b - a);
      for (let k = a; k < b; k++) {
        if (this.isOp(k, "=>")) {
          arrow = k;
          break;
        }
        if (this.isOp(k, "(") || this.isOp(k, "[")) k = this.match[k] ?? k;
      }
      if (arrow >= 0) {
        const key = str(this.evalRange(a, arrow, p.scope));
        const value = this.evalRange(arrow + 1, b, p.scope);
        if (key === void 0 || value === void 0) return void 0;
        arr.set(key, value);
        const k = Number(key);
        if (Number.isInteger(k) && k >= next) next = k + 1;
      } else {
        const value = this.evalRange(a, b, p.scope);
        if (value === void 0) return void 0;
        arr.set(String(next++), value);
      }
      if (arr.size > 1e4) return void 0;
    }
    p.i = close + 1;
    return { arr };
  }
  /** A call of a known function with constant arguments; a variable holding a name is called through it. */
  call(name, open, scope) {
    const args = this.args(open).map(([a, b]) => this.evalRange(a, b, scope));
    if (args.some((a) => a === void 0)) {
      if (name === "create_function" && args.length === 2 && typeof args[1] === "string") return { code: args[1] };
      return void 0;
    }
    this.spendChars(cost(name, args));
    const v = callBuiltin(name, args);
    if (v !== void 0 && name !== "array") this.made = true;
    return this.produce(v);
  }
  // ---- taint ----
  /**
   * The taint of the tokens [from, to) in a scope: request data read there, or a tainted
   * variable, with the fewest hops (assignments, parameters, returns) it took to get
   * here. The index of a lookup (`$table[$_GET['k']]`) is not the value looked up.
   */
  taintOf(from, to, scope) {
    this.spend(to - from);
    let found;
    const take = (t) => {
      if (t && (!found || better(t, found))) found = t;
    };
    for (let i = from; i < to; i++) {
      const t = this.toks[i];
      if (t.k === "id") {
        const word = t.l ?? t.v.toLowerCase();
        if (this.isOp(i + 1, "(")) {
          if (SANITIZERS.has(word)) {
            i = Math.max(i, this.match[i + 1] ?? i);
            continue;
          }
          take(this.sourceCall(i, word));
          const r = this.isOp(i - 1, "->") || this.isOp(i - 1, "::") || this.isOp(i - 1, "?->") ? this.returns.get(`->${word}`) : this.returns.get(word);
          if (r) take({ t: r.t, hops: r.hops });
        }
        continue;
      }
      if (t.k === "op" && t.v === "(" && this.toks[i + 1]?.k === "id" && this.isOp(i + 2, ")") && CASTS.has(this.toks[i + 1].v.toLowerCase())) {
        let j = i + 3;
        if (this.toks[j]?.k === "var") {
          j++;
          while (this.isOp(j, "[")) j = (this.match[j] ?? j) + 1;
          i = j - 1;
        }
        continue;
      }
      if (t.k === "op" && t.v === "$") {
        take(this.dynamicSource(i, scope));
        continue;
      }
      if (t.k === "var") {
        take(this.varTaint(t.v, scope, i));
        if (!SUPERGLOBAL.has(t.v) && t.v !== "_SERVER" && t.v !== "GLOBALS") {
          let j = i + 1;
          while ((this.isOp(j, "[") || this.isOp(j, "{")) && (this.match[j] ?? -1) > j && this.match[j] < to) j = this.match[j] + 1;
          i = j - 1;
        }
        continue;
      }
      if (t.k === "str" && t.interp || t.k === "exec") for (const name of t.vars ?? []) take(this.varTaint(name, scope, -1));
    }
    return found;
  }
  /** A call that reads the request (headers, the raw body) or a socket. */
  sourceCall(i, word) {
    if (word === "getallheaders" || word === "apache_request_headers") return { t: "req", hops: 0 };
    const arg = this.toks[i + 2];
    if ((word === "file_get_contents" || word === "fopen" || word === "file" || word === "stream_get_contents") && arg?.k === "str" && /^php:\/\/input/i.test(arg.v)) return { t: "req", hops: 0 };
    if (word === "getenv" && arg?.k === "str" && /^HTTP_/.test(arg.v)) return { t: "req", hops: 0 };
    if (this.readsSocket && READS_SOCKET.has(word)) return { t: "net", hops: 0 };
    return void 0;
  }
  /** `${'_PO'.'ST'}` or `$$name` naming a superglobal. */
  dynamicSource(i, scope) {
    if (this.isOp(i + 1, "{")) {
      const close = this.match[i + 1] ?? -1;
      const name = close > 0 ? str(this.evalRange(i + 2, close, scope)) : void 0;
      return name !== void 0 && SUPERGLOBAL.has(name) ? { t: "req", hops: 0 } : void 0;
    }
    if (this.toks[i + 1]?.k === "var") {
      const name = str(this.env.get(this.key(scope, this.toks[i + 1].v)));
      return name !== void 0 && SUPERGLOBAL.has(name) ? { t: "req", hops: 0 } : void 0;
    }
    return void 0;
  }
  varTaint(name, scope, at) {
    if (SUPERGLOBAL.has(name)) return { t: "req", hops: 0 };
    const key = at >= 0 && this.isOp(at + 1, "[") ? this.toks[at + 2] : void 0;
    if (name === "_SERVER" || name === "HTTP_SERVER_VARS") return key?.k === "str" && SERVER_FROM_CLIENT.test(key.v) ? { t: "req", hops: 0 } : void 0;
    if (name === "GLOBALS") {
      if (key?.k === "str" && SUPERGLOBAL.has(key.v)) return { t: "req", hops: 0 };
      const g = key?.k === "str" ? this.tainted.get(this.key(0, key.v)) : void 0;
      return g ? { t: g.t, hops: g.hops + 1 } : void 0;
    }
    if (name === "_SESSION") return { t: "session", hops: 0 };
    const own = this.tainted.get(this.key(scope, name));
    if (own) return { t: own.t, hops: own.hops + 1 };
    if (this.globalsFromRequest && !OTHER_GLOBALS.has(name) && !this.assigned.has(this.key(scope, name))) return { t: "globals", hops: 1 };
    return void 0;
  }
  /**
   * Request data as it came: the tokens [from, to) are one source (a superglobal entry, a
   * variable that holds one, a call that reads the request), maybe behind `@` and the
   * decoders a shell wraps its input in, or a `?:`/`??` whose branches are such a source
   * or a literal.
   */
  pureOf(from, to, scope, depth = 0) {
    while (from < to && this.isOp(from, "@")) from++;
    if (from >= to || depth > 8) return void 0;
    this.spend(to - from);
    let q = -1;
    let colon = -1;
    let coalesce = -1;
    for (let i = from; i < to; i++) {
      const t2 = this.toks[i];
      if (t2.k !== "op") continue;
      if (t2.v === "(" || t2.v === "[" || t2.v === "{") {
        i = Math.max(i, this.match[i] ?? i);
        continue;
      }
      if (t2.v === "?" && q < 0) q = i;
      else if (t2.v === ":" && q >= 0 && colon < 0) colon = i;
      else if (t2.v === "??" && coalesce < 0) coalesce = i;
    }
    const branches = q >= 0 && colon > q ? colon === q + 1 ? [[from, q], [colon + 1, to]] : [[q + 1, colon], [colon + 1, to]] : coalesce >= 0 ? [[from, coalesce], [coalesce + 1, to]] : [];
    if (branches.length > 0) {
      let got;
      for (const [a, b] of branches) {
        const p = this.pureOf(a, b, scope, depth + 1);
        if (p) got = got === void 0 || better({ t: p, hops: 0 }, { t: got, hops: 0 }) ? p : got;
        else if (!this.literal(a, b)) return void 0;
      }
      return got;
    }
    const t = this.toks[from];
    if (t.k === "var" || t.k === "op" && t.v === "$") {
      let end = from + 1;
      if (t.k === "op") {
        if (this.isOp(end, "{")) end = (this.match[end] ?? to) + 1;
        else if (this.toks[end]?.k === "var") end++;
        else return void 0;
      }
      while ((this.isOp(end, "[") || this.isOp(end, "{")) && end < to) end = (this.match[end] ?? to) + 1;
      if (end !== to) return void 0;
      if (t.k === "op") return this.dynamicSource(from, scope)?.t;
      if (SUPERGLOBAL.has(t.v) || t.v === "_SERVER" || t.v === "GLOBALS" || t.v === "_SESSION") return this.varTaint(t.v, scope, from)?.t;
      const p = this.pure.get(this.key(scope, t.v));
      if (p) return p;
      if (this.globalsFromRequest && !OTHER_GLOBALS.has(t.v) && !this.assigned.has(this.key(scope, t.v))) return "globals";
      return void 0;
    }
    if (t.k === "id" && this.isOp(from + 1, "(")) {
      const close = this.match[from + 1] ?? -1;
      let next = close + 1;
      while ((this.isOp(next, "[") || this.isOp(next, "{")) && next < to) next = (this.match[next] ?? to) + 1;
      if (close < 0 || next !== to) return void 0;
      const word = t.l ?? t.v.toLowerCase();
      const src = this.sourceCall(from, word);
      if (src) return src.t;
      if (!PASSTHROUGH.has(word)) return void 0;
      const first = this.args(from + 1)[0];
      return first ? this.pureOf(first[0], first[1], scope, depth + 1) : void 0;
    }
    return void 0;
  }
  literal(from, to) {
    while (from < to && this.isOp(from, "@")) from++;
    if (to - from !== 1) return to - from === 2 && this.isOp(from, "-") && this.toks[from + 1]?.k === "num";
    const t = this.toks[from];
    return t.k === "str" && !t.interp || t.k === "num" || t.k === "id" && /^(?:null|false|true)$/i.test(t.v);
  }
  /** Propagate taint through assignments, parameters, returns, extract() and variable variables, to a fixpoint. */
  propagate() {
    this.readsSocket = this.toks.some((t) => t.k === "id" && /^(?:fsockopen|pfsockopen|socket_create|socket_accept|stream_socket_client|stream_socket_server|stream_socket_accept)$/i.test(t.v));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let changed = false;
      const mark = (key, taint, pure) => {
        const prev = this.tainted.get(key);
        if (!prev || better(taint, prev)) {
          this.tainted.set(key, taint);
          changed = true;
        }
        if (pure && this.pure.get(key) !== pure && (this.pure.get(key) === void 0 || better({ t: pure, hops: 0 }, { t: this.pure.get(key), hops: 0 }))) {
          this.pure.set(key, pure);
          changed = true;
        }
      };
      for (const a of this.assigns) {
        const taint = this.taintOf(a.from, a.to, a.scope);
        if (!taint) continue;
        const pure = a.op === "=" || a.op === "foreach" || a.op === "out" || a.op === "??=" ? this.pureOf(a.from, a.to, a.scope) : void 0;
        mark(this.key(a.scope, a.name), taint, a.indexed ? void 0 : pure);
      }
      for (let i = 0; i < this.toks.length; i++) {
        const t = this.toks[i];
        if (t.k === "id" && this.isOp(i + 1, "(")) {
          const word = t.l ?? t.v.toLowerCase();
          if ((word === "extract" || word === "import_request_variables") && !this.globalsFromRequest) {
            const first = this.args(i + 1)[0];
            if (word === "import_request_variables" || first && this.taintOf(first[0], first[1], this.scope[i])?.t === "req") {
              this.globalsFromRequest = true;
              changed = true;
            }
          }
          const fn = this.fnByName.get(word);
          if (fn && !this.isId(i - 1, "function")) {
            const args = this.args(i + 1);
            args.forEach(([a, b], k) => {
              const taint = this.taintOf(a, b, this.scope[i]);
              const param = fn.params[k];
              if (taint && param !== void 0) mark(this.key(fn.scope, param), taint, this.pureOf(a, b, this.scope[i]));
            });
          }
        } else if (t.k === "id" && t.l === "return") {
          const scope = this.scope[i];
          if (scope === 0) continue;
          const to = this.exprEnd(i + 1);
          const taint = this.taintOf(i + 1, to, scope);
          const fn = this.fns[scope - 1];
          if (!taint || !fn) continue;
          const ret = { t: taint.t, hops: taint.hops + 1 };
          for (const key of fn.keys) {
            const prev = this.returns.get(key);
            if (!prev || better(ret, prev)) {
              this.returns.set(key, ret);
              changed = true;
            }
          }
        } else if (t.k === "op" && t.v === "$" && !this.globalsFromRequest) {
          let j = i + 1;
          if (this.toks[j]?.k === "var") j++;
          else if (this.isOp(j, "{")) j = (this.match[j] ?? j) + 1;
          else continue;
          if (!this.isOp(j, "=")) continue;
          const to = this.exprEnd(j + 1, false);
          const scope = this.scope[i];
          if (this.taintOf(j + 1, to, scope)?.t === "req" || this.taintOf(i + 1, j, scope)?.t === "req") {
            this.globalsFromRequest = true;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
  }
  // ---- sinks ----
  sinks(depth, out) {
    const n = this.toks.length;
    for (let i = 0; i < n && out.hits.length < 64; i++) {
      const t = this.toks[i];
      const scope = this.scope[i];
      if (t.k === "exec") {
        const taint = this.taintOf(i, i + 1, scope);
        if (taint && taint.t !== "session") out.hits.push({ kind: "command", at: t.at, name: "backtick", taint: taint.t, hops: taint.hops, pure: false, depth });
        continue;
      }
      if (t.k === "id") {
        const word = t.l ?? t.v.toLowerCase();
        if (word === "include" || word === "include_once" || word === "require" || word === "require_once") {
          if (this.isOp(i - 1, "->") || this.isOp(i - 1, "::")) continue;
          let first = i + 1;
          let to = this.exprEnd(first);
          if (this.isOp(first, "(") && (this.match[first] ?? -1) === to - 1) {
            first++;
            to--;
          }
          const taint = this.startsPure(first, to, scope);
          if (taint === "req" || taint === "net" || taint === "globals") out.hits.push({ kind: "include", at: t.at, name: word, taint, hops: 0, pure: true, depth });
          continue;
        }
        if (!this.isOp(i + 1, "(")) continue;
        if (this.isOp(i - 1, "->") || this.isOp(i - 1, "::") || this.isOp(i - 1, "?->") || this.isId(i - 1, "function") || this.isId(i - 1, "new")) continue;
        this.callSink(word, i, i + 1, scope, depth, out);
        continue;
      }
      if ((t.k === "var" || t.k === "op" && t.v === "$") && !this.isOp(i - 1, "->") && !this.isOp(i - 1, "::") && !this.isId(i - 1, "new")) {
        let j = i + 1;
        if (t.k === "op") {
          if (this.isOp(j, "{")) j = (this.match[j] ?? j) + 1;
          else if (this.toks[j]?.k === "var") j++;
          else continue;
        }
        while (this.isOp(j, "[") || this.isOp(j, "{")) j = (this.match[j] ?? n) + 1;
        if (!this.isOp(j, "(")) continue;
        if (t.k === "var" && t.v === "this") continue;
        this.made = false;
        const callee = this.evalRange(i, j, scope);
        if (isLambda(callee)) {
          this.hide(callee.code, t.at, true, depth, out, "create_function");
          continue;
        }
        const name = str(callee);
        if (name !== void 0 && /^[A-Za-z_]\w{0,40}$/.test(name)) {
          this.callSink(name.toLowerCase(), i, j, scope, depth, out);
          continue;
        }
        const pure = this.pureOf(i, j, scope);
        if ((pure === "req" || pure === "globals" || pure === "session") && this.args(j).length > 0) {
          out.hits.push({ kind: "callee", at: t.at, name: "variable function", taint: pure, hops: 0, pure: true, depth });
        }
      }
    }
  }
  callSink(word, at, open, scope, depth, out) {
    const pos = this.toks[at].at;
    const args = this.args(open);
    const argTaint = (k) => {
      const a = args[k];
      return a ? this.taintOf(a[0], a[1], scope) : void 0;
    };
    const pureArg = (k) => {
      const a = args[k];
      return a ? this.pureOf(a[0], a[1], scope) : void 0;
    };
    const push = (kind, name, taint, pure) => out.hits.push({ kind, at: pos, name, taint: taint.t, hops: taint.hops, pure, depth });
    if (CODE_SINKS.has(word)) {
      const k = word === "create_function" ? 1 : 0;
      const taint = argTaint(k);
      if (taint && (taint.t !== "globals" || pureArg(k))) push("code", word, taint, pureArg(k) !== void 0);
      else if (args[k]) {
        this.made = false;
        const [a, b] = args[k];
        const code = str(this.evalRange(a, b, scope));
        if (code !== void 0 && code.length >= 8) this.hide(code, pos, this.made, depth, out, word);
      }
      return;
    }
    if (COMMAND_SINKS.has(word)) {
      const taint = argTaint(0);
      if (taint && taint.t !== "session" && (taint.t !== "globals" || pureArg(0))) push("command", word, taint, pureArg(0) !== void 0);
      return;
    }
    if (word === "preg_replace" || word === "mb_ereg_replace") {
      const pattern = args[0] ? str(this.evalRange(args[0][0], args[0][1], scope)) : void 0;
      const e = pattern !== void 0 && (word === "mb_ereg_replace" ? args[3] !== void 0 && /e/.test(str(this.evalRange(args[3][0], args[3][1], scope)) ?? "") : PREG_E.test(pattern));
      if (!e) return;
      const taint = argTaint(1) ?? argTaint(2);
      if (taint && taint.t !== "globals") push("code", `${word} /e`, taint, false);
      else if (args[1]) {
        const code = str(this.evalRange(args[1][0], args[1][1], scope));
        if (code !== void 0 && code.length >= 8) this.hide(code, pos, true, depth, out, word);
      }
      return;
    }
    const cbAt = CALLBACK_AT[word];
    if (cbAt !== void 0) {
      const k = cbAt < 0 ? args.length - 1 : cbAt;
      const cb = args[k];
      if (!cb) return;
      const cbPure = this.pureOf(cb[0], cb[1], scope);
      this.made = false;
      const cbValue = this.evalRange(cb[0], cb[1], scope);
      const cbName = str(cbValue);
      let others;
      for (let m = 0; m < args.length; m++) if (m !== k) others ??= argTaint(m);
      if (cbPure === "req" || cbPure === "globals") push("callback", word, { t: cbPure, hops: 0 }, true);
      else if (cbName !== void 0 && DANGEROUS_CALLEE.test(cbName.trim()) && others && others.t !== "globals") push("callback", `${word}(${cbName.trim()})`, others, false);
      else if (cbName !== void 0 && /^(?:assert|eval|create_function)$/i.test(cbName.trim())) {
        for (const [m, a] of args.entries()) {
          if (m === k) continue;
          const v = this.evalRange(a[0], a[1], scope);
          const code = str(v) ?? (list(v) ?? []).map(str).find((x) => x !== void 0 && x.length >= 8);
          if (code !== void 0 && code.length >= 8) this.hide(code, pos, true, depth, out, word);
        }
      }
      if (isLambda(cbValue)) this.hide(cbValue.code, pos, true, depth, out, word);
      return;
    }
    if (word === "file_put_contents") {
      const path = pureArg(0) ?? (args[0] ? this.startsPure(args[0][0], args[0][1], scope) : void 0);
      const data = argTaint(1);
      if (path === "req" && data?.t === "req") push("write", word, data, true);
      return;
    }
    if (word === "move_uploaded_file" || word === "copy") {
      const dest = args[1] ? this.startsPure(args[1][0], args[1][1], scope) : void 0;
      const src = argTaint(0);
      if ((dest === "req" || dest === "globals") && (word === "move_uploaded_file" || src?.t === "req" || src?.t === "globals")) push("upload", word, { t: dest, hops: 0 }, true);
      return;
    }
    if (word === "mail") {
      const to = pureArg(0);
      const body = argTaint(2);
      if ((to === "req" || to === "globals") && (body?.t === "req" || body?.t === "globals")) push("mail", word, body, true);
      return;
    }
    if (SQL_AT[word] !== void 0) {
      const k = SQL_AT[word] === 1 || word === "pg_query" && args.length > 1 ? 1 : 0;
      const taint = pureArg(k);
      if (taint === "req" || taint === "globals") push("sql", word, { t: taint, hops: 0 }, true);
    }
  }
  /** The request's own value at the start of a string built by concatenation (`$_POST['dir'].'/'.$name`). */
  startsPure(from, to, scope) {
    let j = from;
    while (j < to && this.isOp(j, "@")) j++;
    let k = j;
    if (this.toks[k]?.k === "var") {
      k++;
      while (this.isOp(k, "[") || this.isOp(k, "{")) k = (this.match[k] ?? to) + 1;
    } else if (this.toks[k]?.k === "id" && this.isOp(k + 1, "(")) k = (this.match[k + 1] ?? to) + 1;
    else return void 0;
    if (k !== to && !this.isOp(k, ".")) return void 0;
    return this.pureOf(j, Math.min(k, to), scope);
  }
  /** Code a sink runs that the file computes from constants: kept, and analysed again. */
  hide(code, at, made, depth, out, sink) {
    if (out.hidden.length >= MAX_HIDDEN) return;
    out.hidden.push({ at, code, made });
    if (depth + 1 >= MAX_HIDDEN_DEPTH) return;
    const inner = analyse(code, true, depth + 1, out, this.budget);
    if (inner && made) out.hits.push({ kind: "hidden", at, name: sink, taint: "constant", hops: 0, pure: false, depth });
  }
};
function better(a, b) {
  const rank2 = { req: 4, globals: 3, net: 2, session: 1 };
  return rank2[a.t] > rank2[b.t] || rank2[a.t] === rank2[b.t] && a.hops < b.hops;
}
var PREG_E = /^(.)[\s\S]{0,400}\1[a-zA-Z]{0,8}e[a-zA-Z]{0,8}$|^\([\s\S]{0,400}\)[a-zA-Z]{0,8}e[a-zA-Z]{0,8}$|^\{[\s\S]{0,400}\}[a-zA-Z]{0,8}e[a-zA-Z]{0,8}$/;
var PASSTHROUGH = /* @__PURE__ */ new Set(["trim", "ltrim", "rtrim", "stripslashes", "stripcslashes", "urldecode", "rawurldecode", "base64_decode", "str_rot13", "strrev", "hex2bin", "gzinflate", "gzuncompress", "gzdecode", "html_entity_decode", "htmlspecialchars_decode", "strval", "convert_uudecode", "reset", "current", "end", "array_pop", "array_shift", "implode", "join", "str_replace", "preg_replace", "strtolower", "strtoupper", "unserialize", "json_decode"]);
var SQL_AT = { mysql_query: 0, mysqli_query: 1, pg_query: 0, mssql_query: 0, sqlite_query: 0, mysql_db_query: 1, odbc_exec: 1, oci_parse: 1, mysql_unbuffered_query: 0 };
var LEVELS = [["|"], ["^"], ["&"], ["."], ["+", "-"], ["*", "/", "%"]];
function binop(op, a, b) {
  if (op === ".") {
    const x2 = str(a);
    const y2 = str(b);
    return x2 === void 0 || y2 === void 0 ? void 0 : x2 + y2;
  }
  if ((op === "^" || op === "|" || op === "&") && typeof a === "string" && typeof b === "string") {
    const len = op === "|" ? Math.max(a.length, b.length) : Math.min(a.length, b.length);
    let out = "";
    for (let i = 0; i < len; i++) {
      const x2 = a.charCodeAt(i) || 0;
      const y2 = b.charCodeAt(i) || 0;
      out += String.fromCharCode((op === "^" ? x2 ^ y2 : op === "|" ? x2 | y2 : x2 & y2) & 255);
    }
    return out;
  }
  const x = num(a);
  const y = num(b);
  if (x === void 0 || y === void 0) return void 0;
  switch (op) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return y === 0 ? void 0 : x / y;
    case "%":
      return y === 0 ? void 0 : Math.trunc(x) % Math.trunc(y);
    case "^":
      return x ^ y;
    case "|":
      return x | y;
    case "&":
      return x & y;
    default:
      return void 0;
  }
}
function rot13(s) {
  return s.replace(/[a-z]/gi, (c) => {
    const base = c <= "Z" ? 65 : 97;
    return String.fromCharCode((c.charCodeAt(0) - base + 13) % 26 + base);
  });
}
function inflate(s, f) {
  try {
    return f(Buffer.from(s, "latin1"), { maxOutputLength: MAX_VALUE }).toString("latin1");
  } catch {
    return void 0;
  }
}
function uudecode(s) {
  let out = "";
  for (const line of s.split("\n")) {
    if (line.length === 0) continue;
    const len = line.charCodeAt(0) - 32 & 63;
    if (len === 0) break;
    let bytes = "";
    for (let i = 1; i + 3 < line.length + 3 && bytes.length < len; i += 4) {
      const c = [0, 1, 2, 3].map((k) => (line.charCodeAt(i + k) || 32) - 32 & 63);
      const [a = 0, b = 0, cc = 0, d = 0] = c;
      bytes += String.fromCharCode((a << 2 | b >> 4) & 255, (b << 4 | cc >> 2) & 255, (cc << 6 | d) & 255);
    }
    out += bytes.slice(0, len);
  }
  return out;
}
function replaceAll(subject, search, replace, fold) {
  const from = list(search) ?? [search];
  const to = list(replace);
  let out = subject;
  for (const [k, s] of from.entries()) {
    const needle = str(s);
    if (needle === void 0) return void 0;
    if (needle === "") continue;
    const rep = to ? str(to[k]) ?? "" : str(replace);
    if (rep === void 0) return void 0;
    if (fold) {
      const lower = needle.toLowerCase();
      const folded = out.toLowerCase();
      let res = "";
      let i = 0;
      for (let j = folded.indexOf(lower); j >= 0; j = folded.indexOf(lower, i)) {
        res += out.slice(i, j) + rep;
        i = j + needle.length;
      }
      out = res + out.slice(i);
    } else out = out.split(needle).join(rep);
    if (out.length > MAX_VALUE) return void 0;
  }
  return out;
}
function sprintf(format, args) {
  let k = 0;
  let bad = false;
  const out = format.replace(/%(?:(\d{1,2})\$)?[-+ 0]{0,3}\d{0,3}(?:\.\d{1,3})?([%sdcuxXob])/g, (_m, pos, type) => {
    if (type === "%") return "%";
    const v = pos ? args[Number(pos) - 1] : args[k++];
    if (v === void 0) {
      bad = true;
      return "";
    }
    if (type === "s") return str(v) ?? "";
    const x = Math.trunc(num(v) ?? 0);
    if (type === "c") return String.fromCharCode(x & 255);
    if (type === "x") return x.toString(16);
    if (type === "X") return x.toString(16).toUpperCase();
    if (type === "o") return x.toString(8);
    if (type === "b") return x.toString(2);
    return String(x);
  });
  return bad ? void 0 : out;
}
function pack(format, args) {
  const s = str(args[0]);
  if (s === void 0) return void 0;
  if (/^H\*$/i.test(format)) {
    const hex = s.replace(/[^0-9a-f]/gi, "");
    return Buffer.from(format === "h*" ? hex.replace(/(.)(.)/g, "$2$1") : hex, "hex").toString("latin1");
  }
  if (/^[aA]\*$/.test(format)) return s;
  if (/^C\*$/.test(format)) return args.map((a) => String.fromCharCode(Math.trunc(num(a) ?? 0) & 255)).join("");
  return void 0;
}
function callBuiltin(name, a) {
  const s0 = str(a[0]);
  switch (name) {
    case "str_replace":
    case "str_ireplace": {
      const subject = str(a[2]);
      const subjects = list(a[2]);
      if (a[0] === void 0 || a[1] === void 0) return void 0;
      if (subject !== void 0) return replaceAll(subject, a[0], a[1], name === "str_ireplace");
      if (subjects) {
        const out = [];
        for (const x of subjects) {
          const y = str(x);
          const r = y === void 0 ? void 0 : replaceAll(y, a[0], a[1], name === "str_ireplace");
          if (r === void 0) return void 0;
          out.push(r);
        }
        return arrOf(out);
      }
      return void 0;
    }
    case "strrev":
      return s0 === void 0 ? void 0 : s0.split("").reverse().join("");
    case "strtolower":
    case "mb_strtolower":
      return s0?.toLowerCase();
    case "strtoupper":
    case "mb_strtoupper":
      return s0?.toUpperCase();
    case "ucfirst":
      return s0 === void 0 ? void 0 : s0.charAt(0).toUpperCase() + s0.slice(1);
    case "lcfirst":
      return s0 === void 0 ? void 0 : s0.charAt(0).toLowerCase() + s0.slice(1);
    case "ucwords":
      return s0?.replace(/(^|\s)([a-z])/g, (_m, sp, c) => sp + c.toUpperCase());
    case "trim":
    case "ltrim":
    case "rtrim":
    case "chop": {
      if (s0 === void 0) return void 0;
      const chars = a[1] === void 0 ? " 	\n\r\0\v" : str(a[1]);
      if (chars === void 0 || chars.includes("..")) return void 0;
      let x = 0;
      let y = s0.length;
      if (name !== "rtrim" && name !== "chop") while (x < y && chars.includes(s0.charAt(x))) x++;
      if (name !== "ltrim") while (y > x && chars.includes(s0.charAt(y - 1))) y--;
      return s0.slice(x, y);
    }
    case "base64_decode":
      return s0 === void 0 ? void 0 : Buffer.from(s0.replace(/[^A-Za-z0-9+/=_-]/g, ""), "base64").toString("latin1");
    case "base64_encode":
      return s0 === void 0 ? void 0 : Buffer.from(s0, "latin1").toString("base64");
    case "str_rot13":
      return s0 === void 0 ? void 0 : rot13(s0);
    case "gzinflate":
      return s0 === void 0 ? void 0 : inflate(s0, inflateRawSync);
    case "gzuncompress":
      return s0 === void 0 ? void 0 : inflate(s0, inflateSync);
    case "gzdecode":
      return s0 === void 0 ? void 0 : inflate(s0, gunzipSync);
    case "hex2bin":
      return s0 === void 0 || !/^(?:[0-9a-f]{2})*$/i.test(s0) ? void 0 : Buffer.from(s0, "hex").toString("latin1");
    case "bin2hex":
      return s0 === void 0 ? void 0 : Buffer.from(s0, "latin1").toString("hex");
    case "chr": {
      const x = num(a[0]);
      return x === void 0 ? void 0 : String.fromCharCode((Math.trunc(x) % 256 + 256) % 256);
    }
    case "ord":
      return s0 === void 0 ? void 0 : s0.charCodeAt(0) || 0;
    case "substr":
    case "mb_substr": {
      if (s0 === void 0) return void 0;
      const start2 = Math.trunc(num(a[1]) ?? 0);
      const from = start2 < 0 ? Math.max(0, s0.length + start2) : start2;
      if (a[2] === void 0 || str(a[2]) === "") return s0.slice(from);
      const len = Math.trunc(num(a[2]) ?? 0);
      return len < 0 ? s0.slice(from, s0.length + len) : s0.slice(from, from + len);
    }
    case "str_repeat": {
      const times = Math.trunc(num(a[1]) ?? 0);
      return s0 === void 0 || times < 0 || s0.length * times > MAX_VALUE ? void 0 : s0.repeat(times);
    }
    case "implode":
    case "join": {
      const items = list(a[1]) ?? list(a[0]);
      const glue = list(a[1]) ? s0 : a[1] === void 0 ? "" : str(a[1]);
      if (!items || glue === void 0) return void 0;
      const parts = items.map(str);
      return parts.some((x) => x === void 0) ? void 0 : parts.join(glue);
    }
    case "explode": {
      const s = str(a[1]);
      if (s0 === void 0 || s === void 0 || s0 === "") return void 0;
      return arrOf(s.split(s0));
    }
    case "str_split": {
      const size = Math.max(1, Math.trunc(num(a[1]) ?? 1));
      if (s0 === void 0) return void 0;
      const out = [];
      for (let i = 0; i < s0.length && out.length < 1e5; i += size) out.push(s0.slice(i, i + size));
      return arrOf(out);
    }
    case "strtr": {
      if (s0 === void 0) return void 0;
      if (a.length === 3) {
        const from = str(a[1]);
        const to = str(a[2]);
        if (from === void 0 || to === void 0) return void 0;
        const len = Math.min(from.length, to.length);
        let out2 = "";
        for (const c of s0) {
          const k = from.lastIndexOf(c);
          out2 += k >= 0 && k < len ? to[k] : c;
        }
        return out2;
      }
      const pairs = isArr(a[1]) ? [...a[1].arr.entries()].filter(([k]) => k !== "").sort((x, y) => y[0].length - x[0].length) : void 0;
      if (!pairs) return void 0;
      let out = "";
      for (let i = 0; i < s0.length; ) {
        const hit = pairs.find(([k]) => s0.startsWith(k, i));
        if (hit) {
          out += str(hit[1]) ?? "";
          i += hit[0].length;
        } else out += s0.charAt(i++);
      }
      return out;
    }
    case "sprintf":
      return s0 === void 0 ? void 0 : sprintf(s0, a.slice(1));
    case "pack":
      return s0 === void 0 ? void 0 : pack(s0, a.slice(1));
    case "urldecode":
    case "rawurldecode": {
      if (s0 === void 0) return void 0;
      const t = name === "urldecode" ? s0.replace(/\+/g, " ") : s0;
      return t.replace(/%([0-9a-f]{2})/gi, (_m, h) => String.fromCharCode(parseInt(h, 16)));
    }
    case "convert_uudecode":
      return s0 === void 0 ? void 0 : uudecode(s0);
    case "stripslashes":
      return s0?.replace(/\\(.)/g, "$1");
    case "htmlspecialchars_decode":
    case "html_entity_decode":
      return s0?.replace(/&(lt|gt|quot|#0?39|amp);/g, (_m, e) => ({ lt: "<", gt: ">", quot: '"', "#039": "'", "#39": "'", amp: "&" })[e] ?? "");
    case "strval":
      return s0;
    case "intval": {
      const x = num(a[0]);
      return x === void 0 ? void 0 : Math.trunc(x);
    }
    case "hexdec":
      return s0 === void 0 ? void 0 : parseInt(s0.replace(/[^0-9a-f]/gi, "") || "0", 16);
    case "octdec":
      return s0 === void 0 ? void 0 : parseInt(s0.replace(/[^0-7]/g, "") || "0", 8);
    case "bindec":
      return s0 === void 0 ? void 0 : parseInt(s0.replace(/[^01]/g, "") || "0", 2);
    case "dechex": {
      const x = num(a[0]);
      return x === void 0 ? void 0 : Math.trunc(x).toString(16);
    }
    case "base_convert": {
      const from = Math.trunc(num(a[1]) ?? 10);
      const to = Math.trunc(num(a[2]) ?? 10);
      if (s0 === void 0 || from < 2 || from > 36 || to < 2 || to > 36) return void 0;
      const x = parseInt(s0.toLowerCase(), from);
      return Number.isNaN(x) ? void 0 : x.toString(to);
    }
    case "strlen":
      return s0?.length;
    case "count":
    case "sizeof":
      return list(a[0])?.length;
    case "array":
      return arrOf(a);
    case "array_reverse": {
      const items = list(a[0]);
      return items ? arrOf(items.reverse()) : void 0;
    }
    case "array_values": {
      const items = list(a[0]);
      return items ? arrOf(items) : void 0;
    }
    case "array_merge": {
      const out = [];
      for (const x of a) {
        const items = list(x);
        if (!items) return void 0;
        out.push(...items);
      }
      return arrOf(out);
    }
    case "array_diff": {
      if (!isArr(a[0])) return void 0;
      const drop = /* @__PURE__ */ new Set();
      for (const x of a.slice(1)) for (const y of list(x) ?? []) drop.add(str(y) ?? "");
      const arr = /* @__PURE__ */ new Map();
      for (const [k, v] of a[0].arr) if (!drop.has(str(v) ?? "\0")) arr.set(k, v);
      return { arr };
    }
    case "array_pop":
    case "end": {
      const items = list(a[0]);
      return items ? items[items.length - 1] : void 0;
    }
    case "reset":
    case "current":
    case "array_shift": {
      const items = list(a[0]);
      return items ? items[0] : void 0;
    }
    case "range": {
      if (typeof a[0] === "string" && typeof a[1] === "string" && a[0].length === 1 && a[1].length === 1) {
        const out2 = [];
        const x2 = a[0].charCodeAt(0);
        const y2 = a[1].charCodeAt(0);
        for (let c = x2; x2 <= y2 ? c <= y2 : c >= y2; c += x2 <= y2 ? 1 : -1) out2.push(String.fromCharCode(c));
        return arrOf(out2);
      }
      const x = num(a[0]);
      const y = num(a[1]);
      if (x === void 0 || y === void 0 || Math.abs(y - x) > 1e4) return void 0;
      const out = [];
      for (let c = x; x <= y ? c <= y : c >= y; c += x <= y ? 1 : -1) out.push(c);
      return arrOf(out);
    }
    case "str_pad": {
      const len = Math.trunc(num(a[1]) ?? 0);
      const pad = a[2] === void 0 ? " " : str(a[2]);
      if (s0 === void 0 || pad === void 0 || pad === "" || len > MAX_VALUE) return void 0;
      return s0.length >= len ? s0 : s0 + pad.repeat(Math.ceil((len - s0.length) / pad.length)).slice(0, len - s0.length);
    }
    default:
      return void 0;
  }
}
function analyse(text, inPhp, depth, out, budget) {
  const before = out.hits.length;
  const a = new Analysis(text, inPhp, budget);
  if (a.toks.length === 0) return false;
  a.evaluate();
  a.propagate();
  a.sinks(depth, out);
  return out.hits.length > before;
}
function phpFlow(text) {
  const out = { hits: [], hidden: [], spent: 0, exhausted: false };
  const total = WORK_BASE + WORK_PER_CHAR * Math.min(text.length, MAX_LEX);
  const budget = { left: total };
  try {
    analyse(text, !text.includes("<?"), 0, out, budget);
  } catch (error) {
    if (error !== OUT_OF_WORK) throw error;
    out.exhausted = true;
  }
  out.spent = total - Math.max(0, budget.left);
  return out;
}
function weight(v) {
  if (typeof v === "string") return v.length;
  if (isArr(v)) {
    let w = v.arr.size;
    for (const x of v.arr.values()) w += typeof x === "string" ? x.length : 1;
    return w;
  }
  return 1;
}
function cost(name, args) {
  let w = 1;
  for (const a of args) w += weight(a);
  if (name === "str_replace" || name === "str_ireplace") return w * Math.max(1, list(args[0])?.length ?? 1);
  if (name === "strtr") return w * Math.max(1, isArr(args[1]) ? args[1].arr.size : 1);
  return w;
}
var cache = /* @__PURE__ */ new WeakMap();
var last;
function flowOf(owner, text) {
  const known = cache.get(owner);
  if (known) return known;
  const t = text();
  const flow = last !== void 0 && last.text.length === t.length && last.text === t ? last.flow : phpFlow(t);
  last = { text: t, flow };
  cache.set(owner, flow);
  return flow;
}

// src/checks/malicious-code/shells.ts
var MAX_TRIES3 = 400;
var RECON = ["php_uname", "posix_getpwuid", "disable_functions", "safe_mode", "disk_free_space", "/etc/passwd", "getmyuid", "posix_geteuid", "uname -a", "get_current_user", "open_basedir", "posix_getgrgid", "getmypid", "whoami", "netstat", "ps aux", "cmd.exe", "/bin/sh", "server_software"];
var RECON_KIND = { posix_geteuid: "getmyuid", posix_getgrgid: "posix_getpwuid", "cmd.exe": "shell", "/bin/sh": "shell", getmypid: "getmyuid" };
var REGISTER_GLOBALS = ["$HTTP_POST_VARS", "$HTTP_GET_VARS", "import_request_variables", "extract($_", "extract ($_", "extract( $_", "extract($HTTP_"];
var USER_INPUT = ["$_POST", "$_GET", "$_REQUEST", "$_COOKIE", "$_FILES", "php://input"];
var PHP2 = ["php", "html"];
function each3(at, test) {
  return tryPlaces(at, MAX_TRIES3, test);
}
function callAt(view, offset, sink) {
  const { text, base } = around(view, offset, 3, 60);
  const before = text.slice(0, offset - base);
  if (/[A-Za-z0-9_$>:\\]$/.test(before) && !/[^\w]@$/.test(before)) return false;
  if (/(?:function|->|::)\s{0,4}$/.test(view.text(offset - 12, offset))) return false;
  const rest = text.slice(offset - base);
  const m = sink.exec(rest);
  return m !== null && m.index === 0;
}
var CODE_SINK_START = new RegExp(`^(?:${PHP_CODE_SINK.source.replace(/^\\b/, "")})`, "i");
var CMD_SINK_START = new RegExp(`^(?:${PHP_CMD_SINK.source.replace(/^\\b/, "")})`, "i");
function requestReaches(view, offset) {
  const args = callArgs(view, offset);
  if (!args) return false;
  if (PHP_REQUEST.test(args)) return true;
  return assignedFrom(view, offset, variablesIn(args), PHP_REQUEST, 1500);
}
var SHELL_RULES = [
  {
    id: "php-request-to-code-sink",
    family: "shells",
    severity: "critical",
    description: "eval/assert/create_function runs code taken from the HTTP request (one-line backdoor, China Chopper style)",
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)",
    langs: PHP2,
    literals: ["eval", "assert", "create_function"],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) => view.has(PHP_REQUEST_LITERALS) ? each3(at, (o) => callAt(view, o, CODE_SINK_START) && requestReaches(view, o) ? { offset: o, note: "request data into a code sink" } : void 0) : void 0
  },
  {
    id: "php-request-to-command",
    family: "shells",
    severity: "critical",
    description: "system/exec/passthru/shell_exec/popen/proc_open runs a command taken from the HTTP request",
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)",
    langs: PHP2,
    literals: ["system", "passthru", "shell_exec", "exec", "popen", "proc_open", "pcntl_exec"],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) => view.has(PHP_REQUEST_LITERALS) ? each3(at, (o) => callAt(view, o, CMD_SINK_START) && requestReaches(view, o) ? { offset: o, note: "request data into a shell command" } : void 0) : void 0
  },
  {
    id: "php-backtick-request",
    family: "shells",
    severity: "critical",
    description: "the backtick operator runs a shell command built from the HTTP request",
    reference: "https://www.php.net/manual/en/language.operators.execution.php ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)",
    langs: PHP2,
    literals: ["`$_", "`.$_", "` . $_"],
    caseSensitive: true,
    match: (view, at) => each3(at, (o) => {
      const { text } = around(view, o, 0, 120);
      const line = view.text(o - 200, o);
      const start2 = line.slice(line.lastIndexOf("\n") + 1);
      if (/^\s{0,40}(?:\*|\/\/|#|\/\*)/.test(start2)) return void 0;
      return /^`[^`\n]{0,100}\$_(?:POST|GET|REQUEST|COOKIE)\s{0,2}\[[^`\n]{1,100}`/.test(text) ? { offset: o, note: "backtick command from request" } : void 0;
    })
  },
  {
    id: "php-request-as-function",
    family: "shells",
    severity: "critical",
    description: 'the HTTP request names the function to call ($_GET["f"]($_GET["a"]), or a variable assigned from the request and then called)',
    reference: "https://www.php.net/manual/en/functions.variable-functions.php ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)",
    langs: PHP2,
    literals: ["$_POST", "$_GET", "$_REQUEST", "$_COOKIE", "$_SERVER"],
    caseSensitive: true,
    match: (view, at) => each3(at, (o) => {
      const { text } = around(view, o, 0, 200);
      const lineStart = view.text(o - 200, o);
      if (/^\s{0,40}(?:\*|\/\/|#)/.test(lineStart.slice(lineStart.lastIndexOf("\n") + 1))) return void 0;
      if (/^\$_(?:POST|GET|REQUEST|COOKIE)\s{0,4}\[[^\]\n]{1,60}\]\s{0,4}(?:\[[^\]\n]{1,40}\]\s{0,4})?\(/.test(text)) return { offset: o, note: "request value called as a function" };
      const pre = view.text(o - 60, o);
      const assign = /(\$[A-Za-z_][A-Za-z0-9_]{0,40})\s{0,8}=\s{0,8}(?:@\s{0,2})?(?:trim\s{0,2}\(\s{0,2}|strrev\s{0,2}\(\s{0,2}|base64_decode\s{0,2}\(\s{0,2}|str_rot13\s{0,2}\(\s{0,2})?$/.exec(pre);
      if (!assign) return void 0;
      const name = assign[1];
      if (name === "$this") return void 0;
      const after = view.text(o, o + 600);
      let c = after.indexOf(name + "(");
      while (c >= 0 && /[A-Za-z0-9_$>:]/.test(after[c - 1] ?? " ")) c = after.indexOf(name + "(", c + 1);
      return c < 0 ? void 0 : { offset: o, note: "request value called as a function" };
    })
  },
  {
    id: "php-callback-sink-with-request",
    family: "shells",
    severity: "critical",
    description: "a dangerous function name given as a callback (array_map/usort/array_udiff/call_user_func\u2026), or as data, in the same statement as request data",
    reference: "https://www.php.net/manual/en/language.types.callable.php ; callback one-liners of public web shell collections, described in words ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)",
    langs: PHP2,
    literals: ["'assert'", '"assert"', "'system'", '"system"', "'create_function'", '"create_function"', "'passthru'", '"passthru"', "'shell_exec'", '"shell_exec"', "'exec'", '"exec"', "(assert", ",assert", ", assert", "assert)", "'eval'", '"eval"'],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) => view.has(PHP_REQUEST_LITERALS) ? each3(at, (o) => {
      const { text, base } = around(view, o, 300, 300);
      const rel = o - base;
      const start2 = Math.max(text.lastIndexOf(";", rel), text.lastIndexOf("{", rel), text.lastIndexOf("}", rel)) + 1;
      let end = text.indexOf(";", rel);
      if (end < 0) end = text.length;
      const stmt = text.slice(start2, end);
      if (/function_exists|is_callable|disable_functions|in_array|ini_get/i.test(stmt)) return void 0;
      return PHP_REQUEST.test(stmt) ? { offset: o, note: "dangerous callback with request data" } : void 0;
    }) : void 0
  },
  {
    id: "php-upload-shell",
    family: "shells",
    severity: "critical",
    description: "a file upload form whose handler writes the upload under the name the client chose (uploader shell)",
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; uploader shells of public web shell collections, described in words",
    langs: PHP2,
    literals: ["move_uploaded_file", "copy"],
    aux: ["multipart/form-data", 'type="file"', "type='file'", "type=file", "$_FILES"],
    match: (view, at) => view.has(["multipart/form-data", 'type="file"', "type='file'", "type=file"]) && view.has(["$_FILES"]) ? each3(at, (o) => {
      if (!callAt(view, o, /^(?:move_uploaded_file|copy)\s{0,8}\(/i)) return void 0;
      const args = callArgs(view, o, 400);
      const comma = splitArgs(args);
      if (comma.length < 2) return void 0;
      const [src, dest] = comma;
      if (!/\$_FILES|\$HTTP_POST_FILES|\$userfile|tmp_name/i.test(src)) return void 0;
      if (/sanitize|wp_unique|uniqid|md5|sha1|hash\(|random|preg_replace|basename\s{0,4}\(\s{0,4}\$(?:target|file)\b/i.test(dest)) return void 0;
      if (/\$_FILES\s{0,4}\[[^\]]{1,40}\]\s{0,4}\[\s{0,4}['"]name['"]|\$_(?:POST|GET|REQUEST)\b|\$userfile_name|\[\s{0,4}['"]name['"]\s{0,4}\]/.test(dest)) return { offset: o, note: "upload stored under the client-chosen name" };
      const vars = variablesIn(dest, 4);
      return assignedFrom(view, o, vars, /\$_FILES\s{0,4}\[[^\]]{1,40}\]\s{0,4}\[\s{0,4}['"]name['"]|\$_(?:POST|GET|REQUEST)\b/, 800) ? { offset: o, note: "upload stored under the client-chosen name" } : void 0;
    }) : void 0
  },
  {
    id: "php-request-file-write",
    family: "shells",
    severity: "critical",
    description: "writes a file whose name and content both come from the HTTP request (dropper)",
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; droppers that write a file named and filled by the request, described in words",
    langs: PHP2,
    literals: ["file_put_contents", "fwrite", "fputs"],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) => view.has(PHP_REQUEST_LITERALS) ? each3(at, (o) => {
      if (!callAt(view, o, /^(?:file_put_contents|fwrite|fputs)\s{0,8}\(/i)) return void 0;
      const args = callArgs(view, o, 500);
      const parts = splitArgs(args);
      if (parts.length < 2) return void 0;
      const [target, data] = parts;
      const fromReq = (code) => PHP_REQUEST.test(code) || assignedFrom(view, o, variablesIn(code, 3), PHP_REQUEST, 600);
      const targetReq = /fopen\s{0,4}\(/i.test(target) ? PHP_REQUEST.test(target) || fromReq(target) : fromReq(target);
      return targetReq && fromReq(data) && !/\$_SERVER/.test(target + data) ? { offset: o, note: "file name and content from the request" } : void 0;
    }) : void 0
  },
  {
    id: "php-shell-toolkit",
    family: "shells",
    severity: "critical",
    description: "a command sink next to the recon a web shell shows its operator (uname, uid, disabled functions, safe mode, free space, /etc/passwd)",
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; the c99/r57/WSO feature sets (server recon and a command box), described in words",
    langs: PHP2,
    literals: RECON,
    aux: ["system", "passthru", "shell_exec", "exec", "popen", "proc_open", ...PHP_REQUEST_LITERALS, ...REGISTER_GLOBALS, ...USER_INPUT, "eval"],
    match: (view, at) => {
      if (!view.has(USER_INPUT) && !view.has(REGISTER_GLOBALS)) return void 0;
      const kinds = /* @__PURE__ */ new Set();
      for (const lit of RECON) if (view.positions(lit).length > 0) kinds.add(RECON_KIND[lit] ?? lit);
      if (kinds.size < 3) return void 0;
      for (const sink of ["system", "passthru", "shell_exec", "exec", "popen", "proc_open", "eval"]) {
        for (const o of view.positions(sink).slice(0, MAX_TRIES3)) {
          if (callAt(view, o, sink === "eval" ? CODE_SINK_START : CMD_SINK_START) && !/['"]$/.test(view.text(o - 1, o)) && /\(\s{0,4}(?:@\s{0,2})?\$/.test(view.text(o, o + 40))) return { offset: at[0], note: `shell recon (${kinds.size} kinds) with a command sink` };
        }
      }
      return void 0;
    }
  },
  {
    id: "php-request-through-wrapper",
    family: "shells",
    severity: "critical",
    description: "a function of the file hands its parameter to eval/assert/system/exec\u2026, and the file calls that function with request data (a sink hidden one call away)",
    reference: "https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (web shells that pass request data through user-defined functions) ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)",
    langs: PHP2,
    literals: ["eval", "assert", "create_function", "system", "passthru", "shell_exec", "exec", "popen", "proc_open"],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) => view.has(PHP_REQUEST_LITERALS) ? each3(at, (o) => {
      if (!callAt(view, o, CODE_SINK_START) && !callAt(view, o, CMD_SINK_START)) return void 0;
      const param = /^\s{0,4}(?:@\s{0,2})?(\$[A-Za-z_]\w{0,40})\b/.exec(callArgs(view, o, 200))?.[1];
      if (param === void 0 || param === "$this") return void 0;
      const before = view.text(o - 600, o);
      let name;
      for (const m of before.matchAll(/function\s{1,4}(\w{1,40})\s{0,4}\(([^)]{0,200})\)/g)) if ((m[2] ?? "").includes(param)) name = m[1];
      if (name === void 0) return void 0;
      const calls = new RegExp(`(?:^|[^\\w>:$])${name}\\s{0,4}\\(([^;]{0,300})`, "g");
      const text = view.text(o - 2e4, o + 2e4);
      for (const m of text.matchAll(calls)) if (PHP_REQUEST.test(m[1] ?? "")) return { offset: o, note: `request data through ${name}() into a sink` };
      return void 0;
    }) : void 0
  },
  {
    id: "php-nonalnum-shell",
    family: "shells",
    severity: "critical",
    description: "a shell written without letters: a function name built by incrementing $_ strings ($__++ chains) and then called",
    reference: "https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; non-alphanumeric PHP web shells ($_++ name builders), described in words",
    langs: PHP2,
    literals: ["$__"],
    caseSensitive: true,
    match: (view, at) => tryPlaces(at, 50, (o) => {
      const { text } = around(view, o, 0, 4e3);
      const re = /\$_{1,8}\s{0,4}\+\+\s{0,4};?\s{0,4}|\$_{1,8}\s{0,4}\.=\s{0,4}\$_{1,8}\s{0,4}(?:\[[^\]]{0,8}\])?\s{0,4};\s{0,4}|\/\/[^\n]{0,60}\n\s{0,8}/y;
      let best = 0;
      for (let i = 0; i < text.length && i < 4e3; ) {
        const j = text.indexOf("$_", i);
        if (j < 0) break;
        const run2 = countRun(text, j, re, 200);
        best = Math.max(best, run2.count);
        i = Math.max(run2.end, j + 2);
      }
      return best >= 8 ? { offset: o, note: "non-alphanumeric name builder" } : void 0;
    })
  },
  {
    id: "php-polyglot-image-shell",
    family: "shells",
    severity: "critical",
    description: "an image header (GIF/PNG/JPEG magic) followed by PHP code with a sink: a shell disguised as an image",
    reference: "https://oryoy.com/news/jie-mi-php-tu-pian-mu-ma-ru-he-shi-bie-yu-fang-fan-wang-luo-an-quan-de-yin-xing-wei-xie.html (PHP hidden in image files) ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)",
    langs: ["php", "html", "js"],
    literals: ["gif8", "\x89png", "\xFF\xD8\xFF"],
    aux: ["<?php", "<?=", "eval", "assert", "system", "passthru", "shell_exec", "base64_decode", "$_POST", "$_GET", "$_REQUEST"],
    match: (view, at) => {
      if ((at[0] ?? 1) > 8) return void 0;
      if (!view.has(["<?php", "<?="])) return void 0;
      return view.has(["eval", "assert", "system", "passthru", "shell_exec", "base64_decode"]) && view.has(["$_POST", "$_GET", "$_REQUEST"]) ? { offset: 0, note: "PHP behind an image header" } : void 0;
    }
  },
  {
    id: "php-variable-function-request",
    family: "shells",
    severity: "critical",
    description: 'a variable function ($f(...), $a[0]["k"](...), ${\u2026}[\u2026](...)) called with request data as its argument',
    reference: "https://www.php.net/manual/en/functions.variable-functions.php ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)",
    langs: PHP2,
    literals: ["$_POST", "$_GET", "$_REQUEST", "$_COOKIE", "getallheaders", "${", "getenv"],
    caseSensitive: false,
    match: (view, at) => each3(at, (o) => {
      const before = view.text(o - 160, o);
      if (/(?:^|[^A-Za-z0-9_>:\\])\$(?!this\b)[A-Za-z_][A-Za-z0-9_]{0,40}\s{0,4}(?:\[[^\]\n]{0,40}\]\s{0,4})?(?:\[[^\]\n]{0,40}\]\s{0,4})?(?:\[[^\]\n]{0,40}\]\s{0,4})?\(\s{0,4}(?:@\s{0,2})?(?:trim\s{0,2}\(\s{0,2}|stripslashes\s{0,2}\(\s{0,2}|base64_decode\s{0,2}\(\s{0,2})?$/.test(before) || /\}\s{0,4}\[[^\]\n]{0,20}\]\s{0,4}(?:\[[^\]\n]{0,20}\]\s{0,4})?\(\s{0,4}$/.test(before)) {
        const here = view.text(o, o + 60);
        if (/^(?:\$_(?:POST|GET|REQUEST|COOKIE)\b|getallheaders\s{0,4}\(|\$\{|getenv\s{0,4}\(\s{0,4}['"]HTTP_)/i.test(here)) {
          const line = before.slice(before.lastIndexOf("\n") + 1);
          if (/^\s{0,40}(?:\*|\/\/|#)/.test(line)) return void 0;
          return { offset: o, note: "request data into a variable function" };
        }
      }
      return void 0;
    })
  },
  {
    id: "php-callback-request-dynamic",
    family: "shells",
    severity: "critical",
    description: "a callback-taking function (array_walk/array_filter/array_map/usort/array_*_u*/register_shutdown_function/ob_start\u2026) gets request data and a callback that is a variable, a decoded string or a dangerous name",
    reference: "https://www.php.net/manual/en/language.types.callable.php ; https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (request data tracked to dangerous sinks)",
    langs: PHP2,
    literals: ["array_walk", "array_filter", "array_map", "array_reduce", "usort", "uasort", "uksort", "array_udiff", "array_uintersect", "array_diff_u", "array_intersect_u", "array_diff_ukey", "array_intersect_ukey", "register_shutdown_function", "register_tick_function", "ob_start", "call_user_func", "iterator_apply", "forward_static_call", "preg_replace_callback", "mb_ereg_replace", "set_error_handler"],
    aux: PHP_REQUEST_LITERALS,
    match: (view, at) => view.has(PHP_REQUEST_LITERALS) ? each3(at, (o) => {
      if (!callAt(view, o, /^[a-z_]{5,40}\s{0,4}\(/i)) return void 0;
      const args = callArgs(view, o, 500);
      if (!args) return void 0;
      const parts = splitArgs(args).map((p) => p.trim());
      const name = (/^[a-z_]{5,40}/i.exec(view.text(o, o + 40))?.[0] ?? "").toLowerCase();
      const cbIndex = /^(?:array_map|call_user_func|call_user_func_array|register_shutdown_function|register_tick_function|ob_start|forward_static_call|forward_static_call_array|set_error_handler)$/.test(name) ? 0 : /^(?:array_u|array_diff_u|array_intersect_u|array_diff_ukey|array_intersect_ukey|array_udiff|array_uintersect)/.test(name) ? parts.length - 1 : 1;
      const cb = parts[cbIndex] ?? "";
      const others = parts.filter((_, i) => i !== cbIndex);
      const reqIn = (code) => PHP_REQUEST.test(code) || assignedFrom(view, o, variablesIn(code, 3), PHP_REQUEST, 1500);
      const cbVar = /^(?:@\s{0,2})?(\$(?!this\b)[A-Za-z_]\w{0,40})$/.exec(cb);
      const cbDanger = /^['"](?:assert|system|exec|passthru|shell_exec|create_function|eval|popen|proc_open)['"]$/i.test(cb) || /^(?:base64_decode|str_rot13|strrev|hex2bin|gzinflate|pack)\s{0,4}\(/i.test(cb) || PHP_REQUEST.test(cb) || cbVar !== null && assignedFrom(view, o, [cbVar[1]], /\^|pack\s{0,2}\(|hex2bin|base64_decode|str_rot13|strrev|chr\s{0,2}\(|\$_(?:POST|GET|REQUEST|COOKIE)\b|getallheaders|['"](?:assert|system|exec|passthru|create_function)['"]/i, 1500);
      if (!cbDanger) return void 0;
      return others.some(reqIn) || PHP_REQUEST.test(cb) || cbVar !== null && reqIn(cb) ? { offset: o, note: "request data through a dynamic callback" } : void 0;
    }) : void 0
  },
  {
    id: "php-encrypted-request-exec",
    family: "shells",
    severity: "critical",
    description: "the request body is decrypted (XOR with a key, openssl_decrypt) and run: Behinder/Godzilla-style encrypted web shell",
    reference: "https://www.hindawi.com/journals/wcmc/2021/5533963/ (obfuscated and encrypted PHP web shells) ; Behinder and Godzilla encrypted web shells (XOR or AES of the request body), described in words",
    langs: PHP2,
    literals: ["php://input", "$_POST", "$_REQUEST", "$_COOKIE"],
    aux: ["openssl_decrypt", "eval", "assert", "create_function", "include", "$_SESSION"],
    match: (view, at) => {
      const text = view.text(0, 64 * 1024);
      if (text.length > 6e4) return void 0;
      const xor = /\$[A-Za-z_]\w{0,20}\s{0,2}\[\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\]\s{0,2}\^\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\[|\^\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\[\s{0,2}\(?\s{0,2}\$[A-Za-z_]\w{0,20}\s{0,2}\+\s{0,2}1\s{0,2}\)?\s{0,2}&\s{0,2}15/.test(text) || /openssl_decrypt\s{0,4}\(/.test(text) && /php:\/\/input/.test(text);
      if (!xor) return void 0;
      const sink = /\beval\s{0,4}\(|\bassert\s{0,4}\(|create_function|\binclude\s{0,4}\(?\s{0,4}['"]data:|__invoke|\$_SESSION\s{0,4}\[[^\]]{1,40}\]\s{0,4}=\s{0,4}[A-Za-z_]\w{0,20}\s{0,4}\(/.test(text);
      return sink ? { offset: at[0], note: "decrypted request run" } : void 0;
    }
  },
  {
    id: "php-register-globals-shell",
    family: "shells",
    severity: "critical",
    description: "request variables turned into globals (extract($_POST), import_request_variables, $HTTP_POST_VARS) in a file that runs commands or code from variables",
    reference: "https://www.php.net/manual/en/security.globals.php ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)",
    langs: PHP2,
    literals: REGISTER_GLOBALS,
    aux: ["system", "passthru", "shell_exec", "exec", "popen", "proc_open", "eval"],
    match: (view, at) => {
      const first = at[0];
      const t = view.text(first - 40, first + 80);
      if (!/extract\s{0,4}\(\s{0,4}\$(?:_POST|_GET|_REQUEST|_COOKIE|HTTP_POST_VARS|HTTP_GET_VARS)|import_request_variables\s{0,4}\(|\$HTTP_(?:POST|GET)_VARS\s{0,4}\[/i.test(t)) return void 0;
      for (const sink of ["system", "passthru", "shell_exec", "exec", "popen", "proc_open", "eval"]) {
        for (const o of view.positions(sink).slice(0, MAX_TRIES3)) {
          if (callAt(view, o, sink === "eval" ? CODE_SINK_START : CMD_SINK_START) && /\(\s{0,4}(?:@\s{0,2})?(?:stripslashes\s{0,2}\(\s{0,2})?\$(?!this\b)/.test(view.text(o, o + 40))) return { offset: first, note: "request globals with a command sink" };
        }
      }
      return void 0;
    }
  },
  {
    id: "php-reverse-shell",
    family: "shells",
    severity: "critical",
    description: "a shell process wired to a network socket (fsockopen/socket_create + proc_open/popen/exec of /bin/sh or cmd.exe): reverse or bind shell",
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; PHP reverse and bind shells (a shell process on a socket), described in words",
    langs: PHP2,
    literals: ["fsockopen", "socket_create", "stream_socket_server", "stream_socket_client", "pfsockopen"],
    aux: ["/bin/sh", "/bin/bash", "cmd.exe", "proc_open", "popen", "shell_exec", "passthru", "system", "exec"],
    match: (view, at) => {
      if (!view.has(["/bin/sh", "/bin/bash", "cmd.exe", "sh -i", "bash -i"])) return void 0;
      for (const o of placesToTry(at, 50)) {
        const win = view.text(o - 4e3, o + 6e3);
        if (/\b(?:proc_open|popen|shell_exec|passthru|system|exec)\s{0,4}\(/i.test(win) && /\/bin\/(?:ba)?sh|cmd\.exe/i.test(win)) return { offset: o, note: "shell on a socket" };
      }
      return void 0;
    }
  },
  {
    id: "js-node-command-shell",
    family: "shells",
    severity: "critical",
    description: "Node.js: child_process runs a command from the HTTP request, or a shell is piped to a network socket (reverse shell)",
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; Node.js web and reverse shells (child_process fed by req.query, or piped to a socket), described in words",
    langs: ["js"],
    literals: ["child_process"],
    aux: ["req.query", "req.body", "req.params", "request.query", "request.body", "url.parse(req.url", "net.Socket", "net.connect", "createConnection", "/bin/sh", "/bin/bash", "cmd.exe"],
    match: (view, at) => tryPlaces(at, 20, (o) => {
      const { text } = around(view, o, 2e3, 3e3);
      if (/\b(?:exec|execSync|spawn|spawnSync|execFile)\s{0,4}\([^)\n]{0,120}\b(?:req|request)\.(?:query|body|params)\b/.test(text)) return { offset: o, note: "request data into child_process" };
      if (/\bnew\s{1,4}net\.Socket\b|\bnet\.connect\s{0,4}\(|createConnection\s{0,4}\(/.test(text) && /spawn\s{0,4}\(\s{0,4}['"](?:\/bin\/(?:ba)?sh|cmd\.exe|sh)['"]/.test(text) && /\.pipe\s{0,4}\(/.test(text)) return { offset: o, note: "shell piped to a socket" };
      if (/spawn\s{0,4}\(\s{0,4}shell\b/.test(text) && /\bnet\b/.test(text) && /\.pipe\s{0,4}\(/.test(text) && /\/bin\/sh|cmd\.exe/.test(text)) return { offset: o, note: "shell piped to a socket" };
      return void 0;
    })
  }
];
var FLOW_SOURCES = ["_POST", "_GET", "_REQUEST", "_COOKIE", "_FILES", "$_SERVER", "$HTTP_", "php://input", "getallheaders", "apache_request_headers", "_SESSION", "import_request_variables", "fsockopen", "socket_create", "stream_socket_client", "stream_socket_server"];
var FLOW_SINKS = ["eval", "assert", "system", "passthru", "shell_exec", "popen", "proc_open", "pcntl_exec", "exec"];
var FLOW_ANY_ARG = ["create_function"];
var FLOW_HIDING = ["${", "$$", "globals[", "base64_decode", "str_rot13", "gzinflate", "gzuncompress", "strrev", "hex2bin", "chr(", "\\x", "pack("];
var FLOW_NAMES_MADE = ["${", "$$", "globals["];
function callsAny(view, names, variable) {
  const after = variable ? /^\s{0,4}\(\s{0,4}@?\s{0,4}\$/ : /^\s{0,4}\(/;
  for (const name of names) {
    for (const o of view.positions(name)) {
      if (o > 0 && /[\w>:$\\]/.test(view.text(o - 1, o))) continue;
      if (/function\s{1,8}&?\s{0,4}$/i.test(view.text(o - 16, o))) continue;
      if (after.test(view.text(o + name.length, o + name.length + 16))) return true;
    }
  }
  return false;
}
function kindsOf(kinds, kind) {
  return kinds.includes(kind);
}
var FLOW_SMALL = 4096;
var FLOW_SMALL_HOPS = 3;
var FLOW_SMALL_HIDING = ["str_replace", "strtr", "create_function", "substr", "implode", "$_["];
var SMALL_SINK = /(?<![\w>:$\\])(?:eval|assert|create_function|system|passthru|shell_exec|popen|proc_open|pcntl_exec|exec|call_user_func|call_user_func_array|register_shutdown_function|array_map|ob_start|file_put_contents|move_uploaded_file|copy)\s{0,4}\(|\$\w{1,40}\s{0,4}\(|\$\{|\$\$|\bextract\s{0,4}\(/i;
var SQL_CALLS = ["mysql_query", "mysqli_query", "pg_query", "mssql_query", "sqlite_query", "mysql_db_query", "odbc_exec", "oci_parse"];
function hasExact(view, literals) {
  for (const l of literals) {
    for (const o of view.positions(l)) {
      if (view.text(o, o + l.length) !== l) continue;
      if (l === "$_SERVER" && !CLIENT_SERVER_ENTRY.test(view.text(o + l.length, o + l.length + 40))) continue;
      return true;
    }
  }
  return false;
}
var CLIENT_SERVER_ENTRY = /^\s{0,4}\[\s{0,4}['"](?:HTTP_|QUERY_STRING|REQUEST_URI|PATH_INFO|PHP_AUTH)/;
var FLOW_NOTE = {
  code: "request data reaches code that is run",
  command: "request data reaches a shell command",
  callee: "the request names the function called",
  callback: "request data through a dangerous callback",
  include: "the request names the file included",
  write: "the request names a file and fills it",
  upload: "an upload stored where the client says",
  mail: "mail sent to recipients and with a body the request gives",
  sql: "SQL text taken whole from the request",
  hidden: "code hidden by string operations is run"
};
var FLOW_HOPS = { code: 1, command: 2, callback: 1 };
function flowHit(view, kinds) {
  const flow = flowOf(view, () => view.text(0, view.length));
  const extra = view.length <= FLOW_SMALL && (kindsOf(kinds, "code") || kindsOf(kinds, "command")) ? FLOW_SMALL_HOPS : 0;
  const hit = flow.hits.find((h) => kinds.includes(h.kind) && h.taint !== "constant" && (h.taint !== "session" || h.kind === "code" || h.kind === "callee") && (h.pure || h.hops <= (FLOW_HOPS[h.kind] ?? 0) + (h.kind === "code" || h.kind === "command" ? extra : 0)));
  if (!hit) return void 0;
  const from = hit.taint === "globals" ? " (variables the request defines)" : hit.taint === "net" ? " (read from a socket)" : hit.taint === "session" ? " (kept in the session)" : "";
  return { offset: hit.depth > 0 ? flow.hidden[0]?.at ?? hit.at : hit.at, note: `${FLOW_NOTE[hit.kind]}${from}${hit.depth > 0 ? ", inside code the file hides" : ""}: ${hit.name}` };
}
SHELL_RULES.push(
  {
    id: "php-request-flow-to-sink",
    family: "shells",
    severity: "critical",
    description: "request data reaches eval/assert/system/exec, a function name, a callback, an include or an upload path, followed through assignments, function parameters and returns, variable variables, extract() and the session, and through names and code the file computes from literals",
    reference: "https://docslib.org/doc/6579966/wta-a-static-taint-analysis-framework-for-php-webshell (static taint analysis of PHP web shells) ; https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware)",
    langs: PHP2,
    // request data named in the file, or names the file makes (and then a sink to reach)
    literals: [...FLOW_SOURCES, ...FLOW_HIDING, ...FLOW_SMALL_HIDING],
    aux: [...FLOW_SINKS, ...FLOW_ANY_ARG],
    match: (view) => (view.length <= FLOW_SMALL ? (hasExact(view, FLOW_SOURCES) || view.has(FLOW_HIDING) || view.has(FLOW_SMALL_HIDING)) && SMALL_SINK.test(view.text(0, view.length)) : (hasExact(view, FLOW_SOURCES) || view.has(FLOW_NAMES_MADE)) && (callsAny(view, FLOW_SINKS, true) || callsAny(view, FLOW_ANY_ARG, false))) ? flowHit(view, ["code", "command", "callee", "callback", "include", "write", "upload"]) : void 0
  },
  {
    id: "php-request-mailer",
    family: "shells",
    severity: "critical",
    description: "mail() sends a message whose recipients and body both come from the request: a mass mailer of the kind shell collections carry (spam and phishing sent from the store)",
    reference: "https://blog.sucuri.net/2019/02/mailer-malware-analysis.html (Sucuri: PHP mailers planted on compromised sites) ; https://www.php.net/manual/en/function.mail.php",
    langs: PHP2,
    literals: ["mail"],
    aux: FLOW_SOURCES,
    match: (view) => callsAny(view, ["mail"], false) && hasExact(view, FLOW_SOURCES) ? flowHit(view, ["mail"]) : void 0
  },
  {
    id: "php-request-sql-console",
    family: "shells",
    severity: "critical",
    description: 'a database query whose whole text comes from the request (mysql_query($_POST["sql"])): a SQL console for whoever holds the URL',
    reference: "https://www.nsa.gov/Press-Room/News-Highlights/Article/Article/2159419/detect-prevent-cyber-attackers-from-exploiting-web-servers-via-web-shell-malware/ (NSA/ASD, Detect and Prevent Web Shell Malware) ; SQL client web shells (a query box run as given), described in words",
    langs: PHP2,
    literals: SQL_CALLS,
    aux: FLOW_SOURCES,
    match: (view) => callsAny(view, SQL_CALLS, false) && hasExact(view, FLOW_SOURCES) ? flowHit(view, ["sql"]) : void 0
  }
);

// src/checks/malicious-code/skimmers.ts
var MAX_TRIES4 = 200;
var WEB = ["js", "html", "php"];
function each4(at, test) {
  return tryPlaces(at, MAX_TRIES4, test);
}
var LOCATION_GATE = /(?:RegExp\s{0,4}\(\s{0,4}['"][^'"\n]{0,200}(?:onepage|onestep|firecheckout|checkout)[^'"\n]{0,200}['"][^)\n]{0,20}\)\s{0,4}\)?\s{0,4}\.test\s{0,4}\(|\/[^/\n]{0,200}(?:onepage|onestep|firecheckout|checkout)[^/\n]{0,200}\/[gimsuy]{0,5}\s{0,4}\.test\s{0,4}\(\s{0,4}(?:window\.|document\.)?location|(?:window\.|document\.)?location(?:\.href|\.pathname)?(?:\.toString\(\))?\s{0,4}\.(?:indexOf|search|match|includes)\s{0,4}\(\s{0,4}['"/][^'"\n]{0,60}(?:onepage|onestep|firecheckout|checkout)|(?:onepage|onestep|firecheckout|checkout)[^'"\n]{0,80}['"/]\s{0,4}\)?\s{0,4}\.(?:test|exec)\s{0,4}\(\s{0,4}(?:window\.|document\.)?location|\.match\s{0,4}\(\s{0,4}\/[^/\n]{0,100}(?:onepage|checkout)[^/\n]{0,100}\/)/i;
var HARVEST = /querySelectorAll\s{0,4}\(\s{0,4}['"](?:input|select|textarea|form)[^'"]{0,60}['"]|getElementsByTagName\s{0,4}\(\s{0,4}['"](?:input|select|textarea)['"]|\$\(\s{0,4}['"](?:input|select|form)[^'"]{0,60}['"]\s{0,4}\)\s{0,4}\.each|\(\s{0,4}['"]input\s{0,4},\s{0,4}select[^'"]{0,40}['"]\s{0,4}\)|\.serialize(?:Array)?\s{0,4}\(|getElementsByName\s{0,4}\(\s{0,4}['"](?:payment|billing)\[|getElementById\s{0,4}\(\s{0,4}['"][^'"]{0,40}(?:_cc_|billing:|cc_number|cc_cid)|new\s{1,4}FormData\s{0,4}\(/i;
var READ_VALUE = /\.value\b|\[\s{0,2}['"](?:value|val)['"]\s{0,2}\]|\.val\s{0,4}\(\s{0,4}\)|\.serialize(?:Array)?\s{0,4}\(|new\s{1,4}FormData|\.selectedIndex|\.options\s{0,4}\[/;
var LABELLED_VALUE = /["'][^"'\n]{0,40}[A-Za-z][^"'\n]{0,40}\s:\s{0,3}["']\s{0,4}\+\s{0,4}[^;\n+]{0,120}$/;
function sendsAway(text) {
  if (!JS_SEND.test(text)) return false;
  const hosts = urlHosts(text, 12);
  if (hosts.some((h) => !GATEWAY_HOST.test(h))) return true;
  return /&#\d{2,3};&#\d{2,3};&#\d{2,3};|\\x[0-9a-fA-F]{2}\\x[0-9a-fA-F]{2}|atob\s{0,4}\(|fromCharCode|\.split\s{0,4}\(\s{0,4}['"]{2}\s{0,4}\)\s{0,4}\.reverse|api\.telegram\.org|\bwss?:\/\//i.test(text);
}
var SKIMMER_RULES = [
  {
    id: "js-checkout-gated-harvest",
    family: "skimmers",
    severity: "critical",
    description: "tests the page URL for a checkout page, harvests the form fields, and sends them to a server (classic Magecart loader+skimmer)",
    reference: 'https://sigmachihq.org/microsoft-warning-that-scammers-could-spoof-your-credit-card-with-an-online-payment-trick-how-to-stay-safe/ (Microsoft and FBI: skimmers that wait for "checkout" and "one page") ; https://www.riskiq.com/blog/external-threat-management/consumer-shopping-guide-magecart/ (RiskIQ, Magecart)',
    langs: WEB,
    literals: ["onepage", "onestep", "firecheckout", "checkout"],
    aux: ["location", ...JS_SEND_LITERALS],
    match: (view, at) => view.has(["location"]) ? each4(at, (o) => {
      const { text } = around(view, o, 600, 600);
      if (!LOCATION_GATE.test(text)) return void 0;
      const wide = view.text(o - 4e3, o + 6e3);
      return HARVEST.test(wide) && READ_VALUE.test(wide) && JS_SEND.test(wide) ? { offset: o, note: "checkout-gated field harvest and send" } : void 0;
    }) : void 0
  },
  {
    id: "js-payment-fields-sent-away",
    family: "skimmers",
    severity: "critical",
    description: "reads card fields (number, CVV, expiry) and sends them to a host that is not a payment gateway, or to a hidden destination",
    reference: "https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain) ; https://www.riskiq.com/blog/external-threat-management/consumer-shopping-guide-magecart/ (RiskIQ, Magecart)",
    langs: WEB,
    literals: PAYMENT_LITERALS,
    aux: JS_SEND_LITERALS,
    match: (view, at) => view.has(JS_SEND_LITERALS) ? each4(at, (o) => {
      const { text } = around(view, o, 2500, 3500);
      if (!PAYMENT_FIELD.test(text) || !READ_VALUE.test(text)) return void 0;
      if (!sendsAway(text)) return void 0;
      return /btoa\s{0,4}\(|\.serialize|localStorage\.setItem|\+\s{0,4}['"]&[a-z_[\]]{1,30}=|['"]&[a-z_[\]]{1,30}=['"]\s{0,4}\+|setInterval\s{0,4}\(|\bescape\s{0,4}\(|document\.cookie|new\s{1,4}WebSocket|sendBeacon|['"][A-Z_]{2,20}:['"]\s{0,4}\+/.test(text) ? { offset: o, note: "card fields sent to a non-gateway origin" } : void 0;
    }) : void 0
  },
  {
    id: "js-payment-form-serialized-away",
    family: "skimmers",
    severity: "critical",
    description: "on a click/submit/change of the payment or checkout form, its fields are serialized and posted to a host that is not a payment gateway (British Airways/Newegg pattern)",
    reference: "https://www.peterbassill.com/blog/british-airways-magecart (British Airways, RiskIQ analysis) ; https://scamicide.com/2018/09/20/scam-of-the-day-september-21-2018-massive-data-breach-at-newegg-discovered/ (Newegg)",
    langs: WEB,
    literals: ["serializeArray", "serialize(", "new FormData", 'querySelectorAll("input', "querySelectorAll('input"],
    aux: JS_SEND_LITERALS,
    match: (view, at) => view.has(JS_SEND_LITERALS) ? each4(at, (o) => {
      const { text } = around(view, o, 1500, 1500);
      if (!/addEventListener\s{0,4}\(\s{0,4}['"](?:submit|click|change|mouseup|touchend|blur|keyup)|\.(?:bind|on)\s{0,4}\(\s{0,4}['"](?:[a-z ]{0,20}\b)?(?:submit|click|change|mouseup|touchend|blur|keyup)|\.(?:submit|click|change)\s{0,4}\(\s{0,4}function|onsubmit\s{0,4}=|onclick\s{0,4}=/i.test(text)) return void 0;
      if (!/payment|checkout|billing|\bcard|cc_|cvv|order|onepage/i.test(text)) return void 0;
      return sendsAway(text) ? { offset: o, note: "payment form serialized to another host" } : void 0;
    }) : void 0
  },
  {
    id: "js-obfuscated-payment-skimmer",
    family: "skimmers",
    severity: "critical",
    description: "strings hidden in hex escapes, char codes, base64 or a packer table name checkout pages or card fields, next to code that sends data",
    reference: "https://edevelop.ai/?p=983 (Magecart skimmers, heavily obfuscated) ; https://www.feroot.com/education-center/what-is-payment-skimming/ (payment skimming)",
    langs: WEB,
    literals: ["\\x", "fromCharCode", "atob", "eval(function(p,a,c,k,e", "&#", "\\u00", "_0x"],
    match: (view) => {
      const found = /* @__PURE__ */ new Set();
      let first = -1;
      for (const d of view.decoded()) {
        if (d.how === "concat" || !readable(d.text)) continue;
        if (first >= 0 && Math.abs(d.offset - first) > 64 * 1024) continue;
        const t = d.text;
        let hit = false;
        if (/onepage|onestep|firecheckout|checkout/i.test(t)) {
          found.add("checkout");
          hit = true;
        }
        if (PAYMENT_FIELD.test(t) || /billing[:[]|\bcc_|payment\[/i.test(t)) {
          found.add("payment");
          hit = true;
        }
        if (JS_SEND.test(t) || /\bsend\b|\bajax\b|\bpost\b|XMLHttp|sendBeacon|WebSocket|\bImage\b|\bsrc\b/i.test(t)) {
          found.add("send");
          hit = true;
        }
        if (/input|select|textarea|querySelectorAll|getElementsByName|\bvalue\b|serialize/i.test(t)) {
          found.add("harvest");
          hit = true;
        }
        if (/\bscript\b|appendChild|createElement|document\.write|\bwrite\b|insertBefore/i.test(t) && /https?|\/\//i.test(t)) {
          found.add("inject");
          hit = true;
        }
        if (hit && first < 0) first = d.offset;
      }
      if (!(found.has("checkout") || found.has("payment"))) return void 0;
      if (!found.has("send") && !found.has("harvest") && !found.has("inject")) return void 0;
      return found.size >= 3 ? { offset: Math.max(0, first), note: `hidden strings: ${[...found].sort().join("+")}` } : void 0;
    }
  },
  {
    id: "js-fake-payment-form",
    family: "skimmers",
    severity: "critical",
    description: "injects a payment form (card number, expiry, CVV inputs) into the page from a script string and sends what is typed",
    reference: "https://www.encomage.com/blog-posts/the-checkout-skimmer-problem-on-magento (a fake Secure Checkout box drawn over the real one, per Sansec) ; https://www.malwarebytes.com/blog/news/2020/11/demystifying-two-common-misconceptions-with-e-commerce-security (skimmers and payment iframes)",
    langs: WEB,
    literals: ["<input", "&lt;input", "\\x3cinput", "<form", "insertAdjacentHTML", "innerHTML"],
    aux: JS_SEND_LITERALS,
    match: (view, at) => view.has(JS_SEND_LITERALS) ? each4(at, (o) => {
      const { text } = around(view, o, 300, 1500);
      if (!/['"`+]\s{0,4}<(?:input|form|div)[^>]{0,200}|innerHTML\s{0,4}[+]?=|insertAdjacentHTML|\.(?:html|append|prepend|after|before)\s{0,4}\(\s{0,4}['"`]\s{0,4}</i.test(text)) return void 0;
      const cards = text.match(/cc_?number|card_?number|cardnum|cc-number|\bcvv|\bcvc|cc_cid|card_code|expir|cc_exp|securitycode/gi);
      if (!cards || new Set(cards.map((c) => c.toLowerCase().slice(0, 4))).size < 2) return void 0;
      const wide = view.text(o - 3e3, o + 5e3);
      return sendsAway(wide) ? { offset: o, note: "injected card form with a send" } : void 0;
    }) : void 0
  },
  {
    id: "js-labelled-field-log",
    family: "skimmers",
    severity: "critical",
    description: 'builds a text log of what the shopper typed, field by field with labels ("Card Number : " + field.value), from billing or payment fields, and sends it out',
    reference: "https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain) ; harvesters that write a labelled log of the checkout form, described in words",
    langs: WEB,
    literals: [".value"],
    caseSensitive: true,
    aux: [...JS_SEND_LITERALS, "billing", "payment", "cc_", "card"],
    match: (view, at) => {
      if (!view.has(JS_SEND_LITERALS) || !view.has(["billing", "payment", "cc_", "card"])) return void 0;
      let labelled = 0;
      let first = -1;
      for (const o of placesToTry(at, 400)) {
        if (LABELLED_VALUE.test(view.text(o - 160, o))) {
          labelled++;
          if (first < 0) first = o;
        }
      }
      if (labelled < 4) return void 0;
      const wide = view.text(first - 2e3, first + 8e3);
      if (!PAYMENT_FIELD.test(wide) && !/billing[:_[]/i.test(wide)) return void 0;
      return JS_SEND.test(wide) ? { offset: first, note: `a labelled log of ${labelled} typed fields, sent out` } : void 0;
    }
  },
  {
    id: "js-charcode-shift-loader",
    family: "skimmers",
    severity: "critical",
    description: "a string is decoded character by character (charCodeAt \xB1 key \u2192 fromCharCode) and written into the page or evaluated",
    reference: "https://edevelop.ai/?p=983 (Magecart skimmers, heavily obfuscated) ; strings shifted character by character and written into the page, described in words",
    langs: WEB,
    literals: ["charCodeAt"],
    caseSensitive: true,
    aux: ["fromCharCode", "document.write", "eval", "appendChild", "Function("],
    match: (view, at) => tryPlaces(at, 50, (o) => {
      const { text } = around(view, o, 300, 300);
      if (!/fromCharCode\s{0,2}\(\s{0,2}[^()\n]{0,40}charCodeAt\s{0,2}\([^()\n]{0,20}\)\s{0,2}(?:[-+^]\s{0,2}[A-Za-z0-9_.]{1,12}|%)/.test(text) && !/charCodeAt\s{0,2}\([^()\n]{0,20}\)\s{0,2}[-+^]\s{0,2}\d{1,3}[^;\n]{0,80}fromCharCode/.test(text)) return void 0;
      const wide = view.text(o - 600, o + 800);
      return /document\s{0,2}\.\s{0,2}write\s{0,2}\(|\beval\s{0,2}\(|new\s{1,4}Function|\.innerHTML\s{0,2}=/.test(wide) && /['"][^'"\n]{60}/.test(wide) ? { offset: o, note: "shifted string run or written" } : void 0;
    })
  },
  {
    id: "js-typed-fields-sent-away",
    family: "skimmers",
    severity: "critical",
    description: "a send (XHR, fetch, $.ajax/$.post, an image or script address, a beacon, a WebSocket) of what the shopper typed in card, billing or checkout fields, to a host that is not a payment gateway or to a hidden one, with a skimmer's tells: polling or listening for input, card-length checks, fields joined into a query, encoding or storage",
    reference: "https://www.riskiq.com/blog/external-threat-management/consumer-shopping-guide-magecart/ (RiskIQ, Magecart) ; https://sites.northwestern.edu/thesafe/2019/10/17/secure-it-e-commerce-e-skimming/ (e-skimming: card data captured and sent to an actor-controlled domain)",
    langs: WEB,
    literals: JS_SEND_LITERALS,
    aux: [...PAYMENT_LITERALS, "billing", "checkout", "onepage", "payment[", "<script"],
    // in PHP, the browser's code is inside a script element (a template): PHP's own fetch() and ->post() are not sends
    match: (view, at) => view.has([...PAYMENT_LITERALS, "billing", "checkout", "onepage", "payment["]) && (view.lang !== "php" || view.has(["<script"])) ? each4(at, (o) => {
      const { text } = around(view, o, 4e3, 3e3);
      if (!DATA_SEND.test(view.text(o - 40, o + 240))) return void 0;
      if (!PAYMENT_FIELD.test(text) && !CARD_TARGET.test(text)) return void 0;
      if (!HARVEST.test(text) && (text.match(/\.value\b|\.val\s{0,4}\(\s{0,4}\)/g) ?? []).length < 2) return void 0;
      if (!SKIMMER_TELL.test(text) || !sendsAway(text)) return void 0;
      return { offset: o, note: "typed card or checkout fields sent away" };
    }) : void 0
  },
  {
    id: "php-serverside-card-capture",
    family: "skimmers",
    severity: "critical",
    description: 'PHP reads the card number/CVV of a payment (Magento $payment->getCcNumber(), $_POST["payment"]["cc_number"]) and stores, mails or posts it out',
    reference: "https://spectralops.io/blog/a-step-by-step-guide-to-preventing-credit-card-skimming-attacks/ (Magecart on Magento: card and login theft) ; server-side Magento skimmers (getCcNumber() stored, mailed or posted), described in words",
    langs: ["php", "html"],
    literals: ["getccnumber", "cc_number", "getcccid", "cc_cid", "ccnumber", "card_number", "cardnumber", "cvv", "getpayment"],
    aux: ["mail", "file_put_contents", "fopen", "fwrite", "curl_exec", "file_get_contents", "base64_encode", "setcookie"],
    match: (view, at) => each4(at, (o) => {
      const { text } = around(view, o, 2e3, 2500);
      if (!/getCcNumber\s{0,4}\(|getCcCid\s{0,4}\(|\[\s{0,4}['"]cc_(?:number|cid)['"]\s{0,4}\]|\$_POST\s{0,4}\[\s{0,4}['"]payment['"]|getData\s{0,4}\(\s{0,4}['"]cc_|\$_(?:POST|REQUEST)\s{0,4}\[\s{0,4}['"](?:card_?number|cvv|ccnumber)/i.test(text)) return void 0;
      if (/\b(?:file_put_contents|fopen)\s{0,4}\([^;]{0,200}\.(?:jpe?g|png|gif|ico|css|js|txt|dat|log)['"][^;]{0,80}/i.test(text)) return { offset: o, note: "card data written to a file" };
      if (/(?<![\w>:])mail\s{0,4}\(/i.test(text)) return { offset: o, note: "card data mailed" };
      if (/(?:file_get_contents|curl_init|fsockopen|fopen)\s{0,4}\(\s{0,4}['"](?:https?:)?\/\/|CURLOPT_URL\s{0,4},\s{0,4}['"]https?:\/\/|base64_encode\s{0,4}\([^;]{0,200}(?:curl|file_get_contents|http)/i.test(text)) return { offset: o, note: "card data posted out" };
      return void 0;
    })
  }
];
var SKIMMER_TELL = /setInterval\s{0,4}\(|setTimeout\s{0,4}\(|addEventListener\s{0,4}\(\s{0,4}['"](?:click|change|submit|blur|mouseup|mousedown|keyup|keydown|input|touchend)|\.(?:on|bind|live|delegate)\s{0,4}\(\s{0,4}['"](?:click|change|submit|blur|mouseup|mousedown|keyup|keydown|input)|\.length\s{0,4}={2,3}\s{0,4}1[56]\b|\b1[56]\s{0,4}={2,3}\s{0,4}[\w$.]{1,40}\.length|['"]&[\w[\]-]{1,30}=['"]|\+\s{0,4}['"]&|btoa\s{0,4}\(|encodeURIComponent\s{0,4}\(|\bescape\s{0,4}\(|JSON\.stringify|localStorage|sessionStorage|document\.cookie/;
var DATA_SEND = /\bnew\s{1,4}Image\b|\.sendBeacon\s{0,4}\(|\bnew\s{1,4}WebSocket\b|XMLHttpRequest|\bfetch\s{0,4}\(|\.(?:ajax|post)\s{0,4}\(|\.open\s{0,4}\(\s{0,4}['"](?:POST|GET)|createElement\s{0,4}\(\s{0,4}['"]img|\.src\s{0,4}=[^;\n+]{0,200}\+/;
var CARD_TARGET = /billing[:_[]|payment\[|\bonepage\b|checkout/i;
function readable(text) {
  const sample = text.slice(0, 4096);
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 97 && c <= 122 || c >= 65 && c <= 90) letters++;
  }
  return sample.length >= 4 && letters / sample.length >= 0.45;
}

// src/checks/malicious-code/decode.ts
import { inflateRawSync as inflateRawSync2, inflateSync as inflateSync2, gunzipSync as gunzipSync2 } from "node:zlib";
var MAX_DECODED_ITEMS = 2e3;
var MAX_DECODED_CHARS = 4 * 1024 * 1024;
var MAX_ONE = 1024 * 1024;
function isHex2(c) {
  return c >= 48 && c <= 57 || c >= 97 && c <= 102 || c >= 65 && c <= 70;
}
function unescapeQuoted(s, open) {
  const q = s[open];
  let out = "";
  let escapes = 0;
  let i = open + 1;
  for (; i < s.length && out.length < MAX_ONE; i++) {
    const c = s[i];
    if (c === q || c === "\n" && q !== "`" && escapes * 4 < out.length) break;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const n = s[i + 1] ?? "";
    if (n === "x" && isHex2(s.charCodeAt(i + 2)) && isHex2(s.charCodeAt(i + 3))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16));
      i += 3;
      escapes++;
    } else if (n === "u" && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
      escapes++;
    } else if (n >= "0" && n <= "7") {
      let j = i + 1;
      while (j < i + 4 && (s[j] ?? "") >= "0" && (s[j] ?? "") <= "7") j++;
      out += String.fromCharCode(parseInt(s.slice(i + 1, j), 8) & 255);
      i = j - 1;
      escapes++;
    } else {
      out += n === "n" ? "\n" : n === "t" ? "	" : n === "r" ? "\r" : n;
      i++;
    }
  }
  return [out, escapes, i];
}
var PRINTABLE_64 = /^[\t\n\r -~]{0,64}$/;
var PRINTABLE_32 = /^[\t\n\r -~]{32}/;
function percentDecodeLatin1(body) {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "%" && i + 2 < body.length && isHex2(body.charCodeAt(i + 1)) && isHex2(body.charCodeAt(i + 2))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += c;
  }
  return out;
}
function rot132(s) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) out += String.fromCharCode((c - 65 + 13) % 26 + 65);
    else if (c >= 97 && c <= 122) out += String.fromCharCode((c - 97 + 13) % 26 + 97);
    else out += s.charAt(i);
  }
  return out;
}
function tryInflate(bytes) {
  for (const f of [inflateRawSync2, inflateSync2, gunzipSync2]) {
    try {
      return f(bytes, { maxOutputLength: MAX_ONE }).toString("latin1");
    } catch {
    }
  }
  return void 0;
}
function isBase64Char(c) {
  return c >= 65 && c <= 90 || c >= 97 && c <= 122 || c >= 48 && c <= 57 || c === 43 || c === 47 || c === 61 || c === 45 || c === 95 || c === 10 || c === 13 || c === 92;
}
var MAX_READ = 32 * 1024 * 1024;
function decodeAll(raw) {
  let read = 0;
  const input = {
    length: raw.length,
    positions: raw.positions,
    text: (from, to) => {
      if (read >= MAX_READ) return "";
      const t = raw.text(from, Math.min(to, from + (MAX_READ - read)));
      read += t.length;
      return t;
    }
  };
  const out = [];
  let chars = 0;
  const push = (offset, text, how) => {
    if (out.length >= MAX_DECODED_ITEMS || chars >= MAX_DECODED_CHARS || text.length === 0) return;
    chars += text.length;
    out.push({ offset, text, how });
  };
  const done = /* @__PURE__ */ new Set();
  for (const lit of ["\\x", "\\u00", "\\1", "\\14", "\\15", "\\16", "\\13", "\\12", "\\10", "\\7", "\\6", "\\5", "\\4"]) {
    let last2 = -1;
    for (const at of input.positions(lit)) {
      if (at <= last2 || out.length >= MAX_DECODED_ITEMS) continue;
      const back = input.text(at - 400, at);
      let open = -1;
      for (let i = back.length - 1; i >= 0; i--) {
        const c = back[i];
        if ((c === '"' || c === "'" || c === "`") && back[i - 1] !== "\\") {
          open = at - back.length + i;
          break;
        }
      }
      if (open < 0 || done.has(open)) continue;
      done.add(open);
      let s = input.text(open, open + 4096);
      let [text, escapes, end] = unescapeQuoted(s, 0);
      if (end >= s.length && s.length === 4096 && escapes >= 4) {
        s = input.text(open, open + MAX_ONE);
        [text, escapes, end] = unescapeQuoted(s, 0);
      }
      last2 = open + end;
      if (escapes >= 4 && escapes * 4 >= text.length) push(open, text, "escape");
    }
  }
  for (const at of input.positions("fromcharcode")) {
    const probe = input.text(at, at + 64);
    if (!/^fromcharcode['"\]]{0,3}\s{0,2}\(\s{0,2}\d/i.test(probe)) continue;
    let s = input.text(at, at + 4096);
    if (/^[^)]{4000}/.test(s.slice(0, 4e3)) || !s.includes(")")) s = input.text(at, at + 256 * 1024);
    let i = s.indexOf("(");
    if (i < 0 || i > 20) continue;
    i++;
    let text = "";
    let num2 = "";
    let count = 0;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c >= "0" && c <= "9") num2 += c;
      else if (c === "," || c === ")" || c === " " || c === "\n" || c === "\r" || c === "	") {
        if (num2) {
          text += String.fromCharCode(Number(num2) & 65535);
          num2 = "";
          count++;
        }
        if (c === ")") break;
      } else break;
    }
    if (count >= 4) push(at, text, "charcode");
  }
  {
    let last2 = -1;
    for (const at of input.positions("chr(")) {
      if (at <= last2) continue;
      if (!/^chr\s{0,2}\(\s{0,2}\d{1,3}\s{0,2}\)\s{0,4}\./i.test(input.text(at, at + 24))) continue;
      const s = input.text(at, at + 8 * 1024);
      let i = 0;
      let text = "";
      let count = 0;
      for (; ; ) {
        const m = /^chr\s{0,2}\(\s{0,2}(\d{1,3})\s{0,2}\)\s{0,4}\.?\s{0,4}/i.exec(s.slice(i, i + 40));
        if (m) {
          text += String.fromCharCode(Number(m[1]) & 255);
          i += m[0].length;
          count++;
          continue;
        }
        const q = s[i];
        if (q === '"' || q === "'") {
          const [lit, , end] = unescapeQuoted(s.slice(i, i + 400), 0);
          if (end >= 400) break;
          text += lit;
          i += end + 1;
          const dot = /^\s{0,4}\.\s{0,4}/.exec(s.slice(i, i + 20));
          if (!dot) break;
          i += dot[0].length;
          continue;
        }
        break;
      }
      last2 = at + i;
      if (count >= 3) push(at, text, "chr");
    }
  }
  {
    let last2 = -1;
    for (const at of input.positions("&#")) {
      if (at <= last2) continue;
      if (!/^&#(?:x[0-9a-f]{1,4}|\d{1,5});?&#(?:x[0-9a-f]{1,4}|\d{1,5});?&#/i.test(input.text(at, at + 40))) continue;
      const s = input.text(at, at + 8 * 1024);
      let i = 0;
      let text = "";
      let count = 0;
      for (; ; ) {
        const m = /^&#(x[0-9a-f]{1,4}|\d{1,5});?/i.exec(s.slice(i, i + 10));
        if (!m) break;
        const v = m[1];
        text += String.fromCharCode(v[0] === "x" || v[0] === "X" ? parseInt(v.slice(1), 16) : Number(v));
        i += m[0].length;
        count++;
      }
      last2 = at + i;
      if (count >= 6) push(at, text, "entity");
    }
  }
  for (const lit of ["unescape", "decodeuricomponent"]) {
    for (const at of input.positions(lit)) {
      if (!/^[a-z]{8,20}\s{0,4}\(\s{0,4}['"][^'"]{0,8}%[0-9a-f]{2}/i.test(input.text(at, at + 50))) continue;
      const s = input.text(at, at + 64 * 1024);
      const q = /\(\s{0,4}(['"])/.exec(s.slice(0, 40));
      if (!q) continue;
      const start2 = (q.index ?? 0) + q[0].length - 1;
      const end = s.indexOf(q[1], start2 + 1);
      if (end < 0) continue;
      const body = s.slice(start2 + 1, end);
      if ((body.match(/%[0-9a-fA-F]{2}/g) ?? []).length < 4) continue;
      let plain;
      try {
        plain = decodeURIComponent(body.replace(/%(?![0-9a-fA-F]{2})/g, "%25"));
      } catch {
        plain = percentDecodeLatin1(body);
      }
      push(at, plain, "percent");
      const keyed = xorKeyed(plain, s.slice(end + 1, end + 1 + XOR_REACH));
      if (keyed !== void 0) push(at, keyed, "xorkey");
    }
  }
  for (const lit of ["atob", "base64_decode"]) {
    for (const at of input.positions(lit).slice(0, 500)) {
      const q = /^[a-z0-9_]{4,16}\s{0,4}\(\s{0,4}(['"])/i.exec(input.text(at, at + 40));
      if (!q) continue;
      let s = input.text(at, at + 4096);
      const start2 = q[0].length;
      let end = start2;
      while (end < s.length && isBase64Char(s.charCodeAt(end))) end++;
      if (end === s.length && s.length === 4096) {
        s = input.text(at, at + 4 * 1024 * 1024);
        while (end < s.length && isBase64Char(s.charCodeAt(end))) end++;
      }
      if (s[end] !== q[1] || end - start2 < 8) continue;
      const body = s.slice(start2, end).replace(/\\[rn]|[\r\n\\]/g, "");
      const bytes = Buffer.from(body, "base64");
      const before = input.text(at - 60, at).toLowerCase();
      let text = bytes.toString("latin1");
      let how = "base64";
      if (/(?:gzinflate|gzuncompress|gzdecode)\s{0,4}\(\s{0,4}$/.test(before) || (bytes[0] === 120 || bytes[0] === 31) || !PRINTABLE_64.test(text.slice(0, 64))) {
        const inflated = tryInflate(bytes);
        if (inflated !== void 0) {
          text = inflated;
          how = "inflate";
        }
      }
      if (/str_rot13\s{0,4}\(\s{0,4}(?:gzinflate\s{0,4}\(\s{0,4})?$/.test(before)) text = rot132(text);
      if (/strrev\s{0,4}\(\s{0,4}$/.test(before)) text = text.split("").reverse().join("");
      push(at, text.slice(0, MAX_ONE), how);
    }
  }
  for (const lit of ["'.'", '"."', "' . '", '" . "', "'+'", '"+"', "' + '", '" + "', `'."`, `".'`]) {
    let last2 = -1;
    for (const at of input.positions(lit).slice(0, 2e3)) {
      if (at <= last2 || out.length >= MAX_DECODED_ITEMS) continue;
      const back = input.text(at - 64, at + 1);
      let i = back.length - 2;
      while (i >= 0 && back[i] !== back[back.length - 1]) i--;
      if (i < 0) continue;
      const open = at - (back.length - 1) + i;
      const s = input.text(open, open + 8 * 1024);
      let text = "";
      let pieces = 0;
      let escaped = 0;
      let j = 0;
      for (; ; ) {
        const q = s[j];
        if (q !== '"' && q !== "'") break;
        const [piece, esc, end] = unescapeQuoted(s.slice(j, j + 2e3), 0);
        if (j + end >= s.length) break;
        if (end >= 2e3 || end - 1 > 40 && esc === 0) break;
        text += piece;
        escaped += esc;
        pieces++;
        j += end + 1;
        const m = /^\s{0,4}[.+]\s{0,4}/.exec(s.slice(j, j + 12));
        if (!m) break;
        j += m[0].length;
      }
      last2 = open + j;
      if (pieces >= 3 || pieces >= 2 && escaped >= 4) push(open, text, escaped >= 4 ? "escape" : "concat");
    }
  }
  for (const lit of ["str_replace", "strtr", "substr_replace", "strrev", "str_rot13", "trim(", "hex2bin", "ucwords", "strtolower"]) {
    for (const at of input.positions(lit).slice(0, 300)) {
      const s = input.text(at, at + 600);
      const open = s.indexOf("(");
      if (open < 0 || open > 20 || !/^\(\s{0,4}['"]/.test(s.slice(open, open + 8))) continue;
      const lits = [];
      let i = open + 1;
      for (let n = 0; n < 4; n++) {
        while (s[i] === " ") i++;
        const q = s[i];
        if (q === '"' || q === "'") {
          const [v2, , end] = unescapeQuoted(s.slice(i, i + 400), 0);
          if (end >= 400) break;
          lits.push(v2);
          i += end + 1;
        } else {
          const m = /^-?\d{1,4}/.exec(s.slice(i, i + 6));
          if (!m) break;
          lits.push(m[0]);
          i += m[0].length;
        }
        while (s[i] === " ") i++;
        if (s[i] === ",") i++;
        else break;
      }
      if (s[i] !== ")" || lits.length === 0) continue;
      let v;
      const name = lit.replace("(", "").toLowerCase();
      if (name === "str_replace" && lits.length === 3) v = lits[2].split(lits[0]).join(lits[1]);
      else if (name === "strtr" && lits.length === 3) {
        const from = lits[1] ?? "";
        const to = lits[2] ?? "";
        v = lits[0].replace(/./gs, (c) => {
          const k = from.indexOf(c);
          return k >= 0 && k < to.length ? to[k] : c;
        });
      } else if (name === "substr_replace" && lits.length >= 3) v = lits[0].slice(0, Number(lits[2])) + lits[1];
      else if (name === "strrev" && lits.length === 1) v = lits[0].split("").reverse().join("");
      else if (name === "str_rot13" && lits.length === 1) v = rot132(lits[0]);
      else if (name === "trim" && lits.length === 1) v = lits[0].trim();
      else if (name === "hex2bin" && lits.length === 1 && /^[0-9a-f]{2,}$/i.test(lits[0])) v = Buffer.from(lits[0], "hex").toString("latin1");
      else if ((name === "ucwords" || name === "strtolower") && lits.length === 1) v = lits[0].toLowerCase();
      if (v !== void 0 && v.length >= 3 && v.length <= 4096) push(at, v, "transform");
    }
  }
  for (const at of input.positions(").$").slice(0, 200)) {
    const s = input.text(at - 40, at + 8 * 1024);
    const start2 = s.search(/\$[A-Za-z_]\w{0,20}\s{0,2}\(\s{0,2}\d{2,3}\s{0,2}\)\s{0,2}\.\s{0,2}\$/);
    if (start2 < 0 || start2 > 40) continue;
    let i = start2;
    let text = "";
    let count = 0;
    for (; ; ) {
      const m = /^\$[A-Za-z_]\w{0,20}\s{0,4}\(\s{0,2}(\d{2,3})\s{0,2}\)\s{0,4}\.?\s{0,4}/.exec(s.slice(i, i + 40));
      if (!m) break;
      text += String.fromCharCode(Number(m[1]) & 255);
      i += m[0].length;
      count++;
    }
    if (count >= 4) push(at, text, "chr");
  }
  for (const at of input.positions("='=").concat(input.positions('"=')).slice(0, 50)) {
    if (!/^['"]?=['"]=[A-Za-z0-9+/]{60}/.test(input.text(at, at + 70))) continue;
    const s = input.text(at, at + 512 * 1024);
    const q = s.indexOf("=") + 1;
    const quote = s[q];
    if (quote !== '"' && quote !== "'") continue;
    let end = q + 1;
    while (end < s.length && isBase64Char(s.charCodeAt(end))) end++;
    if (s[end] !== quote || end - q < 200) continue;
    const rev = s.slice(q + 1, end).split("").reverse().join("");
    const text = Buffer.from(rev, "base64").toString("latin1");
    if (PRINTABLE_32.test(text)) push(at, text, "base64");
  }
  for (const at of input.positions("eval(function(p,a,c,k,e")) {
    const s = input.text(at, at + 256 * 1024);
    const split = s.indexOf(".split('|')");
    if (split < 0) continue;
    const q = s.lastIndexOf("'", split - 1);
    const open = s.lastIndexOf("'", q - 1);
    if (open < 0) continue;
    push(at, s.slice(open + 1, q).split("|").join(" "), "packer");
  }
  for (const at of input.positions("eval").slice(0, 200)) {
    const hidden = unwrapChain(evalChain(input, at), input);
    if (hidden !== void 0) push(at, hidden, "chain");
  }
  for (const d of out.slice()) {
    if ((d.how === "escape" || d.how === "base64" || d.how === "inflate") && EVAL_START.test(d.text.slice(0, 128))) {
      const hidden = unwrapChain(d.text, input);
      if (hidden !== void 0 && hidden !== d.text) push(d.offset, hidden, "chain");
    }
  }
  for (const lit of ["'^'", '"^"', `'^"`, `"^'`]) {
    for (const at of input.positions(lit).slice(0, 300)) {
      const xored = xorPair(input, at);
      if (xored !== void 0) push(at, xored, "xor");
    }
  }
  {
    let last2 = -1;
    for (const at of input.positions("].$").slice(0, 300)) {
      if (at <= last2) continue;
      const picked = indexPicks(input, at);
      if (picked === void 0) continue;
      last2 = picked.end;
      if (picked.text.length >= 3) push(picked.start, picked.text, "index");
    }
  }
  for (const at of input.positions("__file__").slice(0, 4)) {
    const own = selfRead(input, at);
    if (own !== void 0) push(at, own, "selfread");
  }
  return out;
}
var XOR_REACH = 800;
var MAX_XOR_KEYS = 8;
var XOR_LOOP = /charCodeAt\s{0,4}\([^()]{0,24}\)\s{0,4}\^\s{0,4}[\w$.]{1,24}\s{0,4}\.\s{0,4}charCodeAt\s{0,4}\(/;
var KEY_LITERAL = /(['"])([^'"\\\n]{2,64})\1/g;
function xorKeyed(encoded, after) {
  if (encoded.length < 16 || !XOR_LOOP.test(after) || !/fromCharCode/.test(after)) return void 0;
  const sample = encoded.slice(0, 2048);
  let tried = 0;
  for (const m of after.matchAll(KEY_LITERAL)) {
    if (++tried > MAX_XOR_KEYS) break;
    const key = m[2];
    let out = "";
    let printable2 = 0;
    for (let i = 0; i < sample.length; i++) {
      const c = sample.charCodeAt(i) ^ key.charCodeAt(i % key.length);
      if (c >= 32 && c < 127 || c === 9 || c === 10 || c === 13) printable2++;
      out += String.fromCharCode(c);
    }
    if (printable2 < sample.length * 0.95) continue;
    if (encoded.length > sample.length) {
      out = "";
      for (let i = 0; i < encoded.length && i < MAX_ONE; i++) out += String.fromCharCode(encoded.charCodeAt(i) ^ key.charCodeAt(i % key.length));
    }
    return out;
  }
  return void 0;
}
var CHAIN_STEPS = {
  base64_decode: (text) => Buffer.from(text.replace(/[^A-Za-z0-9+/=_-]/g, ""), "base64").toString("latin1"),
  gzinflate: (text) => inflateWith(inflateRawSync2, text),
  gzuncompress: (text) => inflateWith(inflateSync2, text),
  gzdecode: (text) => inflateWith(gunzipSync2, text),
  str_rot13: rot132,
  htmlspecialchars_decode: (text) => text.replace(/&(lt|gt|quot|#0?39|amp);/g, (_, name) => ({ lt: "<", gt: ">", quot: '"', "#039": "'", "#39": "'", amp: "&" })[name] ?? ""),
  stripslashes: (text) => text.replace(/\\(.)/g, "$1"),
  trim: (text) => text.trim(),
  strrev: (text) => text.split("").reverse().join(""),
  rawurldecode: percentDecodeLatin1,
  urldecode: (text) => percentDecodeLatin1(text.replace(/\+/g, " "))
};
function inflateWith(inflate2, text) {
  try {
    return inflate2(Buffer.from(text, "latin1"), { maxOutputLength: MAX_ONE }).toString("latin1");
  } catch {
    return void 0;
  }
}
var CHAIN_START = /^eval\s{0,4}\(\s{0,4}@?\s{0,4}(?:(['"])\?>\1\s{0,4}\.\s{0,4}@?\s{0,4})?((?:(?:base64_decode|gzinflate|gzuncompress|gzdecode|str_rot13|strrev|rawurldecode|urldecode|htmlspecialchars_decode|stripslashes|trim)\s{0,4}\(\s{0,4}){1,24})(?:(['"])|\$(\w{1,40})\s{0,4}(?:\[\s{0,4}(\d{1,3})\s{0,4}\])?\s{0,4}\))/i;
function evalChain(input, at, outer) {
  const m = CHAIN_START.exec(input.text(at, at + 300));
  if (!m) return void 0;
  const names = m[2].split("(").map((name) => name.trim().toLowerCase()).filter((name) => name !== "");
  let value;
  if (m[3] !== void 0) {
    const start2 = at + m[0].length;
    const body = input.text(start2, start2 + MAX_ONE);
    const end = body.indexOf(m[3]);
    if (end < 0) return void 0;
    value = m[3] === '"' ? unescapeQuoted(`"${body.slice(0, end)}"`, 0)[0] : body.slice(0, end);
  } else {
    const index = m[5] === void 0 ? void 0 : Number(m[5]);
    value = assignedLiterals(input, at, m[4], index) ?? (outer ? assignedLiterals(outer, outer.length, m[4], index) : void 0);
  }
  if (value === void 0 || value.length < 8) return void 0;
  for (let i = names.length - 1; i >= 0 && value !== void 0; i--) value = CHAIN_STEPS[names[i]]?.(value);
  return value;
}
var ASSIGN_REACH = 1024 * 1024;
var MAX_ASSIGNS = 24;
function assignedLiterals(input, at, name, index) {
  return assignedWithin(input, at, name, index, 4e3) ?? (at > 4e3 ? assignedWithin(input, at, name, index, ASSIGN_REACH) : void 0);
}
function assignedWithin(input, at, name, index, reach) {
  const before = input.text(at - reach, at);
  const places = [];
  for (let i = before.lastIndexOf(`$${name}`); i >= 0 && places.length < MAX_ASSIGNS; i = i === 0 ? -1 : before.lastIndexOf(`$${name}`, i - 1)) places.push(i);
  const assign = new RegExp(`\\$${name}\\s{0,4}(\\.?=)\\s{0,4}(?:(['"])([^'"]{0,100000})\\2|array\\s{0,4}\\(([^)]{0,100000})\\)|\\[([^\\]]{0,100000})\\])`, "y");
  let value;
  for (const place of places.reverse()) {
    assign.lastIndex = place;
    const m = assign.exec(before);
    if (!m) continue;
    let piece = m[2] === '"' && m[3] !== void 0 ? unescapeQuoted(`"${m[3]}"`, 0)[0] : m[3];
    const list2 = m[4] ?? m[5];
    if (list2 !== void 0) {
      const items = [...list2.matchAll(/(['"])([^'"]{0,100000})\1/g)].map((item) => item[2] ?? "");
      piece = index === void 0 ? void 0 : items[index];
    }
    if (piece === void 0) continue;
    value = m[1] === ".=" && value !== void 0 ? value + piece : piece;
  }
  return value;
}
function xorPair(input, at) {
  const back = input.text(at - 80, at + 1);
  const quote = back.charAt(back.length - 1);
  const open = back.lastIndexOf(quote, back.length - 2);
  if (open < 0 || back.charAt(open - 1) === "\\") return void 0;
  const left = unescapeQuoted(back.slice(open), 0)[0];
  const ahead = input.text(at + 2, at + 84);
  const right = unescapeQuoted(ahead, 0);
  if (right[2] >= ahead.length || left.length === 0 || right[0].length === 0) return void 0;
  let out = "";
  for (let i = 0; i < Math.min(left.length, right[0].length); i++) out += String.fromCharCode((left.charCodeAt(i) ^ right[0].charCodeAt(i)) & 255);
  return /^[\w$]{3,40}$/.test(out) ? out : void 0;
}
var PICK_BEFORE = /\$(\w{1,40})\s{0,2}[[{]\s{0,2}\d{1,4}\s{0,2}[\]}]$/;
function indexPicks(input, at) {
  const back = input.text(at - 60, at + 1);
  const first = PICK_BEFORE.exec(back);
  if (!first) return void 0;
  const name = first[1];
  const start2 = at + 1 - first[0].length;
  const window = input.text(start2, start2 + 8192);
  const pick = new RegExp(`\\$${name}\\s{0,2}[[{]\\s{0,2}(\\d{1,4})\\s{0,2}[\\]}]\\s{0,4}\\.?\\s{0,4}`, "y");
  const indices = [];
  let i = 0;
  for (pick.lastIndex = 0; indices.length < 512; ) {
    const m = pick.exec(window);
    if (!m) break;
    indices.push(Number(m[1]));
    i = pick.lastIndex;
  }
  if (indices.length < 4) return void 0;
  const alphabet = assignedLiterals(input, start2, name, void 0);
  if (alphabet === void 0 || alphabet.length < 8) return void 0;
  return { start: start2, end: start2 + i, text: indices.map((n) => alphabet.charAt(n)).join("") };
}
var EVAL_START = /^\s{0,64}(?:<\?php\s{1,8})?@?eval\s{0,4}\(/i;
function unwrapChain(first, outer) {
  let hidden = first;
  let spent2 = hidden?.length ?? 0;
  for (let round = 0; round < MAX_CHAIN_ROUNDS && hidden !== void 0 && spent2 < MAX_CHAIN_CHARS; round++) {
    if (!EVAL_START.test(hidden.slice(0, 128))) break;
    const inner = hidden;
    const next = evalChain({ length: inner.length, positions: () => [], text: (from, to) => inner.slice(Math.max(0, from), Math.max(0, to)) }, inner.search(/eval/i), outer);
    if (next === void 0) break;
    hidden = next;
    spent2 += next.length;
  }
  return hidden;
}
var MAX_CHAIN_ROUNDS = 100;
var MAX_CHAIN_CHARS = 16 * 1024 * 1024;
var STD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function selfRead(input, at) {
  const head = input.text(at, at + 400);
  const call = /^__FILE__;\s{0,4}\$\w{1,40}\s{0,4}=\s{0,4}0x([0-9a-fA-F]{1,8});\s{0,4}eval\s{0,4}\(\s{0,4}\$\w{1,40}\s{0,4}\(\s{0,4}'([A-Za-z0-9+/=]{40,4000})'/.exec(head);
  if (!call) {
    const later = /0x([0-9a-fA-F]{1,8});\s{0,4}eval\s{0,4}\(\s{0,4}\$\w{1,40}\s{0,4}\(\s{0,4}'/.exec(input.text(at, at + 200));
    if (!later) return void 0;
    const start2 = at + later.index + later[0].length;
    const body = input.text(start2, start2 + 4e3);
    const end = body.indexOf("'");
    if (end < 40) return void 0;
    return selfReadStages(input, Buffer.from(body.slice(0, end), "base64").toString("latin1"), parseInt(later[1], 16));
  }
  return selfReadStages(input, Buffer.from(call[2], "base64").toString("latin1"), parseInt(call[1], 16));
}
function selfReadStages(input, first, rest) {
  const numbers = /0x([0-9a-fA-F]{1,8})\)\s{0,4};[^;]{0,200}0x([0-9a-fA-F]{1,8})\)/.exec(first);
  const alphabet = /'([A-Za-z0-9+/=]{64,65})'\s{0,4},\s{0,4}'([A-Za-z0-9+/=]{64,65})'/.exec(first);
  if (!numbers || !alphabet) return void 0;
  const skip = parseInt(numbers[1], 16);
  const length = parseInt(numbers[2], 16);
  const from = alphabet[1].slice(0, 64);
  const to = alphabet[2].slice(0, 64);
  if (to !== STD_ALPHABET || length > MAX_ONE || rest > MAX_ONE) return void 0;
  const map = /* @__PURE__ */ new Map();
  for (let i = 0; i < 64; i++) map.set(from[i], to[i]);
  const translate = (text) => {
    let out = "";
    for (const c of text) out += map.get(c) ?? c;
    return out;
  };
  const tail = input.text(skip + length, skip + length + rest);
  if (tail.length === 0) return void 0;
  return Buffer.from(translate(tail), "base64").toString("latin1");
}

// src/checks/malicious-code/bigram-rank.ts
var BIGRAM_RANK = "000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000840020000000000000000006121602434330226433222222222220220000000000000000000000000030202245544533623443352544444222426000000000008800300000000000000000091235003345001374644555545015003200000000000000000000000000014032426466335013354305336520205160000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000800000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000200000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000035003000000000000000000b674856986864767776555555563695670000000000000000000000000076647687878877866778886888777565868300000000000300100000000000000000054325123420013125500010000101601200000000000000000000000000241130434354335123344423453332211011000000000004002000000000000000000645445353624745544333323136545534000000000000000000000000004652436565555554455555356555434443510000000000030000000000000000000005236210421301032232211111100200120000000000000000000000000043222132333322311233231333421210210000000000000300000000000000000000020222224430020343432222221111201000000000000000000000000000121052667666567566666756786655545221000000000001000000000000000000000403413132202213132322121011221214000000000000000000000000002110103234341220123212025221123041100000000000050040000000000000000006443506351110112221210101000020000000000000000000000000000012102132334332322324332334243122410102222222222522322222222222222222283544436474484664443343333665443400000000000000000000000000457353766676666567666656776655554443200000000006002000000000000000000566283476723254456555554442331253000000000000000000000000005512646565765664566666567755544461020000000000070040000000000000000008342424757337564100000000068353520000000000000000000000000044511432223312301212211534121110656100000000002800600000000000000000082333114447322272222211010212323200000000000000000000000000332012332232223112332214432121400220000000000014004000000000000000000613141033505333334322111222425131000000000000000000000000002330113222322232222332123322241213210000000000380060000000000000000008461320451011632666666676602100100000000000000000000000000053203264555545544555554556554343512000000000000400100000000000000000060324224332327425665444455232382000000000000000000000000000243021556555445445555535554443341311000000000007006000000000000000000715353064443326565555544442135131000000000000000000000000003431636676666665566667567656554422210000000000370060000000000000000007244431545725348344333223334334220000000000000000000000000034452265655555545665564565556443423200000000000500400000000000000000064522334362275537666667565561643000000000000000000000000000355022544544322222322321322116220341000000000015001000000000000000000625122354612646476666666664526331000000000000000000000000004551324544442333343323244413233303400000000000240010000000000000000006252222546326463666666566645162300000000000000000000000000045524154454523412333332243231222023000000000001400000000000000000000052412124452264536666665566441632000000000000000000000000000354051565554223322333224331522220230000000000014001000000000000000000524102143522645266666666654416121000000000000000000000000002640305444553322232313233323022102300000000000040010000000000000000005141022435216452666666655644060110000000000000000000000000025402034444422112223032222121212023000000000000300100000000000000000051420114352264426666666655341611000000000000000000000000000154020444344122123330303331212220220000000000003001000000000000000000514201142511644255666666663306000000000000000000000000000001530204344441221121122122122121202200000000000030010000000000000000005141011435116442666656555534060100000000000000000000000000015303144444432233324132232222111022000000000000300000000000000000000051401104161164435555656556330600100000000000000000000000000154031444444333233233334433322220220000000000016005000000000000000000757253144331222644433322237232022000000000000000000000000005431435565555454455555455654434352300000000000180070000000000000000006232212434031212111120313023420200000000000000000000000000013113144534532523434321545243221124000000000000100000000000000000000053202214220011163333322232004436000000000000000000000000000132000454445344424434413553242211101000000000014003000000000000000000846032345233232355334322222027820000000000000000000000000004320335444654454444554455644443352100000000000060020000000000000000008342433733113333554555665432554100000000000000000000000000034306375655565634555564665555442533000000000000400200000000000000000063423124441132342221111000513355100000000000000000000000000342113433343234223343623542422223320000000000002000000000000000000000403121042201121100011000000110003000000000000000000000000001221106455544552265447165535321201100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000006002000000000000000000515163074113233265544333323120122000000000000000000000000003464435344543453444444345533333240010000000000010000000000000000000002042321533332444432110000022202310000000000000000000000000036322355665545533556454565744623222100000000000500200000000000000000072423034574475530320000000562524000000000000000000000000000635103111111001000102101100000004440000000000003000000000000000000000403121134110222222211111101223211000000000000000000000000003402103113121212123221112201102022100000000000030020000000000000000005030422465324252453332213134130110000000000000000000000000033306276766666645666665676665444122100000000000400400000000000000000051214213341042532300000000342122400000000000000000000000000233225434434334323334434443322302130000000000035003000000000000000000725242375623656644444434545535443000000000000000000000000005540629787567575688857588876668524400000000000240020000000000000000005141312555125454444545444554243120000000000000000000000000045315175557554774755754765734464032000000000002500500000000000000000071413236551355555555544554543423200000000000000000000000000454052856585487477558547687544640350000000000036005000000000000000000836432466644657444453443436535543000000000000000000000000005550648667865575565676567665546434400000000000370050000000000000000009362434777347676454454444577465440000000000000000000000000066607586887776756879677988677875355000000000002500300000000000000000081422236652355545444444444642442200000000000000000000000000454152755567548446458447667443520230000000000026003000000000000000000725122266622656624423221435534533000000000000000000000000005540636555856673466666466675435315400000000000250030000000000000000007241213666236564334323223255344330000000000000000000000000044405374558445834555774657644353134000000000002400100000000000000000061412236452455543431132131443553200000000000000000000000000445051778878745568798657885746461340000000000012000000000000000000000503011154413434232211000232313011000000000000000000000000003340316434733254334364336454324201200000000000240030000000000000000006141212655325554223211213246242240000000000000000000000000045405275557455635555653565544354023000000000003600400000000000000000074533237662365652353342222562543400000000000000000000000000554163866786648458557645777653731440000000000025002000000000000000000714221265512555533332322224424532000000000000000000000000005540638655865474466677456564445413300000000000360040000000000000000008462334776436666345312122266454450000000000000000000000000056516385888786756667764588765464444100000000002500300000000000000000072512136551355542333202132542543300000000000000000000000000544052777857657577897748777776441340000000000036003000000000000000000624321366502556423433312346534333000000000000000000000000005540638566854773575577386774446333310000000000120000000000000000000004120101543013231432111122232032100000000000000000000000000031204053434443433634344544733333011100000000003600400000000000000000082623247762466753444212322663544300000000000000000000000000565173867796758466788648777654752451000000000036005000000000000000000826333477744778633443223326635344000000000000000000000000007651757576865784666677668875647424510000000000360050000000000000000008362434777346675344422314266455440000000000000000000000000066507485768659845666875877856574455000000000002400100000000000000000061402026440443427335555554321422100000000000000000000000000333151676685647457785728785444451230000000000013000000000000000000000514010254412434324533132334414421000000000000000000000000004530508454845372444564254443334302400000000000140020000000000000000007140102554235463323322222344241210000000000000000000000000044305274556446734446653664446342022000000000002400200000000000000000060403225552355535554444444542422200000000000000000000000000424153646565346334555735473445532330000000000026004000000000000000000725232367632656534431111225544342000000000000000000000000005650636555654463466667366644435444400000000000120000000000000000000005130211534123333323211112232132140000000000000000000000000024304164446335533444533344434344012000000000001800700000000000000000062414204312002303433211111010002600000000000000000000000000330231445444335244444425554532224160000000000004004000000000000000000644233144201112133322221214123211000000000000000000000000003432214344443342234534245434322236110000000000280060000000000000000006152311456216354100000000046242210000000000000000000000000034403442434542311322231443342211235100000000000100000000000000000000011102003211000010110100000000110000000000000000000000000000011100101110001001001101111011000002000000000000000000000000000000000000000020000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

// src/checks/malicious-code/literals.ts
var FOLD = new Uint8Array(256);
for (let i = 0; i < 256; i++) FOLD[i] = i >= 65 && i <= 90 ? i + 32 : i;
function cases(byte) {
  return byte >= 97 && byte <= 122 ? [byte, byte - 32] : [byte];
}
function rank(a, b) {
  if (a >= 128 || b >= 128) return 0;
  return parseInt(BIGRAM_RANK[a * 128 + b], 16);
}
var BEFORE = 0;
var AFTER = 1;
var LiteralSet = class {
  literals = [];
  index = /* @__PURE__ */ new Map();
  /** Anchor pair → slot (0: no literal is anchored on that pair). */
  pairs = new Uint16Array(65536);
  slots = 1;
  /** Per slot: the 2-byte literals that are the pair itself. */
  whole = [void 0];
  /** At (slot · 256 + byte) · 2 + side: 1 when a literal anchored on the slot's pair has that byte just before (0) or after (1) the pair. */
  near = new Uint8Array(512 * 64);
  /** The literals to compare, at the same index as `near` (an array, not a Map: it is read in the hot loop). */
  nearLists = [];
  /** Register a literal (folded to lower case); returns its id. */
  add(literal) {
    const key = literal.toLowerCase();
    const known = this.index.get(key);
    if (known !== void 0) return known;
    const id = this.literals.length;
    this.literals.push(key);
    this.index.set(key, id);
    const bytes = Buffer.from(key, "latin1");
    if (bytes.length < 2) throw new Error(`literal too short: ${literal}`);
    let best = 1;
    let bestRank = Infinity;
    for (let k = 1; k < bytes.length; k++) {
      const r = rank(bytes[k - 1], bytes[k]);
      if (r < bestRank) {
        bestRank = r;
        best = k;
      }
    }
    const anchored = { id, bytes, k: best };
    if (bytes.length === 2) {
      for (const a of cases(bytes[0])) for (const b of cases(bytes[1])) (this.whole[this.slotOf(a << 8 | b)] ??= []).push(anchored);
      return id;
    }
    const before = best >= 2 ? rank(bytes[best - 2], bytes[best - 1]) : Infinity;
    const after = best + 1 < bytes.length ? rank(bytes[best], bytes[best + 1]) : Infinity;
    const side = before <= after ? BEFORE : AFTER;
    const neighbour = side === BEFORE ? bytes[best - 2] : bytes[best + 1];
    for (const a of cases(bytes[best - 1])) {
      for (const b of cases(bytes[best])) {
        for (const c of cases(neighbour)) {
          const at = this.slotOf(a << 8 | b) * 256 + c << 1 | side;
          this.near[at] = 1;
          (this.nearLists[at] ??= []).push(anchored);
        }
      }
    }
    return id;
  }
  id(literal) {
    return this.index.get(literal.toLowerCase());
  }
  /**
   * Offsets of every literal in `bytes`, per literal id, in ascending order (at most `cap`
   * per literal; undefined where a literal does not occur), and how many were found in
   * all. The hot loop: one table load per byte; a neighbour check where an anchor pair
   * matched; a comparison only where the neighbour matched too.
   */
  scan(bytes, cap = 5e3) {
    const out = new Array(this.literals.length);
    let total = 0;
    const n = bytes.length;
    if (n < 2) return { hits: out, total };
    const pairs = this.pairs;
    const near = this.near;
    let prev = bytes[0];
    for (let i = 1; i < n; i++) {
      const cur = bytes[i];
      const slot = pairs[prev << 8 | cur];
      prev = cur;
      if (slot === 0) continue;
      const base = slot << 9;
      const whole = this.whole[slot];
      if (whole !== void 0) total += compare(whole, bytes, i, out, cap);
      if (i >= 2) {
        const at = base | bytes[i - 2] << 1 | BEFORE;
        if (near[at] === 1) total += compare(this.nearLists[at], bytes, i, out, cap);
      }
      if (i + 1 < n) {
        const at = base | bytes[i + 1] << 1 | AFTER;
        if (near[at] === 1) total += compare(this.nearLists[at], bytes, i, out, cap);
      }
    }
    return { hits: out, total };
  }
  slotOf(pair) {
    let slot = this.pairs[pair];
    if (slot !== 0) return slot;
    slot = this.slots++;
    if (slot > 65535) throw new Error("too many anchor pairs");
    this.pairs[pair] = slot;
    this.whole.push(void 0);
    if ((slot + 1) * 512 > this.near.length) {
      const grown = new Uint8Array(this.near.length * 2);
      grown.set(this.near);
      this.near = grown;
    }
    return slot;
  }
};
function compare(list2, bytes, i, out, cap) {
  let added = 0;
  const n = bytes.length;
  for (let j = 0; j < list2.length; j++) {
    const a = list2[j];
    const start2 = i - a.k;
    const lit = a.bytes;
    if (start2 < 0 || start2 + lit.length > n) continue;
    let m = 0;
    while (m < lit.length && FOLD[bytes[start2 + m]] === lit[m]) m++;
    if (m === lit.length) {
      const found = out[a.id] ??= [];
      if (found.length < cap) {
        found.push(start2);
        added++;
      }
    }
  }
  return added;
}

// src/checks/malicious-code/engine.ts
var RULES = [...SHELL_RULES, ...LOADER_RULES, ...SKIMMER_RULES, ...EXFILTRATION_RULES];
var MAX_WINDOW = 4 * 1024 * 1024;
var MAX_DEPTH = 2;
var LAYER_BUDGET = 8 * 1024 * 1024;
var DECODE_LITERALS = ["\\x", "\\u00", "\\1", "\\14", "\\15", "\\16", "\\13", "\\12", "\\10", "\\7", "\\6", "\\5", "\\4", "fromcharcode", "chr(", "&#", "unescape", "decodeuricomponent", "atob", "base64_decode", "eval(function(p,a,c,k,e", "='=", '"=', "str_replace", "strtr", "substr_replace", "strrev", "str_rot13", "trim(", "hex2bin", "ucwords", "strtolower", ").$", "'.'", '"."', "' . '", '" . "', "'+'", '"+"', "' + '", '" + "', `'."`, `".'`, "__file__", "].$", "'^'", '"^"', `'^"`, `"^'`];
var CHAIN_REACH = 300;
var CODE_START = /[($]/;
var PHP_INSIDE = /<\?php|<\?=|\$_(?:POST|GET|REQUEST)|\beval\s{0,4}\(|\$[a-z_]\w{0,20}\s{0,4}=/i;
var compiled = /* @__PURE__ */ new Map();
function compile(lang) {
  let c = compiled.get(lang);
  if (c) return c;
  const set = new LiteralSet();
  const rules = [];
  for (const rule of RULES) {
    if (!rule.langs.includes(lang)) continue;
    const ids = rule.literals.map((l) => set.add(l));
    for (const l of rule.aux ?? []) set.add(l);
    rules.push({ rule, ids });
  }
  const decodeIds = DECODE_LITERALS.map((l) => set.add(l));
  c = { set, rules, decodeIds };
  compiled.set(lang, c);
  return c;
}
var NONE = [];
var TextView = class {
  constructor(lang, bytes, hits, set) {
    this.lang = lang;
    this.bytes = bytes;
    this.hits = hits;
    this.set = set;
  }
  lang;
  bytes;
  hits;
  set;
  decodedCache;
  get length() {
    return this.bytes.length;
  }
  text(from, to) {
    const a = Math.max(0, Math.min(this.bytes.length, from));
    const b = Math.max(a, Math.min(this.bytes.length, to, a + MAX_WINDOW));
    return this.bytes.toString("latin1", a, b);
  }
  positions(literal) {
    const id = this.set.id(literal);
    return id === void 0 ? NONE : this.hits[id] ?? NONE;
  }
  near(offset, literals, distance) {
    for (const l of literals) for (const p of this.positions(l)) if (Math.abs(p - offset) <= distance) return true;
    return false;
  }
  has(literals) {
    for (const l of literals) if (this.positions(l).length > 0) return true;
    return false;
  }
  decoded() {
    this.decodedCache ??= decodeAll({ text: (a, b) => this.text(a, b), length: this.length, positions: (l) => this.positions(l) });
    return this.decodedCache;
  }
};
function scanText(bytes, lang, depth = 0) {
  const { set, rules, decodeIds } = compile(lang);
  const { hits, total } = set.scan(bytes);
  if (total === 0) return [];
  const view = new TextView(lang, bytes, hits, set);
  const found = [];
  for (const { rule, ids } of rules) {
    let at;
    for (const id of ids) {
      const h = hits[id];
      if (h) at = at ? at.concat(h) : h.slice();
    }
    if (!at) continue;
    if (rule.caseSensitive) at = at.filter((o) => rule.literals.some((l) => bytes.toString("latin1", o, o + l.length) === l));
    if (at.length === 0) continue;
    at.sort((a, b) => a - b);
    const hit = rule.match(view, at);
    if (hit) found.push(hit.note === void 0 ? { rule, offset: hit.offset } : { rule, offset: hit.offset, note: hit.note });
  }
  if (depth >= MAX_DEPTH || !decodeIds.some((id) => hits[id] !== void 0)) return found;
  const inner = scanLayers(view, lang, depth, found);
  if (inner === 0 && found.length > 0 && found.every((hit) => OBFUSCATION_ONLY.has(hit.rule.id)) && view.decoded().some(isPlainCode)) return [];
  return found;
}
var CAPABILITY = /(?:^|[^\w>$:])(?:system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec|eval|assert|create_function|move_uploaded_file|fsockopen)\s{0,4}\(|\$_(?:POST|GET|REQUEST|COOKIE|FILES)\b/i;
var OBFUSCATION_ONLY = /* @__PURE__ */ new Set(["php-decoder-to-code-sink", "php-long-payload-decoded"]);
function isPlainCode(d) {
  if (d.text.length < 48 || !(d.how === "base64" || d.how === "inflate" || d.how === "selfread" || d.how === "chain")) return false;
  const sample = d.text.slice(0, 4096);
  let printable2 = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c >= 32 && c < 127 || c === 9 || c === 10 || c === 13) printable2++;
  }
  return printable2 >= sample.length * 0.97 && /[;{}]/.test(sample) && /\bfunction\b|\bclass\s{1,4}\w|\$\w{1,40}\s{0,4}(?:->|=|\()/.test(sample) && !CAPABILITY.test(d.text.slice(0, 256 * 1024));
}
function scanLayers(view, lang, depth, found) {
  let budget = LAYER_BUDGET;
  let inner = 0;
  const layers = view.decoded();
  const chains = layers.filter((d) => d.how === "chain").map((d) => d.offset);
  for (const d of layers) {
    if (budget <= 0) break;
    if (d.how !== "chain" && chains.some((at) => d.offset > at && d.offset - at < CHAIN_REACH)) continue;
    if (d.text.length < 48 || !CODE_START.test(d.text.slice(0, 2048))) continue;
    if (d.how === "concat" && (lang === "js" || d.text.length < 40)) continue;
    if (d.how === "transform" || d.how === "chr" || d.how === "packer") continue;
    budget -= d.text.length;
    const innerLang = lang !== "js" && PHP_INSIDE.test(d.text.slice(0, 4096)) ? "php" : lang === "php" || lang === "html" ? "html" : lang;
    for (const f of scanText(Buffer.from(d.text, "latin1"), innerLang, depth + 1)) {
      if (!OBFUSCATION_ONLY.has(f.rule.id)) inner++;
      if (found.some((k) => k.rule === f.rule)) continue;
      const layer = f.layer ? `${d.how}>${f.layer}` : d.how;
      found.push(f.note === void 0 ? { rule: f.rule, offset: d.offset, layer } : { rule: f.rule, offset: d.offset, note: f.note, layer });
    }
  }
  return inner;
}

// src/checks/malicious-code/excerpt.ts
function placeOf(bytes, offset, lineBase = 1) {
  let line = lineBase;
  let last2 = -1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) {
    line++;
    last2 = i;
  }
  const column = offset - last2;
  let end = bytes.indexOf(10, offset);
  if (end < 0) end = bytes.length;
  const from = Math.max(last2 + 1, offset - 24);
  const to = Math.min(end, offset + 120);
  return { line, column, excerpt: redact(bytes.toString("latin1", from, to), from > last2 + 1, to < end) };
}
function redact(text, cutStart, cutEnd) {
  let s = text.replace(/[\x00-\x08\x0b-\x1f\x7f-\xff]/g, ".").replace(/\t/g, " ").replace(/(?:\\x[0-9a-fA-F]{2}|\\[0-7]{3}|\\u[0-9a-fA-F]{4}|&#\d{2,5};|%[0-9a-fA-F]{2}){4,}/g, (m) => `\u2039${m.length} escaped\u203A`).replace(/[A-Za-z0-9+/=_\-.%\\]{24,}/g, (m) => `${m.slice(0, 6)}\u2039${m.length}\u203A`).replace(/\d{1,3}(?:\s{0,2},\s{0,2}\d{1,3}){6,}/g, (m) => `\u2039${m.split(",").length} codes\u203A`).replace(/\s{2,}/g, " ");
  if (s.length > 76) s = s.slice(0, 76);
  return `${cutStart ? "\u2026" : ""}${s}${cutEnd ? "\u2026" : ""}`.slice(0, 80);
}

// src/checks/malicious-code/languages.ts
var PHP_EXT = /* @__PURE__ */ new Set(["php", "phtml", "php3", "php4", "php5", "php6", "php7", "php8", "phps", "pht", "phar", "inc", "module", "ctp"]);
var JS_EXT = /* @__PURE__ */ new Set(["js", "mjs", "cjs", "jsx", "ts", "tsx", "vue", "svelte"]);
var HTML_EXT = /* @__PURE__ */ new Set(["html", "htm", "xhtml", "shtml", "tpl", "twig", "svg", "hbs", "handlebars", "mustache", "ejs", "erb", "liquid", "smarty", "latte", "blade", "xml"]);
var CONFIG_NAMES = /* @__PURE__ */ new Set([".htaccess", ".user.ini", "php.ini", "htaccess", "user.ini"]);
var SNIFF_EXT = /* @__PURE__ */ new Set(["", "txt", "bak", "old", "suspected", "ico", "jpg", "jpeg", "png", "gif", "bmp", "webp", "log", "dat", "tmp", "cache"]);
var SNIFF_BYTES = 64 * 1024;
function languageOf(base) {
  const lower = base.toLowerCase();
  if (CONFIG_NAMES.has(lower) || lower.endsWith(".htaccess") || lower.startsWith(".htaccess.")) return "config";
  const dot = lower.lastIndexOf(".");
  const ext = dot <= 0 ? "" : lower.slice(dot + 1);
  if (ext === "ini" && (lower.includes("user") || lower.includes("php"))) return "config";
  if (ext === "conf" && (lower.includes("nginx") || lower.includes("apache") || lower.includes("httpd") || lower.includes("vhost"))) return "config";
  if (JS_EXT.has(ext)) return "js";
  if (PHP_EXT.has(ext)) return "php";
  if (HTML_EXT.has(ext)) return "html";
  if (SNIFF_EXT.has(ext)) return "sniff";
  return void 0;
}
function isImageName(base) {
  return /\.(?:ico|jpe?g|png|gif|bmp|webp)$/i.test(base);
}
function sniffLanguage(head, image) {
  if (image) return head.indexOf("<?php", 0, "latin1") >= 0 || head.indexOf("<?PHP", 0, "latin1") >= 0 ? "php" : void 0;
  const start2 = head.toString("latin1", 0, Math.min(head.length, 1024));
  if (/<\?php|<\?=/i.test(start2)) return "php";
  if (start2.startsWith("#!") && start2.slice(0, 80).includes("node")) return "js";
  return void 0;
}

// src/checks/malicious-code/malicious-code.ts
var MAX_FINDINGS = 1e4;
var MAX_CONTENTS = 65536;
var MAX_NOTES = 50;
var WHAT = {
  shells: "Web shell",
  loaders: "Obfuscated loader",
  skimmers: "Card skimmer",
  exfiltration: "Data exfiltration"
};
var NOTHING = [];
var MaliciousCodeCheck = class {
  name = "malicious-code";
  plans = new Plans();
  findings = [];
  scanned = /* @__PURE__ */ new Map();
  notes = [];
  partial = 0;
  dropped = 0;
  wants(header, base) {
    if (header.size === 0) return 0;
    const lower = base.toLowerCase();
    const sourceMap = lower.endsWith(".map") && (lower.endsWith(".js.map") || lower.endsWith(".mjs.map") || lower.endsWith(".cjs.map"));
    const lang = sourceMap ? "js" : languageOf(base);
    if (lang === void 0 || neverRuns(header.path, lower, sourceMap)) return 0;
    const image = lang === "sniff" && isImageName(base);
    const bound = image ? Math.min(header.size, SNIFF_BYTES) : headBound(header.size, sourceMap);
    this.plans.set(header, { lang, image, sourceMap, bound });
    return bound;
  }
  wantsTail(header) {
    const plan = this.plans.peek(header);
    return plan && !plan.image ? tailBound(header.size, plan.sourceMap) : 0;
  }
  forget(header) {
    this.plans.forget(header);
  }
  take(entry, content) {
    const plan = this.plans.use(entry);
    if (plan === void 0) return;
    let lang = plan.lang === "sniff" ? sniffLanguage(content.bytes.subarray(0, plan.bound), plan.image) : plan.lang;
    if (lang === void 0) return;
    if (plan.image) lang = "php";
    const key = `${lang}\0${entry.sha256 ?? ""}\0${content.bytes.length}\0${content.tail?.length ?? 0}`;
    let found = entry.sha256 === void 0 ? void 0 : this.scanned.get(key);
    if (!found) {
      found = this.scan(content, entry.size, plan, lang);
      if (entry.sha256 !== void 0 && this.scanned.size < MAX_CONTENTS) this.scanned.set(key, found.length === 0 ? NOTHING : found);
    }
    if (!plan.image) {
      const note = partialNote(entry.path, entry.size, content, plan.bound);
      if (note !== void 0 && this.partial++ < MAX_NOTES) this.notes.push(note);
    }
    if (found.length > 0) this.record(entry.path, found);
  }
  scan(content, size, plan, lang) {
    const out = [];
    for (const part of textParts(content, size, plan.bound, plan.sourceMap, true)) {
      for (const hit of scanText(part.bytes, lang)) {
        if (out.some((known) => known.hit.rule === hit.rule)) continue;
        out.push(placed(part, hit));
      }
    }
    return out;
  }
  /** One finding per file: the gravest rule that matched (the first of the gravest), the others named in the detail. */
  record(path, found) {
    if (this.findings.length >= MAX_FINDINGS) {
      this.dropped++;
      return;
    }
    let first = found[0];
    for (const f of found) if (severityRank(severityOf(f.hit.rule, path)) < severityRank(severityOf(first.hit.rule, path))) first = f;
    const { hit } = first;
    const rule = hit.rule;
    const where = [
      first.source ? `in the embedded source ${first.source}` : "",
      first.line === void 0 ? `at byte ${first.offset} (in the file's last part)` : `line ${first.line}`,
      hit.layer ? `inside a ${hit.layer} layer` : ""
    ].filter((part) => part !== "");
    const others = found.filter((f) => f !== first).map((f) => f.line === void 0 ? f.hit.rule.id : `${f.hit.rule.id} (line ${f.line})`);
    const finding = checkFinding({
      kind: "malicious-code",
      severity: severityOf(rule, path),
      rule: rule.id,
      subject: path,
      path,
      title: `${WHAT[rule.family]}: ${hit.note ?? rule.description}`,
      detail: `${where.join(", ")}: ${rule.description}${others.length > 0 ? `; also matches ${others.join(", ")}` : ""}; see ${rule.reference}`
    });
    if (first.line !== void 0 && first.source === void 0) finding.line = first.line;
    finding.excerpt = first.excerpt;
    this.findings.push(finding);
  }
  finish() {
    const findings = sortFindings(this.findings);
    if (this.dropped > 0) {
      findings.push(
        checkFinding({
          kind: "malicious-code",
          severity: "critical",
          rule: "too-many-findings",
          subject: "too-many-findings",
          subjectIsPath: false,
          title: `More than ${MAX_FINDINGS.toLocaleString("en-US")} malicious-code findings: ${this.dropped.toLocaleString("en-US")} more were not reported`,
          detail: "the package is full of code the rules call malicious; treat it as compromised"
        })
      );
    }
    const notes = [...this.notes];
    if (this.partial > MAX_NOTES) notes.push(`\u2026 and ${this.partial - MAX_NOTES} more files read in part`);
    return { findings, notes };
  }
};
function neverRuns(path, lower, sourceMap) {
  if (lower.endsWith(".d.ts") || lower.endsWith(".d.mts") || lower.endsWith(".d.cts")) return true;
  if (!inDependencyTree(path)) return false;
  return sourceMap || lower.endsWith(".ts") || lower.endsWith(".tsx") || lower.endsWith(".mts") || lower.endsWith(".cts");
}
function placed(part, hit) {
  const place = placeOf(part.bytes, Math.min(hit.offset, part.bytes.length));
  return {
    hit,
    line: part.firstLine === void 0 ? void 0 : part.firstLine + place.line - 1,
    excerpt: place.excerpt,
    source: part.source,
    offset: part.offset + hit.offset
  };
}
function severityOf(rule, path) {
  return rule.suspicious && !inDependencyTree(path) ? "medium" : rule.severity;
}

// src/checks/tampered-packages/record-hashes.ts
var MAX_RECORD_BYTES = 8 * 1024 * 1024;

// src/checks/permissions/owners.ts
var MAX_OWNERS = 1e3;
var EXAMPLES = 5;
var OwnersCheck = class {
  name = "owners";
  check(manifest) {
    const owners = /* @__PURE__ */ new Map();
    let last2;
    const note = (path, uid, gid) => {
      if (uid === void 0) return true;
      let owner = last2 !== void 0 && last2.uid === uid && last2.gid === (gid ?? uid) ? last2 : owners.get(`${uid}:${gid ?? uid}`);
      if (!owner) {
        if (owners.size >= MAX_OWNERS) return false;
        owners.set(`${uid}:${gid ?? uid}`, owner = { uid, gid: gid ?? uid, count: 0, paths: [] });
      }
      last2 = owner;
      owner.count++;
      if (owner.paths.length < EXAMPLES) owner.paths.push(path);
      return true;
    };
    if (manifest.root) note(".", manifest.root.uid, manifest.root.gid);
    for (const file of manifest.files) {
      if (!note(file.path, file.uid, file.gid)) return [tooMany()];
    }
    if (owners.size < 2) return [];
    const ranked = [...owners.values()].sort((a, b) => b.count - a.count || a.uid - b.uid || a.gid - b.gid);
    const majority = ranked[0];
    const findings = [];
    for (const owner of ranked.slice(1)) {
      const root = owner.uid === 0;
      findings.push(
        checkFinding({
          kind: "permission",
          severity: "medium",
          rule: "mixed-owner",
          subject: `${owner.uid}:${owner.gid}`,
          subjectIsPath: false,
          path: owner.paths[0],
          title: `${owner.count.toLocaleString("en-US")} ${owner.count === 1 ? "entry is" : "entries are"} owned by ${owner.uid}:${owner.gid}, the rest of the package by ${majority.uid}:${majority.gid}`,
          detail: `${root ? "root-owned entries in a package of another owner cannot be changed by the deploy user" : `uid ${owner.uid} is whoever has that id on the server once GNU tar restores owners as root`}; e.g. ${examples(owner.paths, EXAMPLES)}; pack with --owner=0 --group=0 --numeric-owner, or extract with --no-same-owner`
        })
      );
    }
    return sortFindings(findings);
  }
};
function tooMany() {
  return checkFinding({
    kind: "permission",
    severity: "medium",
    rule: "mixed-owner",
    subject: "many-owners",
    subjectIsPath: false,
    title: `More than ${MAX_OWNERS} different owners in one package`,
    detail: "a release is normally owned by one uid:gid; pack with --owner=0 --group=0 --numeric-owner"
  });
}

// src/checks/permissions/permissions.ts
import { createHash } from "node:crypto";
var SETUID = 2048;
var SETGID = 1024;
var WORLD_WRITE = 2;
var ANY_EXECUTE = 73;
var WRITABLE_DIR = /(?:^|\/)(?:var|generated|pub\/static|pub\/media|wp-content\/uploads|wp-content\/cache|storage|cache|tmp|logs?|files|public\/media|public\/thumbnail|public\/sitemap|img|upload|uploads|download|translations|mails)(?:\/|$)/;
var UPLOAD_DIR = /(?:^|\/)(?:pub\/media|wp-content\/uploads|public\/media|public\/thumbnail|img|upload|uploads|download)\//;
var SCRIPT_FREE_DIR = /(?:^|\/)(?:pub\/media|pub\/static|wp-content\/uploads|public\/media|public\/thumbnail|img|upload|uploads|download)\//;
var SCRIPT_HINT = /\.(?:ph|sht|cgi|pl)/i;
var SERVER_SCRIPT = /* @__PURE__ */ new Set(["php", "phtml", "phar", "pht", "phps", "php3", "php4", "php5", "php7", "php8", "shtml", "cgi", "pl"]);
var SPECIAL_SEVERITY = {
  "block-device": "critical",
  "char-device": "critical",
  fifo: "high",
  socket: "high",
  contiguous: "medium",
  unknown: "medium"
};
var PermissionsCheck = class {
  name = "permissions";
  check(manifest) {
    const findings = [];
    const worldWritable = new WorldWritable();
    if (manifest.root && manifest.root.mode & WORLD_WRITE) worldWritable.add(".", "dir", true);
    for (const file of manifest.files) {
      const mode = modeBits(file.mode);
      if (file.type === "other") {
        findings.push(special(file));
        continue;
      }
      if (file.type === "symlink") continue;
      if (mode & SETUID || mode & SETGID && file.type !== "dir") findings.push(setid(file, mode));
      if (mode & WORLD_WRITE) worldWritable.add(file.path, file.type, false);
      if (file.type === "file" || file.type === "hardlink") findings.push(...webroot(file, mode));
    }
    findings.push(...worldWritable.findings());
    return sortFindings(findings);
  }
};
function modeBits(mode) {
  let bits = 0;
  for (let i = 0; i < mode.length; i++) bits = bits * 8 + (mode.charCodeAt(i) - 48 & 7);
  return bits;
}
function special(file) {
  const what = file.special ?? "unknown";
  return checkFinding({
    kind: "permission",
    severity: SPECIAL_SEVERITY[what],
    rule: "special-file",
    subject: file.path,
    path: file.path,
    title: `Special file (${what}) in the release: never legitimate in a web release`,
    detail: "GNU tar run as root creates device nodes and FIFOs as stored; a device node gives raw access to a disk or memory"
  });
}
function setid(file, mode) {
  const setuid = (mode & SETUID) !== 0;
  const isDir = file.type === "dir";
  return checkFinding({
    kind: "permission",
    severity: isDir ? "low" : setuid ? "critical" : "high",
    rule: setuid ? "setuid" : "setgid",
    subject: file.path,
    path: file.path,
    title: `${setuid ? "setuid" : "setgid"} ${isDir ? "folder" : "file"} (mode ${file.mode}${file.uid !== void 0 ? `, owner ${file.uid}` : ""})`,
    detail: isDir ? "setuid on a folder has no use on Linux; it is a sign of a careless chmod" : `it runs with the ${setuid ? "owner" : "group"}'s rights whoever starts it, and GNU tar run as root restores the bit`
  });
}
function webroot(file, mode) {
  if (!(mode & ANY_EXECUTE) && !SCRIPT_HINT.test(baseName(file.path))) return [];
  if (inDependencyTree(file.path)) return [];
  const findings = [];
  const script = SERVER_SCRIPT.has(extensionOf(baseName(file.path)));
  if (script && SCRIPT_FREE_DIR.test(file.path)) {
    findings.push(
      checkFinding({
        kind: "permission",
        severity: "critical",
        rule: "script-in-upload-dir",
        subject: file.path,
        path: file.path,
        title: "Server script in an upload, media or static folder (a webshell drop zone)",
        detail: "nothing in these folders is meant to run; a script there is served and run by the web server unless it is blocked"
      })
    );
  } else if (mode & ANY_EXECUTE && UPLOAD_DIR.test(file.path)) {
    findings.push(
      checkFinding({
        kind: "permission",
        severity: "high",
        rule: "executable-in-upload-dir",
        subject: file.path,
        path: file.path,
        title: `Executable file in an upload or media folder (mode ${file.mode})`,
        detail: "media never needs the execute bit; with ExecCGI it runs, and it is a sign of tampering"
      })
    );
  }
  return findings;
}
var Group = class {
  constructor(type, severity, root) {
    this.type = type;
    this.severity = severity;
    this.root = root;
  }
  type;
  severity;
  root;
  beneath = 0;
  /** The members' paths below the group, in the order the sorted manifest gives them. */
  members = createHash("sha256");
  join(relative, severity) {
    this.beneath++;
    this.severity = graver(this.severity, severity);
    this.members.update(`${relative}\0`);
  }
  aspect() {
    return `world-writable:${this.severity}:${this.members.digest("hex").slice(0, 16)}`;
  }
};
var WorldWritable = class {
  groups = /* @__PURE__ */ new Map();
  add(path, type, root) {
    const severity = root ? "high" : WRITABLE_DIR.test(path) ? "medium" : "high";
    for (let folder2 = parentOf(path); folder2 !== ""; folder2 = parentOf(folder2)) {
      const group = this.groups.get(folder2);
      if (group) {
        group.join(path.slice(folder2.length + 1), severity);
        return;
      }
    }
    const top = this.groups.get(".");
    if (top && !root) {
      top.join(path, severity);
      return;
    }
    this.groups.set(path, new Group(type, severity, root));
  }
  findings() {
    const findings = [];
    for (const [path, group] of this.groups) {
      const what = group.root ? "The package root is" : group.type === "dir" ? "Folder is" : "File is";
      findings.push(
        checkFinding({
          kind: "permission",
          severity: group.severity,
          rule: "world-writable",
          subject: path,
          // what the group holds is part of the risk: a new world-writable entry under it is a new finding
          aspect: group.aspect(),
          path,
          title: `${what} world-writable${group.beneath > 0 ? `, with ${group.beneath.toLocaleString("en-US")} world-writable entries beneath it` : ""}`,
          detail: group.severity === "medium" ? "a folder the store writes to, but any local user or another site\u2019s PHP pool can change what is in it; use group write for the web user" : "any local user or another site\u2019s PHP pool can change this code; nothing in a release needs mode o+w"
        })
      );
    }
    return findings;
  }
};

// src/checks/secrets/placeholder.ts
var PLACEHOLDER_WORDS = [
  "example",
  "sample",
  "placeholder",
  "changeme",
  "change_me",
  "change-me",
  "changethis",
  "replace",
  "your",
  "dummy",
  "fake",
  "mock",
  "redacted",
  "todo",
  "fixme",
  "insert",
  "editme",
  "notsosecret",
  "thistokenisnotsosecret",
  "secret_here",
  "key_here",
  "token_here",
  "password_here",
  "password",
  "passwd",
  "string_value",
  "xxxx",
  "****",
  "\u2026.",
  "..."
];
var PLACEHOLDER_VALUES = /* @__PURE__ */ new Set([
  "password",
  "passwd",
  "pass",
  "secret",
  "token",
  "key",
  "apikey",
  "api_key",
  "test",
  "testing",
  "admin",
  "root",
  "user",
  "username",
  "null",
  "none",
  "nil",
  "undefined",
  "false",
  "true",
  "empty",
  "default",
  "string",
  "value",
  "foo",
  "bar",
  "foobar",
  "baz",
  "qwerty",
  "letmein",
  "hunter2",
  "abc123",
  "password123",
  "secret123",
  "db_password",
  "db_pass",
  "mysecret",
  "mypassword",
  "supersecret",
  "s3cr3t",
  "p@ssw0rd",
  "p@ssword",
  "psw",
  "pwd"
]);
var WORD = new RegExp(`^(?:${PLACEHOLDER_WORDS.map(escape).join("|")})|(?:^|[^a-z])(?:${PLACEHOLDER_WORDS.map(escape).join("|")})(?:[^a-z]|$)`);
function escape(word) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function isPlaceholder(value, { words = "anywhere" } = {}) {
  const trimmed = value.trim();
  if (trimmed.length === 0) return true;
  if (/[${}<>%@]/.test(trimmed[0]) && /^(?:\$\{.*\}|\$[A-Za-z_][\w]*|\{\{.*\}\}|%[^%]+%|<[^>]*>|@[\w.-]+@|\{[\w.-]+\})$/s.test(trimmed)) return true;
  if (/\$\{|\{\{|%env\(|<%=|#\{/.test(trimmed)) return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_VALUES.has(lower)) return true;
  if (words === "anywhere" ? PLACEHOLDER_WORDS.some((word) => lower.includes(word)) : words === "standalone" ? WORD.test(lower) : /\.\.\.|…|xxxx|\*\*\*\*/.test(lower)) return true;
  if (/^(.)\1*$/.test(trimmed)) return true;
  if (/^(?:0?123456789?0?|abcdef(?:ghij)?|0123456789abcdef|123abc|abc123)/i.test(trimmed) && distinctCharacters(trimmed) <= 16) return true;
  if (/^[xX*0#._-]+$/.test(trimmed) || share(trimmed, /[xX*]/g) >= 0.5) return true;
  return false;
}
function entropy(value) {
  if (value.length === 0) return 0;
  const counts = /* @__PURE__ */ new Map();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}
function distinctCharacters(value) {
  return new Set(value).size;
}
function share(value, pattern) {
  return (value.match(pattern)?.length ?? 0) / value.length;
}

// src/checks/secrets/env-file.ts
var MAX_LINES = 2e4;
function envAssignments(text) {
  const out = [];
  const lines = text.split(/\r?\n/, MAX_LINES);
  for (const [index, raw] of lines.entries()) {
    const match = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=([^\r\n]*)/.exec(raw);
    if (!match) continue;
    out.push({ key: match[1], value: unquote(match[2]), line: index + 1 });
  }
  return out;
}
function unquote(raw) {
  const value = raw.trim();
  const quote = value[0];
  if (quote === '"' || quote === "'" || quote === "`") {
    const end = value.indexOf(quote, 1);
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  const comment = value.search(/\s#/);
  return (comment >= 0 ? value.slice(0, comment) : value).trim();
}
var PUBLIC_PREFIX = /^(?:NEXT_PUBLIC_|VITE_|PUBLIC_|REACT_APP_|GATSBY_|NUXT_PUBLIC_|EXPO_PUBLIC_|VUE_APP_|STORYBOOK_)/;
var CREDENTIAL_KEY = /(?:SECRET|PASSWORD|PASSWD|PASSPHRASE|_PASS$|_PWD$|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|AUTH_?KEY|CLIENT_?SECRET|CREDENTIALS?|SALT|_DSN$|^DSN$|DATABASE_URL|REDIS_URL|MONGO(?:DB)?_UR[IL]|AMQP_URL|MAILER_URL)/i;
var NOT_A_CREDENTIAL = /(?:PUBLISHABLE|PUBLIC_KEY|_ID$|_NAME$|_USER(?:NAME)?$|_HOST$|_PORT$|_URL_PATH$|_TTL$|_LIFETIME$|_EXPIR|_LENGTH$|_ALGO|_ENABLED$|_FILE$|_PATH$|_HEADER$|_COOKIE_NAME$)/i;
function credentialAssignments(text) {
  return envAssignments(text).filter((assignment) => {
    const { key, value } = assignment;
    if (PUBLIC_PREFIX.test(key) || !CREDENTIAL_KEY.test(key) || NOT_A_CREDENTIAL.test(key)) return false;
    if (isPlaceholder(value)) return false;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:([^\s@/]+)@/i.exec(value)?.[1];
      return password !== void 0 && !isPlaceholder(password) && !isPlaceholder(decodeURIComponentSafe(password));
    }
    return value.length >= 6;
  });
}
function decodeURIComponentSafe(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// src/checks/secrets/secret-config-rules.ts
function* matches(pattern, text, group) {
  pattern.lastIndex = 0;
  let count = 0;
  for (let match = pattern.exec(text); match && count < 500; match = pattern.exec(text), count++) {
    const value = match[group];
    if (value !== void 0) yield { value, index: match.index + match[0].lastIndexOf(value), match };
    if (match[0].length === 0) pattern.lastIndex++;
  }
}
function isReference(value) {
  return /^(?:env|getenv|process\.env|os\.environ|ENV\[|\$_(?:ENV|SERVER)|%env|\$\{|\$[A-Za-z_]|@|!|secret:|vault:|file:|ssm:|arn:)/i.test(value) || /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+$/.test(value);
}
var magentoCryptKey = ({ text, lower }) => {
  if (!lower.startsWith("env.php") && !lower.startsWith(".env.php")) return [];
  const hits = [];
  for (const { value, index } of matches(/'crypt'\s*=>\s*\[\s*'key'\s*=>\s*(['"])(.*?)\1/gs, text, 2)) {
    const keys = value.split(/\\n|\n/).filter((key) => key.length > 0);
    if (keys.length > 0 && keys.every((key) => /^(?:[0-9a-f]{32}|base64[A-Za-z0-9+/]{40,}={0,2})$/.test(key))) {
      hits.push({ rule: "magento-crypt-key", title: "Magento encryption key (crypt/key in env.php)", severity: "critical", value, index });
    }
  }
  return hits;
};
var phpArrayCredential = ({ text }) => {
  const hits = [];
  for (const { value, index, match } of matches(/'(password|database_password|secret|cookie_key|cookie_iv|new_cookie_key|api_key|private_key|client_secret)'\s*=>\s*'([^'\n]{4,})'/g, text, 2)) {
    const key = match[1];
    const cookie = key !== "password" && key !== "database_password";
    if (isPlaceholder(value, { words: cookie ? "standalone" : "anywhere" }) || isReference(value)) continue;
    hits.push({
      rule: cookie ? "php-config-secret" : "database-password",
      title: cookie ? `Secret key in a PHP config array ('${key}')` : `Database password in a PHP config array ('${key}')`,
      severity: "critical",
      value,
      index
    });
  }
  return hits;
};
var WP_SALTS = /define\(\s*'(AUTH_KEY|SECURE_AUTH_KEY|LOGGED_IN_KEY|NONCE_KEY|AUTH_SALT|SECURE_AUTH_SALT|LOGGED_IN_SALT|NONCE_SALT)'\s*,\s*'([^']{8,})'/g;
var PS_KEYS = /define\(\s*'(_COOKIE_KEY_|_COOKIE_IV_|_RIJNDAEL_KEY_|_RIJNDAEL_IV_|_NEW_COOKIE_KEY_)'\s*,\s*'([^']{8,})'/g;
var phpDefines = ({ text }) => {
  if (!text.includes("define")) return [];
  const hits = [];
  for (const [pattern, rule, title] of [
    [WP_SALTS, "wordpress-salts", "WordPress authentication keys and salts"],
    [PS_KEYS, "prestashop-cookie-key", "PrestaShop cookie and encryption keys"]
  ]) {
    const values = [];
    let first = -1;
    for (const { value, index } of matches(pattern, text, 2)) {
      if (isPlaceholder(value, { words: "standalone" })) continue;
      values.push(value);
      if (first < 0) first = index;
    }
    if (values.length > 0) hits.push({ rule, title, severity: "critical", value: values.join("\n"), index: first });
  }
  for (const { value, index } of matches(/define\(\s*'(DB_PASSWORD|_DB_PASSWD_)'\s*,\s*'([^']+)'/g, text, 2)) {
    if (!isPlaceholder(value)) hits.push({ rule: "database-password", title: "Database password in a PHP define()", severity: "critical", value, index });
  }
  for (const { value, index } of matches(/(def00000[0-9a-f]{100,})/g, text, 1)) {
    hits.push({ rule: "prestashop-cookie-key", title: "PrestaShop cookie and encryption keys", severity: "critical", value, index });
  }
  return hits;
};
var symfonyAppSecret = ({ text }) => {
  if (!text.includes("APP_SECRET")) return [];
  const hits = [];
  for (const { value, index } of matches(/APP_SECRET['"]?\s*(?:=>|[=:])\s*['"]?([0-9a-fA-F]{32,64})\b/g, text, 1)) {
    if (!isPlaceholder(value)) hits.push({ rule: "symfony-app-secret", title: "Symfony APP_SECRET", severity: "high", value, index });
  }
  return hits;
};
var jwtSecret = ({ text }) => {
  const hits = [];
  for (const { value, index } of matches(/(?:JWT_SECRET|JWT_PASSPHRASE|JWT_SIGNING_KEY|JWT_KEY|jwt[_-]?secret|jwtSecret)['"]?\s*(?:=>|[=:])\s*["'`]?([^\s"'`#,;]{8,})/gi, text, 1)) {
    if (!isPlaceholder(value) && !isReference(value)) hits.push({ rule: "jwt-secret", title: "JWT signing secret", severity: "high", value, index });
  }
  return hits;
};
var envCredentials = ({ text, lower }) => {
  if (!(lower.startsWith(".env") || lower.endsWith(".env"))) return [];
  const hits = [];
  let searchFrom = 0;
  for (const assignment of credentialAssignments(text)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(assignment.value)) continue;
    const index = text.indexOf(assignment.value, searchFrom);
    if (index >= 0) searchFrom = index;
    hits.push({ rule: "env-credential", title: `Credential in an environment file (${assignment.key})`, severity: "high", value: assignment.value, index: Math.max(index, 0) });
  }
  return hits;
};
var registryTokens = ({ text, lower }) => {
  if (![".npmrc", ".yarnrc", ".yarnrc.yml", ".pypirc"].includes(lower)) return [];
  const hits = [];
  for (const { value, index, match } of matches(/^[ \t]*(?:\/\/[^\s=]*:)?(_authToken|_auth|_password|npmAuthToken|npmAuthIdent|npmPassword|password)[ \t]*[=:][ \t]*["']?([^\s"'#]+)/gim, text, 2)) {
    if (!isPlaceholder(value, { words: "standalone" })) hits.push({ rule: "registry-token", title: `Package-registry credential (${match[1]})`, severity: "critical", value, index });
  }
  return hits;
};
var COMPOSER_SECTIONS = /* @__PURE__ */ new Set(["http-basic", "github-oauth", "gitlab-token", "gitlab-oauth", "bitbucket-oauth", "bearer", "forgejo-token"]);
var composerAuth = ({ text, lower }) => {
  if (lower !== "auth.json") return [];
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== "object" || parsed === null) return [];
  const hits = [];
  for (const [section, hosts] of Object.entries(parsed)) {
    if (!COMPOSER_SECTIONS.has(section) || typeof hosts !== "object" || hosts === null) continue;
    for (const [host, credential] of Object.entries(hosts)) {
      const values = typeof credential === "string" ? [credential] : typeof credential === "object" && credential !== null ? Object.entries(credential).filter(([key]) => key !== "username" || host === "repo.magento.com").map(([, v]) => v) : [];
      for (const value of values) {
        if (typeof value !== "string" || value.length < 6 || isPlaceholder(value, { words: "standalone" })) continue;
        const magento = host === "repo.magento.com";
        hits.push({
          rule: magento ? "magento-repo-key" : "composer-auth-credential",
          title: magento ? "repo.magento.com access key (Composer auth.json)" : `Composer credential for ${host} (${section})`,
          severity: "critical",
          value,
          index: Math.max(text.indexOf(value), 0)
        });
      }
    }
  }
  return hits;
};
var NAMED_KEY = /(?:^|[\s{,;(["'<])["']?(?=[\w.-]{0,80}?(?:password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|auth[_-]?token|access[_-]?token|client[_-]?secret|private[_-]?key|secret[_-]?key))([\w.-]{1,80})["']?\s*(?:=>|[:=]|>)\s*["']?([^\s"'<>,;#]{8,200})/gim;
var PUBLIC_KEY_NAME = /(?:last|date|time|_at$|used$|count$|age$|publishable|public|_id$|id$|name$|user(?:name)?$|_host$|_url_path|length$|_ttl$|lifetime$|expir|algo|enabled$|_file$|_path$|file$|path$|header$|field$|label$|placeholder|hint|message|text$|type$|policy|min|max|pattern|reset|confirm|strength|changed|required|forgot|rule|mode$|method$|provider$|store$)/i;
var namedCredentials = ({ text, lower, dependency }) => {
  if (lower.startsWith(".env") || lower.endsWith(".env") || lower === "auth.json") return [];
  const hits = [];
  for (const { value, index, match } of matches(NAMED_KEY, text, 2)) {
    const key = match[1];
    if (PUBLIC_KEY_NAME.test(key) || isPlaceholder(value) || isReference(value)) continue;
    if (/^(?:true|false|null|none|\d+|[\d.]+[smhd]?)$/i.test(value) || /^\d{4}-\d\d-\d\d/.test(value) || value.toLowerCase().includes(key.toLowerCase())) continue;
    if (/^[A-Za-z_]+$/.test(value) && /pass|secret|token|key/i.test(value)) continue;
    if (entropy(value) < 3) continue;
    hits.push({ rule: "config-credential", title: `Credential in a config file (${key})`, severity: dependency ? "medium" : "high", value, index });
  }
  return hits;
};
var CONFIG_RULES = [
  magentoCryptKey,
  composerAuth,
  registryTokens,
  phpDefines,
  symfonyAppSecret,
  phpArrayCredential,
  jwtSecret,
  envCredentials,
  namedCredentials
];

// src/checks/secrets/secret-fingerprint.ts
import { scrypt } from "node:crypto";
var FINGERPRINT_COST = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
var SALT = "release-gate secret fingerprint v2: scrypt over the value, salted with this line";
var PARALLEL = 4;
function fingerprint(value) {
  return new Promise((resolve, reject) => {
    scrypt(Buffer.from(value, "utf8"), SALT, 16, FINGERPRINT_COST, (error, key) => {
      if (error) reject(error);
      else resolve(key.toString("hex"));
    });
  });
}
async function fingerprints(values) {
  const out = new Array(values.length);
  let next = 0;
  const worker = async () => {
    while (next < values.length) {
      const i = next++;
      out[i] = await fingerprint(values[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, values.length) }, worker));
  return out;
}

// src/checks/secrets/secret-rules.ts
var END = String.raw`(?=[\x60'"\s;,)\]}<>]|\\[nrt]|$)`;
var TOKEN_RULES = [
  {
    // gitleaks aws-access-token; allowlist .+EXAMPLE$; entropy 3
    id: "aws-access-key",
    title: "AWS access key ID",
    severity: "high",
    prefixes: ["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
    pattern: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/y,
    minEntropy: 3,
    allow: /EXAMPLE$/
  },
  {
    // gitleaks github-pat, github-oauth, github-app-token, github-refresh-token
    id: "github-token",
    title: "GitHub token",
    severity: "critical",
    prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36})\b/y,
    minEntropy: 3
  },
  {
    // gitleaks github-fine-grained-pat
    id: "github-token",
    title: "GitHub fine-grained token",
    severity: "critical",
    prefixes: ["github_pat_"],
    pattern: /\b(github_pat_\w{82})\b/y,
    minEntropy: 3
  },
  {
    // gitleaks stripe-access-token; live/prod critical, test low
    id: "stripe-secret-key",
    title: "Stripe secret key",
    severity: (value) => /_test_/.test(value) ? "low" : "critical",
    prefixes: ["sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"],
    pattern: new RegExp(String.raw`\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})(?:[\x60'"\s;]|\\[nr]|$)`, "y"),
    minEntropy: 3
  },
  {
    // own: Stripe webhook signing secret
    id: "stripe-webhook-secret",
    title: "Stripe webhook signing secret",
    severity: "high",
    prefixes: ["whsec_"],
    pattern: new RegExp(String.raw`\b(whsec_[A-Za-z0-9+/]{32,64})${END}`, "y"),
    minEntropy: 3.5
  },
  {
    // gitleaks slack-bot-token, slack-user-token, slack-legacy-*, slack-app-token
    id: "slack-token",
    title: "Slack token",
    severity: "high",
    prefixes: ["xoxb-", "xoxp-", "xoxe-", "xoxo-", "xoxs-", "xoxa-", "xoxr-", "xapp-", "XAPP-"],
    pattern: /(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*|xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}|[xX][aA][pP][pP]-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+|xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}|xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48})/y,
    minEntropy: 3
  },
  {
    // gitleaks gcp-api-key; entropy 4 in gitleaks, 3.5 here on the 39 characters. Browser keys are often public: medium
    id: "google-api-key",
    title: "Google API key",
    severity: "medium",
    prefixes: ["AIza"],
    pattern: new RegExp(String.raw`\b(AIza[\w-]{35})(?:[\x60'"\s;]|\\[nr]|$)`, "y"),
    minEntropy: 3.5
  },
  {
    // own: Google OAuth client secret
    id: "google-oauth-secret",
    title: "Google OAuth client secret",
    severity: "high",
    prefixes: ["GOCSPX-"],
    pattern: new RegExp(String.raw`\b(GOCSPX-[A-Za-z0-9_-]{28})${END}`, "y"),
    minEntropy: 3
  },
  {
    // gitleaks npm-access-token
    id: "npm-token",
    title: "npm access token",
    severity: "critical",
    prefixes: ["npm_"],
    pattern: new RegExp(String.raw`\b(npm_[a-zA-Z0-9]{36})(?:[\x60'"\s;]|\\[nr]|$)`, "y"),
    minEntropy: 3.5
  },
  {
    // gitleaks sendgrid-api-token
    id: "sendgrid-api-key",
    title: "SendGrid API key",
    severity: "high",
    prefixes: ["SG."],
    pattern: new RegExp(String.raw`\b(SG\.[a-zA-Z0-9=_\-.]{66})(?:[\x60'"\s;]|\\[nr]|$)`, "y"),
    minEntropy: 3.5
  },
  {
    // gitleaks shopify-access-token (and the shpca_/shppa_/shpss_ forms)
    id: "shopify-token",
    title: "Shopify access token or shared secret",
    severity: "critical",
    prefixes: ["shpat_", "shpca_", "shppa_", "shpss_"],
    pattern: /\b((?:shpat|shpca|shppa|shpss)_[a-fA-F0-9]{32})\b/y,
    minEntropy: 3
  },
  {
    // gitleaks square-access-token
    id: "square-token",
    title: "Square access token",
    severity: "high",
    prefixes: ["EAAA", "sq0atp-"],
    pattern: new RegExp(String.raw`\b((?:EAAA|sq0atp-)[\w-]{22,60})(?:[\x60'"\s;]|\\[nr]|$)`, "y"),
    minEntropy: 4
  },
  {
    // gitleaks twilio-api-key
    id: "twilio-api-key",
    title: "Twilio API key",
    severity: "high",
    prefixes: ["SK"],
    pattern: /\b(SK[0-9a-fA-F]{32})\b/y,
    minEntropy: 3
  },
  {
    // gitleaks mailgun-private-api-token (keyword mailgun)
    id: "mailgun-api-key",
    title: "Mailgun API key",
    severity: "high",
    prefixes: ["key-"],
    pattern: /\b(key-[a-f0-9]{32})\b/y,
    minEntropy: 3,
    near: /mailgun/i
  },
  {
    // own: GitLab personal access token
    id: "gitlab-token",
    title: "GitLab personal access token",
    severity: "critical",
    prefixes: ["glpat-"],
    pattern: new RegExp(String.raw`\b(glpat-[\w-]{20,})${END}`, "y"),
    minEntropy: 3
  },
  {
    // own: OpenAI API key (T3BlbkFJ is "OpenAI" in base64, inside every key)
    id: "openai-api-key",
    title: "OpenAI API key",
    severity: "high",
    prefixes: ["sk-"],
    pattern: /\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80})\b/y,
    minEntropy: 3.5
  },
  {
    // own: the shape edoardottt/secfiles and Slack-Watchman describe
    id: "braintree-access-token",
    title: "Braintree access token",
    severity: (value) => value.includes("$sandbox$") ? "low" : "critical",
    prefixes: ["access_token$production$", "access_token$sandbox$"],
    pattern: /(access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})/y,
    minEntropy: 3
  }
];
var MAILCHIMP = { id: "mailchimp-api-key", title: "Mailchimp API key", severity: "high", pattern: /^[a-f0-9]{32}-us\d{1,2}$/, near: /mailchimp/i };
var SLACK_WEBHOOK = /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/]{43,56})/;
var PRIVATE_KEY = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([\s\S-]{64,}?)KEY(?: BLOCK)?-----/iy;
var DSN = /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@'"]{1,256}):([^\s@'"]{3,256})@([^\s'"/?#]{1,256})/y;

// src/checks/secrets/secret-scanner.ts
var MIN_RUN = 16;
var MAX_CANDIDATES = 200;
var TOKEN = new Uint8Array(256);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") TOKEN[char.charCodeAt(0)] = 1;
var BASE64 = new Uint8Array(256);
for (const char of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=") BASE64[char.charCodeAt(0)] = 1;
var AT_START = /* @__PURE__ */ new Map();
var BEFORE_START = /* @__PURE__ */ new Map();
for (const [priority, rule] of TOKEN_RULES.entries()) {
  for (const prefix of rule.prefixes) {
    const bytes = Buffer.from(prefix, "latin1");
    const last2 = bytes[bytes.length - 1];
    const table = TOKEN[last2] ? AT_START : BEFORE_START;
    const key = TOKEN[last2] ? bytes[0] : last2;
    let list2 = table.get(key);
    if (!list2) table.set(key, list2 = []);
    list2.push({ rule, prefix: bytes, priority });
  }
}
var PRIORITY_MAILCHIMP = TOKEN_RULES.length;
var PRIORITY_SLACK_WEBHOOK = TOKEN_RULES.length + 1;
var PRIORITY_CONFIG = TOKEN_RULES.length + 10;
var PRIORITY_PRIVATE_KEY = TOKEN_RULES.length + 2;
var PRIORITY_DSN = TOKEN_RULES.length + 100;
var PRIORITY_GENERIC = TOKEN_RULES.length + 200;
var QUOTE = /* @__PURE__ */ new Set([34, 39, 96]);
var NAMED_BEFORE = /(?:secret|password|passwd|api[_-]?key|apikey|access[_-]?key|access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key|signing[_-]?key)["']?\s*(?:=>|[:=]|\?\?|\|\|)\s*["'`]$/i;
var SecretScanner = class {
  constructor(bytes) {
    this.bytes = bytes;
  }
  bytes;
  found = [];
  /**
   * Everything found (`all`); `urls`: just connection strings with passwords (lockfiles:
   * megabytes of hashes and registry URLs); `tokens`: just the token rules, credentials
   * told by their own prefix (code of dependency trees).
   */
  scan(what = "all") {
    if (what === "urls") {
      this.literal("://", (at) => {
        this.dsn(at);
      });
      return this.found;
    }
    this.runs(what === "all");
    if (what === "tokens") return this.found;
    this.literal("://", (at) => {
      this.dsn(at);
    });
    this.literal("PRIVATE KEY", (at) => {
      this.privateKey(at);
    });
    return this.found;
  }
  add(candidate) {
    if (this.found.length < MAX_CANDIDATES) this.found.push(candidate);
  }
  full() {
    return this.found.length >= MAX_CANDIDATES;
  }
  /** Stride through the bytes; for each run of token characters of MIN_RUN or more, try the rules. */
  runs(generic) {
    const bytes = this.bytes;
    const length = bytes.length;
    let genericEnd = -1;
    let i = MIN_RUN - 1;
    while (i < length) {
      if (!TOKEN[bytes[i]]) {
        i += MIN_RUN;
        continue;
      }
      let start2 = i;
      while (start2 > 0 && TOKEN[bytes[start2 - 1]]) start2--;
      const last2 = start2 + MIN_RUN - 1;
      if (last2 >= length) break;
      if (!TOKEN[bytes[last2]]) {
        i = last2 + MIN_RUN;
        continue;
      }
      let end = i + 1;
      while (end < length && TOKEN[bytes[end]]) end++;
      if (end - start2 >= MIN_RUN) {
        this.tokenRules(start2, end);
        if (generic && end > genericEnd) genericEnd = this.generic(start2, end);
        if (this.full()) return;
      }
      i = end + MIN_RUN;
    }
  }
  tokenRules(start2, end) {
    const bytes = this.bytes;
    for (const candidate of AT_START.get(bytes[start2]) ?? []) {
      if (this.startsWith(candidate.prefix, start2)) this.tryRule(candidate, start2, end);
    }
    if (start2 > 0) {
      for (const candidate of BEFORE_START.get(bytes[start2 - 1]) ?? []) {
        const at = start2 - candidate.prefix.length;
        if (at >= 0 && this.startsWith(candidate.prefix, at)) this.tryRule(candidate, at, end);
      }
      if (bytes[start2 - 1] === 47 && end - start2 >= 20) this.slackWebhook(start2, end);
    }
    if (end - start2 >= 35 && end - start2 <= 37 && bytes[end - 4] === 45) this.mailchimp(start2, end);
  }
  startsWith(prefix, at) {
    if (at + prefix.length > this.bytes.length) return false;
    for (let k = 0; k < prefix.length; k++) if (this.bytes[at + k] !== prefix[k]) return false;
    return true;
  }
  tryRule({ rule, priority }, at, end) {
    const from = Math.max(0, at - 1);
    const window = this.bytes.toString("latin1", from, Math.min(this.bytes.length, Math.max(end, at + 140) + 2));
    rule.pattern.lastIndex = at - from;
    const match = rule.pattern.exec(window);
    const value = match?.[1];
    if (value === void 0) return;
    if (rule.allow?.test(value) || isPlaceholder(value.slice(rule.prefixes[0]?.length ?? 0), { words: "standalone" })) return;
    if (rule.minEntropy !== void 0 && entropy(value) < rule.minEntropy) return;
    if (rule.near && !rule.near.test(this.around(at, 256))) return;
    const severity = typeof rule.severity === "function" ? rule.severity(value) : rule.severity;
    this.add({ rule: rule.id, title: rule.title, severity, value, index: at, priority });
  }
  around(at, reach) {
    return this.bytes.toString("latin1", Math.max(0, at - reach), Math.min(this.bytes.length, at + reach));
  }
  slackWebhook(start2, end) {
    const from = Math.max(0, start2 - 80);
    const window = this.bytes.toString("latin1", from, end);
    const match = SLACK_WEBHOOK.exec(window);
    if (!match || match.index + match[0].length < window.length - 1) return;
    const value = match[0];
    if (isPlaceholder(match[1], { words: "standalone" }) || entropy(match[1]) < 3.5) return;
    this.add({ rule: "slack-webhook", title: "Slack incoming webhook URL", severity: "medium", value, index: from + match.index, priority: PRIORITY_SLACK_WEBHOOK });
  }
  mailchimp(start2, end) {
    const value = this.bytes.toString("latin1", start2, end);
    if (!MAILCHIMP.pattern.test(value) || !MAILCHIMP.near.test(this.around(start2, 256))) return;
    this.add({ rule: MAILCHIMP.id, title: MAILCHIMP.title, severity: MAILCHIMP.severity, value, index: start2, priority: PRIORITY_MAILCHIMP });
  }
  /**
   * A high-entropy quoted value right after a keyword and an assignment
   * (`const apiSecret = "…"`): gitleaks' generic-api-key, held back to quoted values
   * of 16 characters or more, 3.5 bits of entropy per character, and no placeholder.
   * Returns where the value ends, so the runs inside it are not tried again.
   */
  generic(start2, end) {
    const bytes = this.bytes;
    let from = start2;
    let to = end;
    while (from > 0 && from > start2 - 512 && BASE64[bytes[from - 1]]) from--;
    while (to < bytes.length && to < end + 512 && BASE64[bytes[to]]) to++;
    if (from === 0 || !QUOTE.has(bytes[from - 1]) || to - from < 16 || to - from > 200) return to;
    if (bytes[to] !== bytes[from - 1]) return to;
    const before = bytes.toString("latin1", Math.max(0, from - 48), from);
    if (!NAMED_BEFORE.test(before)) return to;
    const value = bytes.toString("latin1", from, to);
    if (isPlaceholder(value, { words: "standalone" }) || entropy(value) < 3.5 || !/\d/.test(value) || !/[a-zA-Z]/.test(value)) return to;
    this.add({ rule: "generic-secret", title: "Hard-coded secret assigned to a credential-named variable", severity: "medium", value, index: from, priority: PRIORITY_GENERIC });
    return to;
  }
  /** Every occurrence of a literal, one Buffer.indexOf pass. */
  literal(needle, at) {
    let index = this.bytes.indexOf(needle, 0, "latin1");
    while (index >= 0 && !this.full()) {
      at(index);
      index = this.bytes.indexOf(needle, index + needle.length, "latin1");
    }
  }
  /** `scheme://user:password@host`: the password is the secret. */
  dsn(at) {
    const bytes = this.bytes;
    let from = at;
    while (from > 0 && from > at - 21 && isSchemeByte(bytes[from - 1])) from--;
    if (from === at) return;
    let k = at + 3;
    const limit = Math.min(bytes.length, at + 3 + 256);
    let colon = false;
    for (; k < limit; k++) {
      const byte = bytes[k];
      if (byte === 64) break;
      if (byte === 58) colon = true;
      if (byte <= 32 || byte === 34 || byte === 39 || byte === 96 || byte === 47 || byte === 60 || byte === 62) return;
    }
    if (!colon || k >= limit) return;
    const window = bytes.toString("latin1", Math.max(0, from - 1), Math.min(bytes.length, k + 256));
    DSN.lastIndex = from > 0 ? 1 : 0;
    const match = DSN.exec(window);
    if (!match) return;
    const scheme = match[1];
    const user = match[2];
    const password = match[3];
    const host = match[4].toLowerCase();
    if (password.length < 6 || isPlaceholder(password) || isPlaceholder(safeDecode(password)) || password === user || isPlaceholder(user) && password.length < 8) return;
    if (/(?:^|\.)example(?:\.(?:com|org|net))?(?::\d+)?$|^(?:host|hostname|server|domain|your[\w-]*)(?:[.:]|$)/.test(host)) return;
    this.add({ rule: "url-password", title: `Password in a ${scheme}:// connection string`, severity: "high", value: password, index: from, priority: PRIORITY_DSN });
  }
  /** A PEM private key block: the base64 body is the secret (its header is not). */
  privateKey(at) {
    const from = Math.max(0, at - 120);
    const offset = this.bytes.subarray(from, at).lastIndexOf("-----BEGIN", void 0, "latin1");
    if (offset < 0) return;
    const begin = from + offset;
    const window = this.bytes.toString("latin1", begin, Math.min(this.bytes.length, begin + 64 * 1024));
    PRIVATE_KEY.lastIndex = 0;
    const match = PRIVATE_KEY.exec(window);
    if (!match) return;
    const body = match[1].replace(/-----END[\s\S]*$/, "").replace(/\\[nr]/g, "\n").split("\n").filter((line) => !line.includes(":")).join("").replace(/\s/g, "");
    if (!plausibleKey(body, match[0])) return;
    this.add({ rule: "private-key", title: "Private key (PEM block)", severity: "critical", value: body, index: begin, priority: PRIORITY_PRIVATE_KEY });
  }
};
function plausibleKey(body, block) {
  if (body.length < 64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(body) || isPlaceholder(body, { words: "none" }) || entropy(body) < 4) return false;
  if (/OPENSSH|PGP|ENCRYPTED|Proc-Type|PuTTY/i.test(block)) return true;
  const der = Buffer.from(body, "base64");
  if (der[0] !== 48) return false;
  const first = der[1] ?? 0;
  if (first < 128) return der.length >= 2 + first;
  const octets = first & 127;
  if (octets < 1 || octets > 3 || der.length < 2 + octets) return false;
  let length = 0;
  for (let k = 0; k < octets; k++) length = length * 256 + (der[2 + k] ?? 0);
  return der.length >= 2 + octets + length;
}
function isSchemeByte(byte) {
  return byte >= 97 && byte <= 122 || byte >= 48 && byte <= 57 || byte === 43 || byte === 46 || byte === 45;
}
function safeDecode(value) {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// src/checks/text-files.ts
var BINARY_EXTENSIONS = /* @__PURE__ */ new Set([
  "png",
  "jpg",
  "jpeg",
  "gif",
  "webp",
  "avif",
  "bmp",
  "ico",
  "icns",
  "tif",
  "tiff",
  "psd",
  "heic",
  "jxl",
  "woff",
  "woff2",
  "ttf",
  "otf",
  "eot",
  "mp3",
  "mp4",
  "m4a",
  "m4v",
  "mov",
  "avi",
  "mkv",
  "webm",
  "ogg",
  "oga",
  "ogv",
  "wav",
  "flac",
  "aac",
  "opus",
  "zip",
  "gz",
  "tgz",
  "bz2",
  "xz",
  "zst",
  "br",
  "7z",
  "rar",
  "jar",
  "war",
  "ear",
  "whl",
  "gem",
  "nupkg",
  "apk",
  "deb",
  "rpm",
  "so",
  "dll",
  "dylib",
  "exe",
  "node",
  "wasm",
  "o",
  "a",
  "lib",
  "class",
  "pyc",
  "pyo",
  "beam",
  "pdf",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "ppt",
  "pptx",
  "odt",
  "ods",
  "odp",
  "sqlite",
  "sqlite3",
  "db",
  "mdb",
  "dat",
  "bin",
  "pack",
  "idx",
  "swf",
  "fla",
  "blend",
  "glb",
  "fbx"
]);
var LOCKFILES = /* @__PURE__ */ new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "composer.lock",
  "gemfile.lock",
  "poetry.lock",
  "pipfile.lock",
  "cargo.lock",
  "go.sum",
  "packages.lock.json",
  "bun.lock",
  "uv.lock"
]);
var CONFIG_EXTENSIONS = /* @__PURE__ */ new Set([
  "env",
  "ini",
  "conf",
  "cnf",
  "cfg",
  "config",
  "toml",
  "properties",
  "yml",
  "yaml",
  "json",
  "json5",
  "xml",
  "neon",
  "pem",
  "key",
  "tfvars",
  "npmrc",
  "plist"
]);
var CONFIG_NAMES2 = /* @__PURE__ */ new Set([
  ".npmrc",
  ".yarnrc",
  ".pypirc",
  ".netrc",
  "_netrc",
  ".git-credentials",
  ".pgpass",
  ".my.cnf",
  ".s3cfg",
  ".boto",
  ".htpasswd",
  "credentials",
  "config",
  "auth.json",
  ".env",
  ".envrc",
  "dockerfile",
  "procfile"
]);
var PHP_CONFIG_NAMES = /* @__PURE__ */ new Set(["env.php", "parameters.php", "settings.php", "settings.inc.php", "local.php", "database.php", ".env.local.php"]);
function isPhpConfigName(lower) {
  return PHP_CONFIG_NAMES.has(lower) || lower.slice(0, -".php".length).includes("config");
}
function isConfigLike(lower, ext) {
  if (CONFIG_EXTENSIONS.has(ext) || CONFIG_NAMES2.has(lower) || lower.startsWith(".env")) return true;
  if (ext === "php") return isPhpConfigName(lower);
  if (!mayBeLeftover(lower, ext)) return false;
  const original = leftoverOf(lower);
  return original !== void 0 && original !== lower && isConfigLike(original, extensionOf(original));
}

// src/checks/secrets/secrets.ts
var DEPENDENCY_BYTES = 64 * 1024;
var MAX_NOTES2 = 50;
var CONFIG_RULE_BYTES = 256 * 1024;
var MAX_SECRETS = 2e3;
var MAX_PLACES = 20;
var DEPENDENCY_DATA_NAME = /config|settings|secret|credential|auth|key|token|env|production|parameters|local/;
var NOTHING2 = [];
var MAX_CONTENTS2 = 65536;
var DEPENDENCY_CODE = /* @__PURE__ */ new Set(["php", "phtml", "inc", "js", "mjs", "cjs", "ts", "jsx", "tsx", "py", "rb", "go", "java", "kt", "cs", "sh", "twig", "html", "htm", "vue"]);
var SecretsCheck = class {
  name = "secrets";
  plans = new Plans();
  secrets = /* @__PURE__ */ new Map();
  /** What each content already scanned held: a release repeats files (locales, themes, copies), and each is scanned once. */
  scanned = /* @__PURE__ */ new Map();
  dropped = 0;
  notes = [];
  partial = 0;
  wants(header, base) {
    if (header.size === 0) return 0;
    const lower = base.toLowerCase();
    const ext = extensionOf(lower);
    const sourceMap = ext === "map";
    if (BINARY_EXTENSIONS.has(ext) && !sourceMap) return 0;
    const thirdParty = inDependencyTree(header.path);
    if (!thirdParty) {
      this.plans.set(header, LOCKFILES.has(lower) ? "urls" : isConfigLike(lower, ext) ? "config" : "full");
      return headBound(header.size, sourceMap);
    }
    if (isSample(header.path)) return 0;
    if (isConfigLike(lower, ext) && header.size <= DEPENDENCY_BYTES) {
      if ((ext === "json" || ext === "xml") && !DEPENDENCY_DATA_NAME.test(lower)) return 0;
      this.plans.set(header, "config");
      return DEPENDENCY_BYTES;
    }
    if (!DEPENDENCY_CODE.has(ext) || lower.endsWith(".d.ts")) return 0;
    this.plans.set(header, "tokens");
    return headBound(header.size, sourceMap);
  }
  wantsTail(header, base) {
    const plan = this.plans.peek(header);
    return plan === void 0 || plan === "config" && inDependencyTree(header.path) ? 0 : tailBound(header.size, extensionOf(base.toLowerCase()) === "map");
  }
  forget(header) {
    this.plans.forget(header);
  }
  take(entry, content) {
    const plan = this.plans.use(entry);
    if (plan === void 0) return;
    const slash = entry.path.lastIndexOf("/");
    const lower = entry.path.slice(slash + 1).toLowerCase();
    const dependency = inDependencyTree(entry.path);
    const sourceMap = extensionOf(lower) === "map";
    const bound = plan === "config" && dependency ? DEPENDENCY_BYTES : headBound(entry.size, sourceMap);
    const truncated = content.truncated || content.bytes.length > bound;
    if (plan !== "config" || !dependency) {
      const note = partialNote(entry.path, entry.size, content, bound);
      if (note !== void 0 && this.partial++ < MAX_NOTES2) this.notes.push(note);
    }
    const key = `${plan}\0${plan === "config" ? lower : ""}\0${dependency ? "d" : ""}\0${entry.sha256 ?? ""}\0${truncated ? "t" : ""}`;
    let found = entry.sha256 === void 0 ? void 0 : this.scanned.get(key);
    if (!found) {
      const fresh = [];
      for (const part of textParts(content, entry.size, bound, sourceMap)) {
        for (const hit of this.scan(plan, part.bytes, lower, dependency)) {
          fresh.push(part.firstLine === void 0 || part.source !== void 0 ? { candidate: hit.candidate, line: 0 } : { candidate: hit.candidate, line: part.firstLine + hit.line - 1 });
        }
      }
      found = fresh;
      if (entry.sha256 !== void 0 && this.scanned.size < MAX_CONTENTS2) this.scanned.set(key, found.length === 0 ? NOTHING2 : found);
    }
    if (found.length === 0) return;
    const sample = isSample(entry.path);
    for (const { candidate, line } of found) {
      this.record(candidate, sample ? sampleSeverity(candidate.severity) : candidate.severity, { path: entry.path, line });
    }
  }
  scan(plan, bytes, lower, dependency) {
    const candidates = new SecretScanner(bytes).scan(plan === "urls" ? "urls" : plan === "tokens" ? "tokens" : "all");
    const lines = linesOf(bytes, candidates.map((candidate) => candidate.index));
    if (plan === "config") {
      const text = bytes.toString("utf8", 0, Math.min(bytes.length, CONFIG_RULE_BYTES));
      const hits = [];
      for (const [order, rule] of CONFIG_RULES.entries()) {
        for (const hit of rule({ text, lower, dependency })) {
          hits.push({ rule: hit.rule, title: hit.title, severity: hit.severity, value: hit.value, index: hit.index, priority: PRIORITY_CONFIG + order });
        }
      }
      candidates.push(...hits);
      lines.push(...linesOf(text, hits.map((hit) => hit.index)));
    }
    return candidates.map((candidate, i) => ({ candidate, line: lines[i] ?? 0 }));
  }
  record(candidate, severity, place) {
    const key = candidate.value;
    let secret = this.secrets.get(key);
    if (!secret) {
      if (this.secrets.size >= MAX_SECRETS) {
        this.dropped++;
        return;
      }
      this.secrets.set(key, secret = { value: candidate.value, candidate, severity, places: [], count: 0 });
    } else {
      if (candidate.priority < secret.candidate.priority) secret.candidate = candidate;
      secret.severity = graver(secret.severity, severity);
    }
    if (secret.places.some((known) => known.path === place.path && known.line === place.line)) return;
    secret.count++;
    secret.places.push(place);
    if (secret.places.length > MAX_PLACES) {
      secret.places.sort(comparePlaces);
      secret.places.length = MAX_PLACES;
    }
  }
  async finish() {
    const secrets = [...this.secrets.values()];
    const prints = await fingerprints(secrets.map((secret) => secret.value));
    const findings = [];
    for (const [i, secret] of secrets.entries()) {
      const places = secret.places.sort(comparePlaces);
      const [first, ...others] = places;
      const more = secret.count - places.length;
      const where = secret.count > 1 ? `found in ${secret.count.toLocaleString("en-US")} places${more > 0 ? ` (the first ${places.length} are listed)` : ""}; ` : "";
      const finding = checkFinding({
        kind: "secret",
        severity: secret.severity,
        rule: secret.candidate.rule,
        subject: prints[i],
        subjectIsPath: false,
        // where it sits is part of the risk: a sample key that moves into served code is a new finding
        aspect: `${secret.candidate.rule}:${secret.severity}`,
        path: first.path,
        title: secret.candidate.title,
        detail: `${where}rotate it, then remove it from the release`
      });
      finding.line = first.line;
      if (others.length > 0) finding.related = others.map((place) => ({ path: place.path, line: place.line }));
      findings.push(finding);
    }
    if (this.dropped > 0) findings.push(tooMany2(this.dropped));
    const notes = [...this.notes];
    if (this.partial > MAX_NOTES2) notes.push(`\u2026 and ${this.partial - MAX_NOTES2} more files read in part`);
    return { findings: sortFindings(findings), notes };
  }
};
function comparePlaces(a, b) {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
}
function tooMany2(dropped) {
  const severity = "high";
  return checkFinding({
    kind: "secret",
    severity,
    rule: "too-many-secrets",
    subject: "too-many-secrets",
    subjectIsPath: false,
    title: `More than ${MAX_SECRETS.toLocaleString("en-US")} distinct secrets: ${dropped.toLocaleString("en-US")} more were not reported`,
    detail: "the package holds more credential-shaped values than the report lists; treat it as hostile"
  });
}
function linesOf(text, indices) {
  const order = indices.map((index, i) => [index, i]).sort((a, b) => a[0] - b[0]);
  const lines = new Array(indices.length).fill(1);
  let line = 1;
  let next = text.indexOf("\n");
  for (const [index, i] of order) {
    while (next >= 0 && next < index) {
      line++;
      next = text.indexOf("\n", next + 1);
    }
    lines[i] = line;
  }
  return lines;
}

// src/checks/sensitive-files/dump-sniff.ts
var GZIP = [31, 139];
var MAGIC = [
  ["gzip", GZIP],
  ["bzip2", [66, 90, 104]],
  ["xz", [253, 55, 122, 88, 90, 0]],
  ["zstd", [40, 181, 47, 253]],
  ["PostgreSQL custom-format dump", [80, 71, 68, 77, 80]],
  // PGDMP
  ["SQLite database", [...Buffer.from("SQLite format 3\0", "latin1")]]
];

// src/checks/sensitive-files/sensitive-content.ts
var BOUNDS = {
  env: 64 * 1024,
  key: 64 * 1024,
  "composer-auth": 64 * 1024,
  "registry-config": 16 * 1024,
  sql: 16 * 1024,
  "packed-dump": 16 * 1024,
  sqlite: 16,
  core: 20,
  "phpunit-eval": 4096,
  diagnostic: 8192,
  "first-party": 64 * 1024,
  // enough of a compressed stream for a whole first block of a dump
  magic: 64 * 1024
};

// src/checks/sensitive-files/sensitive-path-rules.ts
var VCS = /* @__PURE__ */ new Set([".git", ".svn", ".hg", ".bzr", "CVS", "_darcs"]);
var CONFIG_NAMES3 = /* @__PURE__ */ new Set([
  "env.php",
  "wp-config.php",
  "parameters.php",
  "parameters.yml",
  "settings.inc.php",
  "config.php",
  "local.xml",
  "database.php",
  "settings.php",
  ".env",
  ".env.local",
  ".env.production",
  ".env.prod",
  "auth.json",
  ".npmrc"
]);
var SCRIPT_EXTENSIONS = /\.(?:php\d?|phtml|inc)$/i;
var SCRIPT_UNDER_ANOTHER_NAME = /\.(?:php\d?|phtml)\.(?!dist$|sample$|example$|template$|tpl$|twig$|in$)[a-z0-9_~-]+$/i;
var EDITOR_LEFTOVER = /(?:\.(?:bak\d*|backup|old|orig|rej|save|sav|swp|swo|swn|swx|un~)|~|\.~\d+~)$|^#.+#$/i;
var ARCHIVE = /\.(?:zip|tar|tgz|tar\.gz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|7z|rar|wpress|jpa|daf)$/i;
var SERVED_ROOT = /^(?:public|pub|web|htdocs|public_html|www)$/;
var CODE_FOLDER = /(?:^|\/)(?:src|lib|libs|dist|server|app\/code)\//;
function servedRoot(path) {
  const next = /(?:^|\/)\.next\/static\//.exec(path);
  if (next) return path.slice(0, next.index + next[0].length - 1);
  const root = folderUpTo(path, (segment) => SERVED_ROOT.test(segment), false);
  return root !== void 0 && !CODE_FOLDER.test(`${root}/`) ? root : void 0;
}
function suffix(...names) {
  const tails = names.map((name) => `/${name}`);
  return (facts) => names.includes(facts.path) || tails.some((tail) => facts.path.endsWith(tail)) ? facts.path : void 0;
}
function folder(...names) {
  const pattern = new RegExp(`(?:^|/)(?:${names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\*/g, "[^/]*")).join("|")})/`);
  return (facts) => {
    if (facts.isDir) return void 0;
    const match = pattern.exec(facts.path);
    return match ? facts.path.slice(0, match.index + match[0].length - 1) : void 0;
  };
}
var PLATFORM_FILES = suffix("app/etc/env.php", "app/config/parameters.php", "app/config/parameters.yml", "config/settings.inc.php");
var DEPLOY_TOOL_FILES = /* @__PURE__ */ new Set(["sftp-config.json", ".ftpconfig", "sitemanager.xml", "recentservers.xml", ".remote-sync.json", ".ftppass", "ftpsync.settings", "deployment-config.json"]);
var CREDENTIAL_NAMES = /* @__PURE__ */ new Set([".git-credentials", ".netrc", "_netrc", ".pgpass", ".my.cnf", ".mylogin.cnf", ".s3cfg", ".boto", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk"]);
var CREDENTIAL_FILES = suffix(".aws/credentials", ".docker/config.json", ".kube/config", ".gem/credentials", ".config/gcloud/credentials.db");
var KEY_STORE_EXTENSIONS = /* @__PURE__ */ new Set(["p12", "pfx", "jks", "keystore", "ppk", "kdbx", "tfvars"]);
var ARCHIVE_EXTENSIONS = /* @__PURE__ */ new Set(["zip", "tar", "tgz", "gz", "bz2", "tbz", "tbz2", "xz", "txz", "zst", "7z", "rar", "wpress", "jpa", "daf"]);
var VCS_HINT = /\.(?:git|svn|hg|bzr)|CVS|_darcs/;
function mightBeLeftover(f) {
  return mayBeLeftover(f.lower, f.ext);
}
var PATH_RULES = [
  // platform files that live in the server's shared/ folder, never in a release
  {
    rule: "platform-secrets-file",
    severity: "critical",
    scope: "not-samples",
    kind: "file",
    match: (f) => f.isDir || f.ext !== "php" && f.ext !== "yml" ? void 0 : PLATFORM_FILES(f) ?? (f.lower.startsWith("wp-config") && f.ext === "php" && f.lower !== "wp-config-sample.php" ? f.path : void 0) ?? (f.lower === ".env.local.php" ? f.path : void 0),
    title: "Platform secrets file ships (database credentials, encryption keys): it belongs in the server\u2019s shared folder",
    detail: "Magento app/etc/env.php, WordPress wp-config.php, PrestaShop parameters.php and settings.inc.php and Symfony .env.local.php hold the database password and the keys that sign sessions or decrypt stored secrets"
  },
  // IDE and deploy-tool files that store server passwords
  {
    rule: "deploy-credentials-file",
    severity: "high",
    scope: "not-samples",
    kind: "file",
    match: (f) => !f.isDir && (DEPLOY_TOOL_FILES.has(f.lower) || f.lower === "sftp.json" && f.path.endsWith(".vscode/sftp.json") || f.path.includes(".idea/") && /(?:^|\/)\.idea\/(?:dataSources[^/]*\.xml|dataSources\/|webServers\.xml|deployment\.xml|sshConfigs\.xml)/.test(f.path)) ? f.path : void 0,
    title: "IDE or deploy-tool settings with stored server or database passwords",
    detail: "PhpStorm data sources and deployment servers, SFTP plugin and FileZilla settings keep hosts, users and often passwords"
  },
  // cloud, registry and machine credentials
  {
    rule: "credentials-file",
    severity: "critical",
    scope: "not-samples",
    kind: "file",
    match: (f) => f.isDir ? void 0 : CREDENTIAL_NAMES.has(f.lower) || f.ext === "tfstate" || f.lower.endsWith(".tfstate.backup") ? f.path : f.lower === "credentials" || f.lower === "config" || f.lower === "config.json" || f.lower === "credentials.db" ? CREDENTIAL_FILES(f) : void 0,
    title: "Credentials file ships (cloud, registry, database or SSH access)",
    detail: "AWS, Docker, Kubernetes and gcloud credentials, .netrc/.git-credentials, .pgpass/.my.cnf, SSH private keys and Terraform state give direct access to other systems"
  },
  {
    rule: "key-store-file",
    severity: "high",
    scope: "not-samples",
    kind: "file",
    match: (f) => !f.isDir && (KEY_STORE_EXTENSIONS.has(f.ext) || f.ext === "json" && f.lower.startsWith("service-account")) ? f.path : void 0,
    title: "Key store, key file or secret variables ship",
    detail: "PKCS#12, Java key stores, PuTTY keys, KeePass databases, GCP service-account keys and Terraform variable files hold private keys or secrets"
  },
  {
    rule: "credentials-file",
    severity: "high",
    scope: "first-party",
    kind: "file",
    match: (f) => !f.isDir && (f.lower === ".htpasswd" || f.ext === "json" && f.lower.includes("credentials")) ? f.path : void 0,
    title: "Password or credentials file ships",
    detail: ".htpasswd hashes can be cracked offline; *credentials*.json files hold API credentials"
  },
  // copies of config files and of scripts, served as plain text
  {
    rule: "config-backup",
    severity: "critical",
    scope: "not-samples",
    kind: "file",
    match: (f) => {
      if (f.isDir || !mightBeLeftover(f)) return void 0;
      const original = leftoverOf(f.base);
      return original !== void 0 && (CONFIG_NAMES3.has(original.toLowerCase()) || /^wp-config.*\.php$/i.test(original)) ? f.path : void 0;
    },
    title: "Backup or editor copy of a config file: served as plain text with its credentials",
    detail: "the web server does not run env.php.bak or wp-config.php~ as PHP: anyone can download the database password and keys"
  },
  {
    rule: "script-source-copy",
    severity: (f) => f.dependency ? "medium" : "high",
    scope: "not-samples",
    kind: "file",
    match: (f) => {
      if (f.isDir || f.ext === "php") return void 0;
      const original = mightBeLeftover(f) ? leftoverOf(f.base) : void 0;
      if (original !== void 0 && SCRIPT_EXTENSIONS.test(original)) return f.path;
      return (f.lower.includes(".php") || f.lower.includes(".phtml")) && SCRIPT_UNDER_ANOTHER_NAME.test(f.base) ? f.path : void 0;
    },
    title: "Copy of a PHP script under a name the server does not run: its source is served",
    detail: "x.php.bak, x.php~, .x.php.swp and x.php.txt are downloaded as text, with whatever the script holds"
  },
  // version control, one finding per folder
  {
    rule: "vcs-folder",
    severity: (f) => f.dependency ? "medium" : "high",
    scope: "everywhere",
    kind: "folder",
    match: (f) => VCS_HINT.test(f.path) ? folderUpTo(f.path, (segment) => VCS.has(segment), f.isDir) : void 0,
    title: "Version-control folder ships: the full source and its history, old secrets included",
    detail: "served from the web root it discloses the code; .git/config may hold a remote with a token"
  },
  {
    rule: "vcs-pointer",
    severity: "medium",
    scope: "first-party",
    kind: "file",
    match: (f) => !f.isDir && f.base === ".git" ? f.path : void 0,
    title: "A .git file (worktree or submodule pointer) ships",
    detail: "it names the path of the repository on the build machine"
  },
  // backups and runtime data that belong in shared/
  {
    rule: "backup-folder",
    severity: "high",
    scope: "first-party",
    kind: "folder",
    match: folder("var/backups", "wp-content/updraft", "wp-content/ai1wm-backups", "wp-content/backups-dup-lite", "wp-content/backup-db", "autoupgrade/backup", "admin*/backups", "backup", "backups"),
    title: "Backup folder ships: old code, configs and database dumps",
    detail: "backup plugins and admins keep full-site archives and dumps here"
  },
  {
    rule: "session-folder",
    severity: "high",
    scope: "first-party",
    kind: "folder",
    match: folder("var/session", "storage/framework/sessions"),
    title: "Session files ship: customers\u2019 and admins\u2019 live sessions",
    detail: "a session file is a logged-in session; it belongs in shared/ or a session store"
  },
  {
    rule: "customer-data-folder",
    severity: "high",
    scope: "first-party",
    kind: "folder",
    match: folder("pub/media/customer", "pub/media/import", "var/export", "var/import", "var/importexport", "wp-content/uploads/wc-logs", "wp-content/uploads/woocommerce_uploads"),
    title: "Customer uploads, imports or exports ship",
    detail: "these folders hold customer files and data exports; they belong in shared/"
  },
  {
    rule: "log-folder",
    severity: "medium",
    scope: "first-party",
    kind: "folder",
    match: folder("var/log", "var/logs", "var/report", "storage/logs"),
    title: "Log or error-report folder ships",
    detail: "logs and error reports hold personal data, tokens in URLs and stack traces with paths"
  },
  {
    rule: "ide-folder",
    severity: "low",
    scope: "first-party",
    kind: "folder",
    match: (f) => f.path.includes(".idea") ? folderUpTo(f.path, (segment) => segment === ".idea", f.isDir) : void 0,
    title: "IDE project folder ships",
    detail: "PhpStorm settings name servers, paths and data sources"
  },
  {
    rule: "source-maps",
    severity: "medium",
    scope: "first-party",
    kind: "folder",
    match: (f) => !f.isDir && f.ext === "map" && /\.(?:js|mjs|cjs|css)\.map$/.test(f.lower) ? servedRoot(f.path) : void 0,
    title: "Source maps ship in a served folder: the original source of the bundles can be rebuilt",
    detail: "maps disclose the un-minified code, internal endpoints and sometimes inlined secrets; keep them out of the web root"
  },
  // diagnostics and database admin tools
  {
    rule: "diagnostic-script",
    severity: "high",
    scope: "not-samples",
    kind: "file",
    match: (f) => !f.isDir && f.ext === "php" && (f.lower === "phpinfo.php" || f.lower.startsWith("adminer")) ? f.path : void 0,
    title: "phpinfo or Adminer script ships: environment disclosure or a database login from the web",
    detail: "phpinfo() prints the environment (secrets included); Adminer is a database client reachable by anyone"
  },
  {
    rule: "diagnostic-script",
    severity: "high",
    scope: "first-party",
    kind: "folder",
    match: (f) => /phpmyadmin/i.test(f.path) ? folderUpTo(f.path, (segment) => segment.toLowerCase() === "phpmyadmin", f.isDir) : void 0,
    title: "phpMyAdmin ships in the release",
    detail: "a database client reachable from the web"
  },
  {
    rule: "debug-front-controller",
    severity: "high",
    scope: "first-party",
    kind: "file",
    match: (f) => !f.isDir && f.lower.endsWith("_dev.php") && /(?:^|\/)(?:web|public|pub)\/[^/]*_dev\.php$/.test(f.path) ? f.path : void 0,
    title: "Debug front controller ships (app_dev.php): the profiler and debug mode from the web",
    detail: "Symfony\u2019s dev front controller exposes the profiler, the configuration and the environment"
  },
  {
    rule: "site-installer",
    severity: "high",
    scope: "first-party",
    kind: "file",
    match: (f) => !f.isDir && (f.base === "installer.php" || (f.ext === "zip" || f.ext === "daf") && /_archive\.(?:zip|daf)$/.test(f.lower)) ? f.path : void 0,
    // lower case only: PSR class files are capitalised (PEAR's own Installer.php is a library class)
    title: "Site-migration installer or archive ships (Duplicator)",
    detail: "the installer can overwrite the site and the archive is a full copy of it"
  },
  {
    rule: "crash-log",
    severity: "high",
    scope: "not-samples",
    kind: "file",
    match: (f) => !f.isDir && f.ext === "log" && /^hs_err_pid\d*\.log$/.test(f.lower) ? f.path : void 0,
    title: "JVM crash log ships: process memory details",
    detail: "crash logs hold environment, arguments and memory regions of the process"
  },
  {
    rule: "log-file",
    severity: "medium",
    scope: "first-party",
    kind: "file",
    match: (f) => !f.isDir && (f.ext === "log" || f.lower === "error_log" || f.lower.startsWith("npm-debug.log")) ? f.path : void 0,
    title: "Log file ships",
    detail: "logs hold personal data, tokens in URLs and stack traces with paths"
  },
  {
    rule: "archive-in-release",
    severity: "medium",
    scope: "first-party",
    kind: "file",
    match: (f) => !f.isDir && ARCHIVE_EXTENSIONS.has(f.ext) && ARCHIVE.test(f.lower) ? f.path : void 0,
    title: "Archive inside the release: often a backup of code, configs or a dump",
    detail: "archives in a release are downloaded as they are; keep backups out of the package"
  },
  {
    rule: "editor-leftover",
    severity: "low",
    scope: "first-party",
    kind: "file",
    match: (f) => !f.isDir && (mightBeLeftover(f) && EDITOR_LEFTOVER.test(f.base) || f.lower === ".ds_store" || f.lower === "thumbs.db" || f.lower === "desktop.ini") ? f.path : void 0,
    title: "Editor, backup or OS leftover ships",
    detail: ".DS_Store lists a folder\u2019s files, hidden ones included; backup and swap copies are served as they are"
  }
];

// src/checks/sensitive-files/sensitive-paths.ts
var EXAMPLES2 = 5;
var SensitivePathsCheck = class {
  constructor(rules = PATH_RULES) {
    this.rules = rules;
  }
  rules;
  name = "sensitive-paths";
  check(manifest) {
    const hits = /* @__PURE__ */ new Map();
    for (const file of manifest.files) {
      if (file.type !== "file" && file.type !== "dir" && file.type !== "hardlink") continue;
      if (isOrdinary(file)) continue;
      const facts = factsOf(file);
      for (const rule of this.rules) {
        if (rule.scope === "first-party" && facts.dependency) continue;
        const subject = rule.match(facts);
        if (subject === void 0) continue;
        const sample = isSample(file.path);
        if (rule.scope === "not-samples" && facts.dependency && sample) continue;
        const ruled = typeof rule.severity === "function" ? rule.severity(facts) : rule.severity;
        const severity = sample ? sampleSeverity(ruled) : ruled;
        const key = `${rule.rule}\0${subject}`;
        const hit = hits.get(key);
        if (hit) {
          hit.entries++;
          hit.severity = graver(hit.severity, severity);
          if (hit.files.length < EXAMPLES2 && file.path !== subject) hit.files.push(file.path);
        } else {
          hits.set(key, { rule, subject, severity, entries: 1, files: file.path !== subject ? [file.path] : [] });
        }
        break;
      }
    }
    const findings = [];
    for (const hit of hits.values()) {
      const inside = hit.rule.kind === "folder" && hit.entries > 0 ? `; ${hit.entries.toLocaleString("en-US")} ${hit.entries === 1 ? "entry" : "entries"}${hit.files.length > 0 ? `, e.g. ${examples(hit.files, EXAMPLES2)}` : ""}` : "";
      findings.push(
        checkFinding({
          kind: "sensitive-file",
          severity: hit.severity,
          rule: hit.rule.rule,
          subject: hit.subject,
          path: hit.subject,
          title: hit.rule.title,
          detail: `${hit.rule.detail}${inside}`
        })
      );
    }
    return sortFindings(findings);
  }
};
var ORDINARY = /* @__PURE__ */ new Set(["js", "mjs", "cjs", "jsx", "ts", "tsx", "mts", "cts", "md", "markdown", "css", "scss", "sass", "less", "html", "htm", "svg", "png", "jpg", "jpeg", "gif", "webp", "ico", "woff", "woff2", "ttf", "eot", "otf", "txt", "flow", "coffee", "vue", "svelte", "hbs", "ejs", "twig", "less", "styl", "wasm", "node"]);
var NAMED = /^(?:env|wp-config.*|parameters|settings\.inc|\.env\.local|phpinfo|adminer.*|installer|.*_dev)\.php$| copy| \(\d|_bak|_old|_orig|credential|service-account|sftp|ftpconfig|remote-sync|deployment-config|sitemanager|recentservers|^config\.json$|^parameters\.yml$/;
var NAMED_EXTENSIONS = /* @__PURE__ */ new Set(["php", "json", "xml", "yml"]);
var SCRIPT_INSIDE = /\.(?:php\d?|phtml)\./i;
var FOLDER_HINT = /\.(?:git|svn|hg|bzr|idea)(?:\/|$)|CVS|_darcs|phpmyadmin|var\/|storage\/|backup|wp-content\/|pub\/media\//i;
function isOrdinary(file) {
  const path = file.path;
  if (file.type === "dir") return !FOLDER_HINT.test(path);
  const dot = path.lastIndexOf(".");
  const slash = path.lastIndexOf("/");
  if (dot <= slash + 1) return false;
  const ext = path.slice(dot + 1);
  const ordinary = ORDINARY.has(ext) || NAMED_EXTENSIONS.has(ext) && !NAMED.test(path.slice(slash + 1).toLowerCase());
  const scriptInside = path.lastIndexOf(".", dot - 1) > slash && SCRIPT_INSIDE.test(path.slice(slash + 1));
  return ordinary && !scriptInside && !FOLDER_HINT.test(path);
}
function factsOf(file) {
  const base = baseName(file.path);
  const lower = base.toLowerCase();
  return { path: file.path, base, lower, ext: extensionOf(lower), isDir: file.type === "dir", dependency: inDependencyTree(file.path) };
}

// src/checks/paths/fold-table.ts
var FNV_OFFSET = 2166136261 | 0;
var FNV_PRIME = 16777619;
var PrefixHashes = class {
  raw = new Int32Array(64);
  folded = new Int32Array(64);
  /** End (exclusive) of each prefix in the path. */
  ends = new Int32Array(64);
  count = 0;
  /** Index of the first prefix not shared with the previous name (those before it were hashed, and noted, with it). */
  fresh = 0;
  previous = "";
  /**
   * Hash every `/`-ended prefix and the whole path. Names come sorted, so most share
   * their folders with the name before: hashing resumes after the deepest shared one.
   */
  of(path) {
    const previous = this.previous;
    this.previous = path;
    const limit = Math.min(previous.length, path.length);
    let common = 0;
    while (common < limit && previous.charCodeAt(common) === path.charCodeAt(common)) common++;
    let keep = 0;
    while (keep < this.count - 1 && this.ends[keep] < common && path.charCodeAt(this.ends[keep]) === 47) keep++;
    let raw = FNV_OFFSET;
    let folded = FNV_OFFSET;
    let from = 0;
    if (keep > 0) {
      raw = this.raw[keep - 1];
      folded = this.folded[keep - 1];
      from = this.ends[keep - 1];
    }
    this.count = keep;
    this.fresh = keep;
    for (let i = from; i < path.length; i++) {
      const code = path.charCodeAt(i);
      if (code >= 128) return this.slow(path);
      if (code === 47 && i > from) this.push(raw, folded, i);
      raw = Math.imul(raw ^ code, FNV_PRIME);
      folded = Math.imul(folded ^ (code >= 65 && code <= 90 ? code + 32 : code), FNV_PRIME);
    }
    this.push(raw, folded, path.length);
    return this;
  }
  /** Non-ASCII names: fold segment by segment with NFC and lower case (neither crosses a `/`). */
  slow(path) {
    this.count = 0;
    this.fresh = 0;
    this.previous = "";
    let raw = FNV_OFFSET;
    let folded = FNV_OFFSET;
    let start2 = 0;
    for (; ; ) {
      const slash = path.indexOf("/", start2);
      const end = slash < 0 ? path.length : slash;
      if (start2 > 0) {
        raw = Math.imul(raw ^ 47, FNV_PRIME);
        folded = Math.imul(folded ^ 47, FNV_PRIME);
      }
      const segment = path.slice(start2, end);
      for (let i = 0; i < segment.length; i++) raw = Math.imul(raw ^ segment.charCodeAt(i), FNV_PRIME);
      const lower = foldName(segment);
      for (let i = 0; i < lower.length; i++) folded = Math.imul(folded ^ lower.charCodeAt(i), FNV_PRIME);
      if (end > 0) this.push(raw, folded, end);
      if (slash < 0) return this;
      start2 = slash + 1;
    }
  }
  push(raw, folded, end) {
    if (this.count === this.raw.length) {
      const grow = (array) => {
        const bigger = new Int32Array(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.raw = grow(this.raw);
      this.folded = grow(this.folded);
      this.ends = grow(this.ends);
    }
    this.raw[this.count] = raw;
    this.folded[this.count] = folded;
    this.ends[this.count] = end;
    this.count++;
  }
};
function foldName(name) {
  return (/[^\u0000-\u007f]/.test(name) ? name.normalize("NFC") : name).toLowerCase();
}
var NO_FOLDER = 0;
function hashName(path, out) {
  let raw = FNV_OFFSET;
  let folded = FNV_OFFSET;
  let folder2 = NO_FOLDER;
  for (let i = 0; i < path.length; i++) {
    const code = path.charCodeAt(i);
    if (code >= 128) return hashSlowly(path, out);
    if (code === 47) folder2 = raw;
    raw = Math.imul(raw ^ code, FNV_PRIME);
    folded = Math.imul(folded ^ (code >= 65 && code <= 90 ? code + 32 : code), FNV_PRIME);
  }
  out.raw = raw;
  out.folded = folded;
  out.folder = folder2;
  return out;
}
function hashSlowly(path, out) {
  const hashes = new PrefixHashes().of(path);
  out.raw = hashes.raw[hashes.count - 1];
  out.folded = hashes.folded[hashes.count - 1];
  out.folder = hashes.count > 1 ? hashes.raw[hashes.count - 2] : NO_FOLDER;
  return out;
}
var FoldTable = class {
  keys;
  values;
  used;
  size = 0;
  /** Sized for `expected` names up front (at most half full): growing means hashing everything again. */
  constructor(expected = 1 << 15) {
    let capacity = 1 << 16;
    while (capacity < expected * 2 && capacity < 1 << 26) capacity *= 2;
    this.keys = new Int32Array(capacity);
    this.values = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
  }
  /** Note a name by its hashes; true when a different name with the same fold was noted before. */
  clashes(folded, raw) {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = folded & mask; ; i = i + 1 & mask) {
      if (!this.used[i]) {
        this.used[i] = 1;
        this.keys[i] = folded;
        this.values[i] = raw;
        this.size++;
        return false;
      }
      if (this.keys[i] === folded) return this.values[i] !== raw;
    }
  }
  /** Was a name with this folded hash noted? */
  has(folded) {
    const mask = this.used.length - 1;
    for (let i = folded & mask; this.used[i]; i = i + 1 & mask) if (this.keys[i] === folded) return true;
    return false;
  }
  grow() {
    const { keys, values, used } = this;
    this.keys = new Int32Array(used.length * 2);
    this.values = new Int32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.clashes(keys[i], values[i]);
  }
};

// src/checks/paths/unsafe-names.ts
var CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
var REPLACEMENT = "\uFFFD";
var COLLISION_BUDGET = 5e7;
var UnsafeNamesCheck = class {
  name = "unsafe-names";
  check(manifest) {
    const findings = [];
    let judged;
    for (const file of manifest.files) {
      if (file.stored === void 0 && file.by === void 0) {
        const finding = nameFinding(file.path);
        if (finding) findings.push(finding);
        continue;
      }
      judged ??= /* @__PURE__ */ new Set();
      for (const name of file.stored === void 0 ? [file.path] : [file.stored, file.path]) {
        if (judged.has(name)) continue;
        judged.add(name);
        const finding = nameFinding(name);
        if (finding) findings.push(finding);
        else if (name === file.stored && DOT_OR_EMPTY.test(name)) findings.push(nonCanonical(file.stored, file.path));
      }
    }
    findings.push(...duplicates(manifest.files), ...collisions(manifest.files));
    return sortFindings(findings);
  }
};
var DOT_OR_EMPTY = /(?:^|\/)\.(?:\/|$)|\/\//;
function nonCanonical(stored, path) {
  return checkFinding({
    kind: "unsafe-path",
    severity: "medium",
    rule: "non-canonical-name",
    subject: stored,
    path: stored,
    title: "Entry name lands elsewhere than it reads (empty, . or .. components): judged where it lands",
    detail: `stored as ${JSON.stringify(stored)}, written at ${JSON.stringify(path)}; a listing of the package shows a name no file has on disk`
  });
}
var UNUSUAL = /^[/\\]|^[A-Za-z]:|\.\.|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffd]/;
function nameFinding(path) {
  if (!UNUSUAL.test(path)) return void 0;
  const base = { kind: "unsafe-path", subject: path, path };
  if (isAbsoluteName(path)) {
    return checkFinding({
      ...base,
      severity: "high",
      rule: "absolute-path",
      title: "Entry with an absolute name: an extractor may write it outside the release folder",
      detail: "GNU tar strips the leading / by default; tar -P, older node-tar and Python tarfile without a filter do not"
    });
  }
  if (hasParentComponent(path)) {
    return checkFinding({
      ...base,
      severity: "high",
      rule: "path-traversal",
      title: "Entry name climbs out of the release folder with ..",
      detail: "a .. component (split on / and \\) lets an extractor write outside its target (tar-slip, zip-slip)"
    });
  }
  if (CONTROL.test(path)) {
    return checkFinding({
      ...base,
      severity: "high",
      rule: "control-character",
      title: "Entry name holds control or bidirectional-override characters",
      detail: "such names hide what a file is on a terminal or in a review (a name shown as .png can end in .php)"
    });
  }
  if (path.includes(REPLACEMENT)) {
    return checkFinding({
      ...base,
      severity: "medium",
      rule: "invalid-utf8",
      title: "Entry name is not valid UTF-8",
      detail: "extractors and file systems decode such names differently, so the name checked is not the name written"
    });
  }
  return void 0;
}
function duplicates(files) {
  const findings = [];
  for (let i = 0; i < files.length; ) {
    let j = i + 1;
    while (j < files.length && files[j].path === files[i].path) j++;
    if (j - i > 1) {
      const all = files.slice(i, j);
      const copies = all.every((file) => file.by === void 0) ? all : all.filter((file) => all.some((other) => other !== file && shareAnExtractor(file, other)));
      if (copies.length < 2) {
        i = j;
        continue;
      }
      const first = copies[0];
      const same = copies.every((copy) => copy.type === first.type && copy.sha256 === first.sha256 && copy.link === first.link && copy.mode === first.mode && copy.uid === first.uid);
      const dirs = copies.every((copy) => copy.type === "dir");
      if (!(same && dirs)) {
        findings.push(
          checkFinding({
            kind: "unsafe-path",
            severity: same || dirs ? "low" : "high",
            rule: "duplicate-entry",
            subject: first.path,
            path: first.path,
            title: same ? `Entry stored ${copies.length} times, identically` : `Entry stored ${copies.length} times: a later copy replaces the earlier one on extraction`,
            detail: `in archive order: ${copies.map(describe2).join(", then ")}`
          })
        );
      }
    }
    i = j;
  }
  return findings;
}
function describe2(file) {
  if (file.type === "file") return `file ${file.mode} sha256 ${file.sha256?.slice(0, 12) ?? "?"}`;
  if (file.link !== void 0) return `${file.type} ${file.mode} \u2192 ${file.link}`;
  return `${file.type} ${file.mode}`;
}
function collisions(files) {
  const count = files.length;
  const folded = new Int32Array(count);
  const raw = new Int32Array(count);
  const folders = new Int32Array(count);
  const dirs = [];
  const hashes = new PrefixHashes();
  let spent2 = 0;
  for (let i = 0; i < count; i++) {
    const file = files[i];
    spent2 += file.path.length;
    if (spent2 > COLLISION_BUDGET) return [budgetFinding()];
    hashes.of(file.path);
    const last2 = hashes.count - 1;
    folded[i] = hashes.folded[last2];
    raw[i] = hashes.raw[last2];
    folders[i] = last2 > 0 ? hashes.raw[last2 - 1] : NO_FOLDER;
    if (file.type === "dir") dirs.push(raw[i]);
  }
  const stored = Int32Array.from(dirs).sort();
  for (let i = 0; i < count; i++) {
    const folder2 = folders[i];
    if (folder2 !== NO_FOLDER && !includes(stored, folder2)) return prefixCollisions(files);
  }
  const sorted = Int32Array.from(folded).sort();
  const repeated = /* @__PURE__ */ new Set();
  for (let i = 1; i < count; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]);
  if (repeated.size === 0) return [];
  const firstRaw = /* @__PURE__ */ new Map();
  const suspects = /* @__PURE__ */ new Set();
  for (let i = 0; i < count; i++) {
    const key = folded[i];
    if (!repeated.has(key)) continue;
    const seen = firstRaw.get(key);
    if (seen === void 0) firstRaw.set(key, raw[i]);
    else if (seen !== raw[i]) suspects.add(key);
  }
  return suspects.size === 0 ? [] : report(files, suspects, (path, note) => {
    note(path);
  });
}
function includes(sorted, value) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = low + high >>> 1;
    const at = sorted[middle];
    if (at === value) return true;
    if (at < value) low = middle + 1;
    else high = middle;
  }
  return false;
}
function prefixCollisions(files) {
  const table = new FoldTable();
  const suspects = /* @__PURE__ */ new Set();
  const hashes = new PrefixHashes();
  let spent2 = 0;
  for (const file of files) {
    const path = file.path;
    spent2 += path.length;
    if (spent2 > COLLISION_BUDGET) return [budgetFinding()];
    hashes.of(path);
    for (let i = hashes.fresh; i < hashes.count; i++) {
      const folded = hashes.folded[i];
      if (table.clashes(folded, hashes.raw[i])) suspects.add(folded);
    }
  }
  if (suspects.size === 0) return [];
  const again = new PrefixHashes();
  return report(files, suspects, (path, note) => {
    again.of(path);
    for (let i = 0; i < again.count; i++) if (suspects.has(again.folded[i])) note(path.slice(0, again.ends[i]));
  });
}
function report(files, suspects, names) {
  const groups = /* @__PURE__ */ new Map();
  const hashes = { raw: 0, folded: 0, folder: NO_FOLDER };
  const note = (name) => {
    if (!suspects.has(hashName(name, hashes).folded)) return;
    const folded = foldName(name);
    let group = groups.get(folded);
    if (!group) groups.set(folded, group = /* @__PURE__ */ new Set());
    group.add(name);
  };
  for (const file of files) names(file.path, note);
  const findings = [];
  for (const members of groups.values()) {
    const group = [...members].sort();
    const parent = parentOf(group[0]);
    if (members.size < 2 || !group.every((path) => parentOf(path) === parent)) continue;
    const unicode = group.some((a, i) => group.some((b, k) => k !== i && a.normalize("NFC") === b.normalize("NFC")));
    findings.push(
      checkFinding({
        kind: "unsafe-path",
        severity: "medium",
        rule: unicode ? "unicode-collision" : "case-collision",
        subject: group.join("\0"),
        path: group[0],
        title: unicode ? "Names that are the same text in another Unicode normalisation: one overwrites the other on some file systems" : "Names that differ only in case: one overwrites the other on case-insensitive file systems",
        detail: `the colliding names: ${examples(group.map((path) => JSON.stringify(path)))}`
      })
    );
  }
  return findings;
}
function budgetFinding() {
  return checkFinding({
    kind: "unsafe-path",
    severity: "high",
    rule: "names-not-judged",
    subject: "names",
    subjectIsPath: false,
    title: "Names too many or too long to check them all for collisions",
    detail: `the names add up to more than ${COLLISION_BUDGET.toLocaleString("en-US")} characters; treat the package as hostile`
  });
}

// src/checks/registry.ts
var MANIFEST_CHECKS = [
  new SensitivePathsCheck(),
  new PermissionsCheck(),
  new OwnersCheck(),
  new UnsafeNamesCheck(),
  new LinksCheck(),
  new AmbiguousArchiveCheck()
];
var OFF_THREAD_CHECKS = {
  secrets: () => new SecretsCheck(),
  "malicious-code": () => new MaliciousCodeCheck()
};

// src/checks/check-worker.ts
var start = workerData;
var port = parentPort;
if (port === null) throw new Error("check-worker runs as a worker thread only");
var counters = new Int32Array(start.counters);
var ring = start.ring;
var checks = start.names.map((name) => {
  const make = OFF_THREAD_CHECKS[name];
  if (!make) throw new Error(`no off-thread check named ${name}`);
  return make();
});
var spent = checks.map(() => 0);
var fed = checks.map(() => 0);
var failure;
function run(items) {
  for (const item of items) {
    const { entry } = item;
    const buffer = item.own ?? ring;
    const slash = entry.path.lastIndexOf("/");
    const base = slash < 0 ? entry.path : entry.path.slice(slash + 1);
    const content = { bytes: Buffer.from(buffer, item.at, item.head), truncated: item.truncated };
    if (item.tail >= 0) content.tail = Buffer.from(buffer, item.at + item.head, item.tail);
    for (let i = 0; i < checks.length; i++) {
      if ((item.mask & 1 << i) === 0) continue;
      const check = checks[i];
      const started = performance.now();
      check.wants(entry, base);
      check.take(entry, content);
      spent[i] = spent[i] + performance.now() - started;
      fed[i] = fed[i] + item.head + Math.max(item.tail, 0);
    }
  }
}
async function finish() {
  if (failure !== void 0) return { kind: "failed", message: failure instanceof Error ? failure.message : "a check threw" };
  const results = [];
  for (const check of checks) results.push(await check.finish());
  const costs = checks.map((check, i) => ({ name: check.name, thread: "worker", milliseconds: spent[i], bytes: fed[i] }));
  return { kind: "done", results, costs };
}
port.on("message", (message) => {
  if (message.kind === "batch") {
    try {
      if (failure === void 0) run(message.items);
    } catch (error) {
      failure = error;
      Atomics.store(counters, FAILED, 1);
    }
    Atomics.sub(counters, IN_FLIGHT, message.bytes);
    Atomics.notify(counters, IN_FLIGHT);
    return;
  }
  finish().then(
    (outcome) => {
      port.postMessage(outcome);
    },
    (error) => {
      port.postMessage({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  );
});
//# sourceMappingURL=check-worker.js.map

import { Plans } from '../plans.js';
import type { DraftFinding } from '../../findings/draft.js';
import type { Severity } from '../../model.js';
import type { Content, Entry, EntryHeader } from '../../read/entry.js';
import type { AnalyzerResult } from '../../pass/content-analyzer.js';
import type { ContentCheck } from '../check.js';
import { checkFinding, sortFindings } from '../check-finding.js';
import { severityRank as rank } from '../../util/order.js';
import { inDependencyTree } from '../path-facts.js';
import { headBound, partialNote, tailBound, textParts, type TextPart } from '../text-reach.js';
import { scanText, type RuleHit } from './engine.js';
import { placeOf } from './excerpt.js';
import { SNIFF_BYTES, isImageName, languageOf, sniffLanguage } from './languages.js';
import type { Family, Lang, Rule } from './rule.js';

/** Findings reported at most (a hostile package can plant a shell in every folder). */
const MAX_FINDINGS = 10_000;
/**
 * Contents remembered as scanned (a release repeats files: locales, themes, copies), at
 * most: the copies worth remembering come early and often, and each costs ~0.25 KiB, so a
 * package of 500,000 small files would otherwise hold over 100 MiB of them for nothing.
 */
const MAX_CONTENTS = 65_536;
/** Partial reads named in the notes, at most. */
const MAX_NOTES = 50;

const WHAT: Record<Family, string> = {
  shells: 'Web shell',
  loaders: 'Obfuscated loader',
  skimmers: 'Card skimmer',
  exfiltration: 'Data exfiltration',
};

/** What the rules found in one content (cached by hash): the hit, and where, per rule. */
interface Found {
  hit: RuleHit;
  line: number | undefined;
  excerpt: string;
  source: string | undefined;
  offset: number;
}

const NOTHING: readonly Found[] = [];

interface Plan {
  lang: Lang | 'sniff';
  image: boolean;
  sourceMap: boolean;
  bound: number;
}

/**
 * Web shells, backdoors, obfuscated loaders, card skimmers and exfiltration, by the
 * rules of shells.ts, loaders.ts, skimmers.ts and exfiltration.ts, in every PHP,
 * JavaScript, markup, template and server-config file anywhere in the package (first-party
 * code, vendor/ and node_modules/, built trees, source maps), and in files whose first
 * bytes are PHP whatever their name. Each text is read whole up to 8 MiB, else its head
 * and its tail; a literal pass decides which rules look at all.
 */
export class MaliciousCodeCheck implements ContentCheck {
  readonly name = 'malicious-code';
  private readonly plans = new Plans<Plan>();
  private readonly findings: DraftFinding[] = [];
  private readonly scanned = new Map<string, readonly Found[]>();
  private readonly notes: string[] = [];
  private partial = 0;
  private dropped = 0;

  wants(header: EntryHeader, base: string): number {
    if (header.size === 0) return 0;
    const lower = base.toLowerCase();
    const sourceMap = lower.endsWith('.map') && (lower.endsWith('.js.map') || lower.endsWith('.mjs.map') || lower.endsWith('.cjs.map'));
    const lang = sourceMap ? 'js' : languageOf(base);
    if (lang === undefined || neverRuns(header.path, lower, sourceMap)) return 0;
    const image = lang === 'sniff' && isImageName(base);
    const bound = image ? Math.min(header.size, SNIFF_BYTES) : headBound(header.size, sourceMap);
    this.plans.set(header, { lang, image, sourceMap, bound });
    return bound;
  }

  wantsTail(header: EntryHeader): number {
    const plan = this.plans.peek(header);
    return plan && !plan.image ? tailBound(header.size, plan.sourceMap) : 0;
  }

  forget(header: EntryHeader): void {
    this.plans.forget(header);
  }

  take(entry: Entry, content: Content): void {
    const plan = this.plans.use(entry);
    if (plan === undefined) return;
    let lang: Lang | undefined = plan.lang === 'sniff' ? sniffLanguage(content.bytes.subarray(0, plan.bound), plan.image) : plan.lang;
    if (lang === undefined) return;
    if (plan.image) lang = 'php';
    const key = `${lang}\0${entry.sha256 ?? ''}\0${content.bytes.length}\0${content.tail?.length ?? 0}`;
    let found = entry.sha256 === undefined ? undefined : this.scanned.get(key);
    if (!found) {
      found = this.scan(content, entry.size, plan, lang);
      if (entry.sha256 !== undefined && this.scanned.size < MAX_CONTENTS) this.scanned.set(key, found.length === 0 ? NOTHING : found);
    }
    if (!plan.image) {
      const note = partialNote(entry.path, entry.size, content, plan.bound);
      if (note !== undefined && this.partial++ < MAX_NOTES) this.notes.push(note);
    }
    if (found.length > 0) this.record(entry.path, found);
  }

  private scan(content: Content, size: number, plan: Plan, lang: Lang): Found[] {
    const out: Found[] = [];
    for (const part of textParts(content, size, plan.bound, plan.sourceMap, true)) {
      for (const hit of scanText(part.bytes, lang)) {
        if (out.some((known) => known.hit.rule === hit.rule)) continue;
        out.push(placed(part, hit));
      }
    }
    return out;
  }

  /** One finding per file: the gravest rule that matched (the first of the gravest), the others named in the detail. */
  private record(path: string, found: readonly Found[]): void {
    if (this.findings.length >= MAX_FINDINGS) {
      this.dropped++;
      return;
    }
    let first = found[0] as Found;
    for (const f of found) if (rank(severityOf(f.hit.rule, path)) < rank(severityOf(first.hit.rule, path))) first = f;
    const { hit } = first;
    const rule = hit.rule;
    const where = [
      first.source ? `in the embedded source ${first.source}` : '',
      first.line === undefined ? `at byte ${first.offset} (in the file's last part)` : `line ${first.line}`,
      hit.layer ? `inside a ${hit.layer} layer` : '',
    ].filter((part) => part !== '');
    const others = found.filter((f) => f !== first).map((f) => (f.line === undefined ? f.hit.rule.id : `${f.hit.rule.id} (line ${f.line})`));
    const finding = checkFinding({
      kind: 'malicious-code',
      severity: severityOf(rule, path),
      rule: rule.id,
      subject: path,
      path,
      title: `${WHAT[rule.family]}: ${hit.note ?? rule.description}`,
      detail: `${where.join(', ')}: ${rule.description}${others.length > 0 ? `; also matches ${others.join(', ')}` : ''}; see ${rule.reference}`,
    });
    if (first.line !== undefined && first.source === undefined) finding.line = first.line;
    finding.excerpt = first.excerpt;
    this.findings.push(finding);
  }

  finish(): AnalyzerResult {
    const findings = sortFindings(this.findings);
    if (this.dropped > 0) {
      findings.push(
        checkFinding({
          kind: 'malicious-code',
          severity: 'critical',
          rule: 'too-many-findings',
          subject: 'too-many-findings',
          subjectIsPath: false,
          title: `More than ${MAX_FINDINGS.toLocaleString('en-US')} malicious-code findings: ${this.dropped.toLocaleString('en-US')} more were not reported`,
          detail: 'the package is full of code the rules call malicious; treat it as compromised',
        }),
      );
    }
    const notes = [...this.notes];
    if (this.partial > MAX_NOTES) notes.push(`… and ${this.partial - MAX_NOTES} more files read in part`);
    return { findings, notes };
  }
}

/**
 * Files that never run and hold nothing the files beside them do not: type declarations,
 * TypeScript sources inside dependency trees (they ship and run compiled), and source maps
 * inside dependency trees (their sources are the package's own files, read themselves).
 */
function neverRuns(path: string, lower: string, sourceMap: boolean): boolean {
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.mts') || lower.endsWith('.d.cts')) return true;
  if (!inDependencyTree(path)) return false;
  return sourceMap || lower.endsWith('.ts') || lower.endsWith('.tsx') || lower.endsWith('.mts') || lower.endsWith('.cts');
}

function placed(part: TextPart, hit: RuleHit): Found {
  const place = placeOf(part.bytes, Math.min(hit.offset, part.bytes.length));
  return {
    hit,
    line: part.firstLine === undefined ? undefined : part.firstLine + place.line - 1,
    excerpt: place.excerpt,
    source: part.source,
    offset: part.offset + hit.offset,
  };
}

/**
 * Critical for a shell, a skimmer or exfiltration; high for an obfuscated loader; medium
 * for a construct that is suspicious rather than malicious (`auto_prepend_file`, which a
 * WAF or a profiler may set too) when it sits in first-party code.
 */
function severityOf(rule: Rule, path: string): Severity {
  return rule.suspicious && !inDependencyTree(path) ? 'medium' : rule.severity;
}

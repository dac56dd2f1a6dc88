// The shape of a malicious-code rule. Rules are data: an id, a family, a severity, what it
// means, where the public research is, the literals that must occur for it to be worth a
// look (the prefilter), and a match function that only ever looks at bounded windows of
// the file around those literals.
export type Family = 'shells' | 'loaders' | 'skimmers' | 'exfiltration';
export type Severity = 'critical' | 'high' | 'medium';
/** What a file is, for the rules: PHP source, JS source, markup/template, or server config. */
export type Lang = 'php' | 'js' | 'html' | 'config';

export interface Hit {
  /** Offset in the file's bytes (latin1), for the line and the excerpt. */
  offset: number;
  /** A short word on what matched (never payload text). */
  note?: string;
}

/** What a rule may look at: bounded windows and the literal hits of the one prefilter pass. */
export interface View {
  readonly lang: Lang;
  readonly length: number;
  /** The bytes from..to as a latin1 string (clamped; at most MAX_WINDOW characters). */
  text(from: number, to: number): string;
  /** Offsets where a registered literal occurs (empty when it does not). */
  positions(literal: string): readonly number[];
  /** Does any of the literals occur within `distance` bytes of `offset`? */
  near(offset: number, literals: readonly string[], distance: number): boolean;
  /** Does any of the literals occur anywhere in the file? */
  has(literals: readonly string[]): boolean;
  /** Strings decoded from escapes, char-code lists, entity runs and base64 literals (bounded), with where they were. */
  decoded(): readonly Decoded[];
}

export interface Decoded {
  offset: number;
  text: string;
  how: string;
}

export interface Rule {
  id: string;
  family: Family;
  severity: Severity;
  description: string;
  /** A construct that is suspicious rather than malicious: medium in first-party code. */
  suspicious?: true;
  /** Public research the rule re-expresses (URL or citation). */
  reference: string;
  langs: readonly Lang[];
  /** The prefilter: the rule runs only when at least one occurs (case-insensitive unless caseSensitive). */
  literals: readonly string[];
  caseSensitive?: boolean;
  /** Other literals the rule asks `near`/`has`/`positions` about (registered in the same pass). */
  aux?: readonly string[];
  /** Called with the offsets of this rule's literals (sorted); returns the first hit or undefined. */
  match(view: View, at: readonly number[]): Hit | undefined;
}

export interface RegexLiteral {
  key: string;
  source: string;
  flags: string;
  where: string;
}
export function regexLiterals(root?: string): Promise<RegexLiteral[]>;

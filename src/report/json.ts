import type { Report } from '../model.js';

/**
 * The JSON report: plain JSON, laid out one array element per line so that two
 * reports diff line by line and a 70,000-entry package stays a readable file.
 */
export function renderJson(report: Report): string {
  const lines = ['{'];
  const keys = Object.keys(report) as (keyof Report)[];
  keys.forEach((key, index) => {
    const value = report[key];
    const comma = index < keys.length - 1 ? ',' : '';
    if (Array.isArray(value) && value.length > 0) {
      lines.push(`  ${JSON.stringify(key)}: [`);
      value.forEach((item: unknown, i: number) => lines.push(`    ${JSON.stringify(item)}${i < value.length - 1 ? ',' : ''}`));
      lines.push(`  ]${comma}`);
    } else {
      lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}`);
    }
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

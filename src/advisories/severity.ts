import { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';
import type { Severity } from '../model.js';
import type { OsvRecord, OsvSeverity } from './osv.js';

export interface Rating {
  severity: Severity;
  /** The CVSS base score when a vector gave it. */
  score?: number;
  /** Where the rating came from: `CVSS_V3`, `database`, `malicious`, `unrated`. */
  source: string;
}

/** CVSS v3/v4 qualitative scale: 9.0+ critical, 7.0+ high, 4.0+ medium, above 0 low. */
function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

const DATABASE_RATINGS: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
  NEGLIGIBLE: 'info',
  UNIMPORTANT: 'info',
};

/** Prefer the newest CVSS version a record gives. */
const PREFERENCE = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

/**
 * The severity of an advisory: a CVSS vector scored to its base score (v4, then v3.x,
 * then v2), else the database's own rating. A malicious-package record (MAL-) is
 * critical. A record rated by nobody counts as high: a gate must not let an unrated
 * advisory slip under a severity threshold.
 */
export function rate(record: OsvRecord, extra: readonly OsvSeverity[] = []): Rating {
  const vectors = [...record.severity, ...extra];
  for (const type of PREFERENCE) {
    for (const vector of vectors.filter((candidate) => candidate.type === type)) {
      const score = scoreVector(type, vector.score);
      if (score !== undefined) return { severity: severityOfScore(score), score, source: type };
    }
  }
  const database = record.databaseSeverity ?? record.affected.find((affected) => affected.databaseSeverity)?.databaseSeverity;
  const rating = database ? DATABASE_RATINGS[database.toUpperCase()] : undefined;
  if (rating) return { severity: rating, source: 'database' };
  if (record.id.startsWith('MAL-')) return { severity: 'critical', source: 'malicious' };
  return { severity: 'high', source: 'unrated' };
}

function scoreVector(type: string, vector: string): number | undefined {
  try {
    switch (type) {
      case 'CVSS_V4':
        return new Cvss4P0(vector).calculateScores().overall;
      case 'CVSS_V3':
        return (vector.startsWith('CVSS:3.0/') ? new Cvss3P0(vector) : new Cvss3P1(vector)).calculateScores().base;
      case 'CVSS_V2':
        return new Cvss2(vector).calculateScores().base;
      default:
        return undefined;
    }
  } catch {
    return undefined; // a vector the calculator cannot read: fall back to the next source
  }
}

import type { PolicyOverrides } from '../policy/resolve.js';

/** What the command line and the action both ask of a scan, besides what to scan and where the JSON report goes. */
export interface ScanRequest extends Omit<PolicyOverrides, 'warnOnly'> {
  baseline?: string;
  advisories: string[];
  offline: boolean;
  allowSourceFailure: boolean;
  config?: string;
  sarif?: string;
  sbom?: string;
  summary?: string;
}

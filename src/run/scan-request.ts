import type { PolicyOverrides } from '../policy/resolve.js';

/** What the command line and the action both ask of a scan, besides which packages to scan and where each one's files go. */
export interface ScanRequest extends PolicyOverrides {
  baseline?: string;
  advisories: string[];
  offline: boolean;
  allowSourceFailure: boolean;
  config?: string;
}

/** Where one package's files go; each is written only when named. */
export interface OutputPaths {
  report?: string;
  sarif?: string;
  sbom?: string;
  summary?: string;
}

// Token formats with a fixed shape, found at the start of a run of token characters.
//
// Regexes marked "gitleaks" are data quoted from gitleaks/gitleaks config/gitleaks.toml
// at b58d3f10 (MIT licence, © Zachary Rice), adapted to
// JavaScript (inline `(?i)` became flags or explicit classes; the sticky flag anchors
// them at the candidate). Rules marked "own" are this project's.
import type { Severity } from '../../model.js';

export interface TokenRule {
  id: string;
  /** What it is, for a reviewer; never the value. */
  title: string;
  severity: Severity | ((value: string) => Severity);
  /**
   * Literal starts of the token. Those ending in a token character are looked for at the
   * start of a run of token characters; those ending in another character (`SG.`,
   * `$production$`) just before a run.
   */
  prefixes: readonly string[];
  /** Sticky, tried at the candidate's start; group 1 is the secret. */
  pattern: RegExp;
  /** Shannon entropy (bits per character) the value must reach: shape alone matches made-up tokens. */
  minEntropy?: number;
  /** Values documented as examples. */
  allow?: RegExp;
  /** A word that must appear within 256 characters (gitleaks `keywords`, for shapes too common on their own). */
  near?: RegExp;
}

const END = String.raw`(?=[\x60'"\s;,)\]}<>]|\\[nrt]|$)`;

export const TOKEN_RULES: readonly TokenRule[] = [
  {
    // gitleaks aws-access-token; allowlist .+EXAMPLE$; entropy 3
    id: 'aws-access-key',
    title: 'AWS access key ID',
    severity: 'high',
    prefixes: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'A3T'],
    pattern: /\b((?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/y,
    minEntropy: 3,
    allow: /EXAMPLE$/,
  },
  {
    // gitleaks github-pat, github-oauth, github-app-token, github-refresh-token
    id: 'github-token',
    title: 'GitHub token',
    severity: 'critical',
    prefixes: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[0-9a-zA-Z]{36})\b/y,
    minEntropy: 3,
  },
  {
    // gitleaks github-fine-grained-pat
    id: 'github-token',
    title: 'GitHub fine-grained token',
    severity: 'critical',
    prefixes: ['github_pat_'],
    pattern: /\b(github_pat_\w{82})\b/y,
    minEntropy: 3,
  },
  {
    // gitleaks stripe-access-token; live/prod critical, test low
    id: 'stripe-secret-key',
    title: 'Stripe secret key',
    severity: (value) => (/_test_/.test(value) ? 'low' : 'critical'),
    prefixes: ['sk_live_', 'sk_test_', 'sk_prod_', 'rk_live_', 'rk_test_', 'rk_prod_'],
    pattern: new RegExp(String.raw`\b((?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})(?:[\x60'"\s;]|\\[nr]|$)`, 'y'),
    minEntropy: 3,
  },
  {
    // own: Stripe webhook signing secret
    id: 'stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    severity: 'high',
    prefixes: ['whsec_'],
    pattern: new RegExp(String.raw`\b(whsec_[A-Za-z0-9+/]{32,64})${END}`, 'y'),
    minEntropy: 3.5,
  },
  {
    // gitleaks slack-bot-token, slack-user-token, slack-legacy-*, slack-app-token
    id: 'slack-token',
    title: 'Slack token',
    severity: 'high',
    prefixes: ['xoxb-', 'xoxp-', 'xoxe-', 'xoxo-', 'xoxs-', 'xoxa-', 'xoxr-', 'xapp-', 'XAPP-'],
    pattern:
      /(xoxb-[0-9]{10,13}-[0-9]{10,13}[a-zA-Z0-9-]*|xox[pe](?:-[0-9]{10,13}){3}-[a-zA-Z0-9-]{28,34}|[xX][aA][pP][pP]-\d-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+|xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}|xox[ar]-(?:\d-)?[0-9a-zA-Z]{8,48})/y,
    minEntropy: 3,
  },
  {
    // gitleaks gcp-api-key; entropy 4 in gitleaks, 3.5 here on the 39 characters. Browser keys are often public: medium
    id: 'google-api-key',
    title: 'Google API key',
    severity: 'medium',
    prefixes: ['AIza'],
    pattern: new RegExp(String.raw`\b(AIza[\w-]{35})(?:[\x60'"\s;]|\\[nr]|$)`, 'y'),
    minEntropy: 3.5,
  },
  {
    // own: Google OAuth client secret
    id: 'google-oauth-secret',
    title: 'Google OAuth client secret',
    severity: 'high',
    prefixes: ['GOCSPX-'],
    pattern: new RegExp(String.raw`\b(GOCSPX-[A-Za-z0-9_-]{28})${END}`, 'y'),
    minEntropy: 3,
  },
  {
    // gitleaks npm-access-token
    id: 'npm-token',
    title: 'npm access token',
    severity: 'critical',
    prefixes: ['npm_'],
    pattern: new RegExp(String.raw`\b(npm_[a-zA-Z0-9]{36})(?:[\x60'"\s;]|\\[nr]|$)`, 'y'),
    minEntropy: 3.5,
  },
  {
    // gitleaks sendgrid-api-token
    id: 'sendgrid-api-key',
    title: 'SendGrid API key',
    severity: 'high',
    prefixes: ['SG.'],
    pattern: new RegExp(String.raw`\b(SG\.[a-zA-Z0-9=_\-.]{66})(?:[\x60'"\s;]|\\[nr]|$)`, 'y'),
    minEntropy: 3.5,
  },
  {
    // gitleaks shopify-access-token (and the shpca_/shppa_/shpss_ forms)
    id: 'shopify-token',
    title: 'Shopify access token or shared secret',
    severity: 'critical',
    prefixes: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: /\b((?:shpat|shpca|shppa|shpss)_[a-fA-F0-9]{32})\b/y,
    minEntropy: 3,
  },
  {
    // gitleaks square-access-token
    id: 'square-token',
    title: 'Square access token',
    severity: 'high',
    prefixes: ['EAAA', 'sq0atp-'],
    pattern: new RegExp(String.raw`\b((?:EAAA|sq0atp-)[\w-]{22,60})(?:[\x60'"\s;]|\\[nr]|$)`, 'y'),
    minEntropy: 4,
  },
  {
    // gitleaks twilio-api-key
    id: 'twilio-api-key',
    title: 'Twilio API key',
    severity: 'high',
    prefixes: ['SK'],
    pattern: /\b(SK[0-9a-fA-F]{32})\b/y,
    minEntropy: 3,
  },
  {
    // gitleaks mailgun-private-api-token (keyword mailgun)
    id: 'mailgun-api-key',
    title: 'Mailgun API key',
    severity: 'high',
    prefixes: ['key-'],
    pattern: /\b(key-[a-f0-9]{32})\b/y,
    minEntropy: 3,
    near: /mailgun/i,
  },
  {
    // own: GitLab personal access token
    id: 'gitlab-token',
    title: 'GitLab personal access token',
    severity: 'critical',
    prefixes: ['glpat-'],
    pattern: new RegExp(String.raw`\b(glpat-[\w-]{20,})${END}`, 'y'),
    minEntropy: 3,
  },
  {
    // own: OpenAI API key (T3BlbkFJ is "OpenAI" in base64, inside every key)
    id: 'openai-api-key',
    title: 'OpenAI API key',
    severity: 'high',
    prefixes: ['sk-'],
    pattern: /\b(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80})\b/y,
    minEntropy: 3.5,
  },
  {
    // own: the shape edoardottt/secfiles and Slack-Watchman describe
    id: 'braintree-access-token',
    title: 'Braintree access token',
    severity: (value) => (value.includes('$sandbox$') ? 'low' : 'critical'),
    prefixes: ['access_token$production$', 'access_token$sandbox$'],
    pattern: /(access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})/y,
    minEntropy: 3,
  },
];

/** Mailchimp keys end in their data centre: 32 hex digits, `-us` and a number (gitleaks mailchimp-api-key, keyword mailchimp). */
export const MAILCHIMP = { id: 'mailchimp-api-key', title: 'Mailchimp API key', severity: 'high' as Severity, pattern: /^[a-f0-9]{32}-us\d{1,2}$/, near: /mailchimp/i };

/** Slack incoming webhooks (gitleaks slack-webhook-url): the last path segment is a run. */
export const SLACK_WEBHOOK = /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/]{43,56})/;

/** gitleaks private-key, case-insensitive as there. */
export const PRIVATE_KEY = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----([\s\S-]{64,}?)KEY(?: BLOCK)?-----/iy;

/** A connection string with a password, tried at the start of the scheme. */
export const DSN = /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:/@'"]{1,256}):([^\s@'"]{3,256})@([^\s'"/?#]{1,256})/y;

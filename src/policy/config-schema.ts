import { FINDING_KINDS } from '../model.js';
import { THRESHOLDS } from './values.js';

const kinds = { type: 'string', enum: [...FINDING_KINDS] } as const;
const globs = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

/**
 * The JSON Schema of `.github/release-gate.yml`. Editors can use it too (the README
 * shows how); the loader validates every file against it before reading a value.
 */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'release-gate policy',
  type: 'object',
  additionalProperties: false,
  properties: {
    'fail-on': { oneOf: [{ type: 'array', items: kinds, uniqueItems: true }, { type: 'string' }] },
    severity: { type: 'string', enum: [...THRESHOLDS] },
    'only-new': { type: 'boolean' },
    'include-dev': { type: 'boolean' },
    monitor: {
      type: 'object',
      additionalProperties: false,
      properties: { add: globs, remove: globs },
    },
    ignore: globs,
    accept: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['reason', 'expires'],
        anyOf: [{ required: ['advisory'] }, { required: ['package'] }, { required: ['path'] }, { required: ['id'] }],
        properties: {
          advisory: { type: 'string', minLength: 1 },
          package: { type: 'string', minLength: 1 },
          path: { type: 'string', minLength: 1 },
          id: { type: 'string', minLength: 1 },
          kind: kinds,
          reason: { type: 'string', minLength: 3 },
          expires: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
        },
      },
    },
  },
} as const;

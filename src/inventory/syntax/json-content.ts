import { ExtractError } from '../extractors/extractor.js';

/** The JSON document of an entry, as `unknown` for the caller to narrow; ExtractError when it is not JSON. */
export function parseJsonContent(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new ExtractError(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// Kept equal to package.json by a test; the bundle carries it without reading files.
export const TOOL_NAME = 'release-gate';
export const TOOL_VERSION = '0.1.0';

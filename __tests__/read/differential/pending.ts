// Cases the gate does not handle yet, with why: the suite asserts that each of them still
// fails (so a fixed case must leave this list) and that every other case passes.
export const PENDING: Readonly<Record<string, string>> = {
};

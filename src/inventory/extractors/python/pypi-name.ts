/**
 * A PyPI project name in its PEP 503 normal form: lower case, every run of `-`, `_` and
 * `.` one `-`. `Zope.Interface`, `zope_interface` and `zope-interface` are one project,
 * and OSV records name it in this form.
 */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A valid PEP 508 distribution name (before normalisation). */
export const PYPI_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/** The package is not what it claims to be, or breaks a bound: the message says what, the reader's caller says where. */
export class PackageFormatError extends Error {
  override readonly name = 'PackageFormatError';
}

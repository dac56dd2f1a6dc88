/** The package is not what it claims to be, or breaks a bound: the message says what, the reader's caller says where. */
export class PackageFormatError extends Error {
  override readonly name: string = 'PackageFormatError';
}

/**
 * The bytes are not a readable archive of their format at all (no end record, a record
 * cut short or with a bad signature, data that does not inflate): the caller says
 * "not a readable zip" rather than "damaged or hostile".
 */
export class UnreadablePackageError extends PackageFormatError {
  override readonly name: string = 'UnreadablePackageError';
}

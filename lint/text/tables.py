"""Large read-only tables kept as memory-mapped hash files: opened, not loaded.

A run looks up a few thousand of the 349,000 words of jieba's dictionary, of the 129,000 character
sequences of the reference reports, of the 74,000 four-corner codes. Unmarshalling such a table
into a ``dict`` costs a tenth to a quarter of a second and tens of megabytes in every process that
asks for it, whatever the length of the text. A :class:`MappedTable` is the same table written once
(per snapshot key, see :mod:`factlint.text.snapshots`) as an open-addressing hash file and mapped
into memory: opening it costs nothing, and each look-up reads the few pages it needs.

The file (after the snapshot's key line): a header (``FLT2``, the number of slots, of entries, and
the offset of the entries), the slots (one ``uint32`` each: 0 for an empty slot, else one more than
the offset of an entry), the CRC-32 of each slot's key (one ``uint32`` each: a probe compares it
before it reads an entry), then the entries, each the lengths of its key and value (``uint16``,
``uint32``) and their UTF-8 bytes. Keys are hashed with CRC-32 of their UTF-8 (the same in every
process, unlike ``hash``), probed linearly; the slots are twice the entries or more.

Every look-up is remembered in a plain dict, so a word asked a thousand times is decoded once (and
a string the table does not have is looked for once).
When snapshots are off or cannot be written, the table is an ordinary dict built from its source.
"""

from __future__ import annotations

import mmap
import os
import stat
import struct
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Generic, TypeVar

from factlint.text import snapshots

V = TypeVar("V")

_MAGIC = b"FLT2"
_HEADER = struct.Struct("<4sIII")
_ENTRY = struct.Struct("<HI")
#: what the memo of look-ups holds for a key the table does not have
_ABSENT = object()
_MISSING = object()


class MappedTable(Mapping[str, V], Generic[V]):
    """A read-only ``str -> V`` mapping over a hash file (``decode`` turns a value's bytes into V:
    ``bytes.decode`` for text, ``int`` for counts)."""

    def __init__(self, data: mmap.mmap | bytes, start: int, decode: Callable[[bytes], V]) -> None:
        magic, slots, entries, offset = _HEADER.unpack_from(data, start)
        if (
            magic != _MAGIC
            or not slots
            or slots & (slots - 1)
            or slots < 2 * entries
            or offset != _HEADER.size + 8 * slots
            or len(data) < start + offset
        ):
            raise ValueError("not a factlint table")
        self._data = data
        self._view = memoryview(data)
        at = start + _HEADER.size
        self._slots = self._view[at : at + 4 * slots].cast("I")
        self._hashes = self._view[at + 4 * slots : at + 8 * slots].cast("I")
        self._mask = slots - 1
        self._length: int = entries
        self._entries = start + offset
        self._decode = decode
        #: every key looked up: its value, or _ABSENT
        self._memo: dict[str, object] = {}

    def _find(self, key: str) -> object:
        """The value of ``key`` (a str), or _ABSENT. A slot holds the CRC-32 of its key beside
        the entry's offset: a probe of another key compares two ints and reads no entry."""
        raw = key.encode("utf-8", "surrogatepass")
        crc = zlib.crc32(raw)
        slots, hashes, mask = self._slots, self._hashes, self._mask
        at = crc & mask
        while entry := slots[at]:
            if hashes[at] == crc:
                data = self._data
                start = self._entries + entry - 1
                key_size, value_size = _ENTRY.unpack_from(data, start)
                start += 6  # _ENTRY.size
                if data[start : start + key_size] == raw:
                    start += key_size
                    return self._decode(data[start : start + value_size])
            at = (at + 1) & mask
        return _ABSENT

    # (the memo looked up inline in each accessor: they are called hundreds of thousands of times)
    def __getitem__(self, key: str) -> V:
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            if not isinstance(key, str):
                raise KeyError(key)
            found = self._memo[key] = self._find(key)
        if found is _ABSENT:
            raise KeyError(key)
        return found  # type: ignore[return-value]

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            if not isinstance(key, str):
                return default
            found = self._memo[key] = self._find(key)
        return default if found is _ABSENT else found

    def __contains__(self, key: object) -> bool:
        found = self._memo.get(key, _MISSING)  # type: ignore[call-overload]
        if found is _MISSING:
            if not isinstance(key, str):
                return False
            found = self._memo[key] = self._find(key)
        return found is not _ABSENT

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[str]:
        data, at = self._data, self._entries
        for _ in range(self._length):
            key_size, value_size = _ENTRY.unpack_from(data, at)
            at += _ENTRY.size
            yield data[at : at + key_size].decode("utf-8", "surrogatepass")
            at += key_size + value_size

    def items(self) -> Iterator[tuple[str, V]]:  # type: ignore[override]
        return self._items()

    def _items(self) -> Iterator[tuple[str, V]]:
        data, at, decode = self._data, self._entries, self._decode
        for _ in range(self._length):
            key_size, value_size = _ENTRY.unpack_from(data, at)
            at += _ENTRY.size
            key = data[at : at + key_size].decode("utf-8", "surrogatepass")
            at += key_size
            yield key, decode(data[at : at + value_size])
            at += value_size


def encode_table(items: Iterable[tuple[str, bytes]]) -> bytes:
    """The hash file of ``items`` (keys unique), without the snapshot's key line. The slots are in
    the machine's byte order, as they are read (a snapshot never leaves the machine)."""
    from array import array
    from itertools import accumulate

    pairs = list(items)
    keys = [key.encode("utf-8", "surrogatepass") for key, _ in pairs]
    values = [value for _, value in pairs]
    # (in C, entry by entry: the headers, the records, their offsets)
    heads = map(_ENTRY.pack, map(len, keys), map(len, values))
    records = list(map(b"".join, zip(heads, keys, values, strict=True)))
    offsets = list(accumulate(map(len, records), initial=0))
    slots = 8
    while slots < 2 * len(keys):
        slots *= 2
    mask = slots - 1
    table = array("I", bytes(4 * slots))
    hashes = array("I", bytes(4 * slots))
    crc32 = zlib.crc32
    for raw, offset in zip(keys, offsets[:-1], strict=True):
        crc = crc32(raw)
        slot = crc & mask
        while table[slot]:
            slot = (slot + 1) & mask
        table[slot] = offset + 1
        hashes[slot] = crc
    header = _HEADER.pack(_MAGIC, slots, len(keys), _HEADER.size + 8 * slots)
    return header + table.tobytes() + hashes.tobytes() + b"".join(records)


def _open(name: str, key: str) -> tuple[mmap.mmap, int] | None:
    """The snapshot file ``name`` of ``key`` mapped into memory, and where its body starts; None
    when absent or not trusted (the same checks as :func:`factlint.text.snapshots.read`)."""
    if not snapshots.enabled():
        return None
    try:
        path = snapshots._path(name, key)
        fd = os.open(path, os.O_RDONLY | snapshots._NOFOLLOW)
    except (OSError, RuntimeError):
        return None
    try:
        info = os.fstat(fd)
        if (
            not stat.S_ISREG(info.st_mode)
            or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())
            or info.st_mode & 0o022
            or info.st_size <= len(key) + 1 + _HEADER.size
        ):
            return None
        data = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)
    head = key.encode() + b"\n"
    if data[: len(head)] != head:
        data.close()
        return None
    return data, len(head)


def mapped(
    name: str,
    parts: Iterable[bytes | str],
    build: Callable[[], Iterable[tuple[str, str]]],
    decode: Callable[[bytes], V],
) -> Mapping[str, V]:
    """The table ``build()`` makes (``(key, value)`` pairs of text), mapped from its snapshot under
    ``name`` and the key of ``parts`` (written on first use); a dict of ``decode``d values when no
    snapshot can be kept. ``decode`` turns a value's UTF-8 bytes back into what the caller wants."""
    try:
        # (this module's code is part of the key: a change of the file's layout is a new file)
        key = snapshots.key_of(name, [*parts, snapshots.source_of(__file__)])
    except OSError:
        return {k: decode(v.encode("utf-8")) for k, v in build()}
    table = _table(name, key, decode)
    if table is None:  # absent or damaged: built, written, and mapped from the new file
        # (a key given twice keeps its first place and its last value, as in a dict)
        built = dict(build())
        body = encode_table(zip(built, map(str.encode, built.values()), strict=True))
        if snapshots.write(name, key, body):
            table = _table(name, key, decode)
        if table is None:  # no snapshot can be kept here
            return _as_dict(body, decode)
    return table


def _table(name: str, key: str, decode: Callable[[bytes], V]) -> MappedTable[V] | None:
    opened = _open(name, key)
    if opened is None:
        return None
    try:
        return MappedTable(opened[0], opened[1], decode)
    except (ValueError, struct.error):
        opened[0].close()
        return None


def _as_dict(body: bytes, decode: Callable[[bytes], V]) -> dict[str, V]:
    return dict(MappedTable(body, 0, decode).items())


def text(value: bytes) -> str:
    """A value's bytes as text (for :func:`mapped`)."""
    return value.decode("utf-8")

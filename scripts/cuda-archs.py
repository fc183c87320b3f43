#!/usr/bin/env python3
"""List the GPU architectures a CUDA library (or a jar holding one) carries code for.

Usage: scripts/cuda-archs.py <libnd4jcuda.so | nd4j-cuda-*.jar> ...

Reads the ELF section .nv_fatbin, which holds one fatbin container per compiled unit. Each container
(magic 0xBA55ED50, a 16-byte header, then its entries) holds entries of kind 2 (ELF: SASS machine
code, runs on GPUs of the same major compute capability and an equal or higher minor one) or kind 1
(PTX: can be JIT-compiled by the driver for newer GPUs), each naming its sm_ architecture. No CUDA
toolkit is needed (cuobjdump --list-elf / --list-ptx gives the same answer where one is installed).
Prints, per library, how many entries of each kind each architecture has.
"""
import collections
import struct
import sys
import tempfile
import zipfile

MAGIC = 0xBA55ED50
KINDS = {1: "PTX", 2: "SASS"}


def nv_fatbin(f):
    """(offset, size) of the .nv_fatbin section of an ELF64 little-endian file."""
    head = f.read(64)
    if head[:4] != b"\x7fELF" or head[4] != 2:
        raise SystemExit("not an ELF64 file")
    shoff = struct.unpack_from("<Q", head, 0x28)[0]
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", head, 0x3A)
    f.seek(shoff)
    table = f.read(shentsize * shnum)
    sections = [struct.unpack_from("<IIQQQQ", table, i * shentsize) for i in range(shnum)]
    f.seek(sections[shstrndx][4])
    names = f.read(sections[shstrndx][5])
    for name_at, _, _, _, offset, size in sections:
        if names[name_at:names.index(b"\0", name_at)] == b".nv_fatbin":
            return offset, size
    return None


def entries(f, offset, size):
    """(kind, sm) of every entry of every container in the section."""
    end = offset + size
    pos = offset
    while pos + 16 <= end:
        f.seek(pos)
        magic, _version, header, fat_size = struct.unpack("<IHHQ", f.read(16))
        if magic != MAGIC:
            pos += 8  # containers are 8-byte aligned; skip padding
            continue
        entry = pos + header
        stop = entry + fat_size
        while entry < stop:
            f.seek(entry)
            e = f.read(32)
            kind, _v, entry_header, payload = struct.unpack_from("<HHIQ", e, 0)
            sm = struct.unpack_from("<I", e, 28)[0]
            yield KINDS.get(kind, "kind %d" % kind), sm
            entry += entry_header + payload
        pos = stop


def report(path, f):
    found = nv_fatbin(f)
    if found is None:
        print("%s: no .nv_fatbin section (no CUDA code)" % path)
        return
    counts = collections.Counter(entries(f, *found))
    print("%s: .nv_fatbin of %d bytes" % (path, found[1]))
    for kind in ("SASS", "PTX"):
        archs = sorted(sm for (k, sm) in counts if k == kind)
        print("  %s: %s" % (kind, ", ".join("sm_%d (%d)" % (sm, counts[(kind, sm)]) for sm in archs) or "none"))


def main(paths):
    if not paths:
        raise SystemExit(__doc__)
    for path in paths:
        if path.endswith(".jar"):
            with zipfile.ZipFile(path) as jar:
                libs = [n for n in jar.namelist() if n.endswith(".so") and "nd4jcuda" in n and "jni" not in n]
                if not libs:
                    print("%s: no libnd4jcuda.so inside" % path)
                for name in libs:
                    with tempfile.NamedTemporaryFile(suffix=".so") as tmp:
                        with jar.open(name) as src:
                            while chunk := src.read(1 << 24):
                                tmp.write(chunk)
                        tmp.flush()
                        with open(tmp.name, "rb") as f:
                            report(path + "!" + name, f)
        else:
            with open(path, "rb") as f:
                report(path, f)


if __name__ == "__main__":
    main(sys.argv[1:])

"""Memory of the web's upload path: a counts file received and made ready for the reader.

In a fresh process each, a multipart request body of ``--mb`` megabytes (a valid long CSV of counts) is
parsed from a file on disk by Django's ``MultiPartParser`` and made ready for the core's reader as the
statistics upload does it before reading: the file's first line (to recognise KMSTA001 and the voting-area
tables) and its SHA-256 (stored with the dataset).

- **streamed** (this version): the settings' ``LimitedUploadHandler`` writes the upload to a temporary file
  as it arrives; the importer gets its path (``statistics.views._input``), reads 64 KB for the header and
  hashes it in 1 MB chunks.
- **read whole** (before): Django's default handlers, then ``upload.read()`` into an ``InputFile`` of
  bytes, as the upload view did.

The figure is the growth of the child's peak resident memory over its state before the request (Django
loaded). What the reader itself needs is measured by the readers' benchmark; this one shows that the web
adds no copy of the file.

    .venv/bin/python benchmarks/uploads.py            # 50 MB
    .venv/bin/python benchmarks/uploads.py --mb 10 --no-write
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import run_child, write_result

CHILD = """
import gzip, hashlib, os, resource, shutil, tempfile, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mangfold.web.settings")
import django
django.setup()
from django.conf import settings
from django.core.files.uploadhandler import load_handler
from django.http.multipartparser import MultiPartParser
from mangfold.population.detect import InputFile, header_of
from mangfold.web.statistics.views import _input

MODE, MEGABYTES, GZIP = {mode!r}, {mb}, {gzip!r}
boundary = "mangfoldbenchmarkboundary"
folder = tempfile.mkdtemp()
body = os.path.join(folder, "body")
row = b"A1,2020,Persons of Danish origin,3025\\n"
with open(body, "wb") as out:
    out.write(f"--{{boundary}}\\r\\n".encode())
    out.write(b'Content-Disposition: form-data; name="file"; filename="big.csv{suffix}"\\r\\n')
    out.write(b"Content-Type: text/csv\\r\\n\\r\\n")
    block = row * (2**20 // len(row))
    if GZIP:
        with gzip.GzipFile(fileobj=out, mode="wb", mtime=0) as packer:
            packer.write(b"area,period,group,n\\n")
            for _ in range(MEGABYTES):
                packer.write(block)
    else:
        out.write(b"area,period,group,n\\n")
        for _ in range(MEGABYTES):
            out.write(block)
    out.write(f"\\r\\n--{{boundary}}--\\r\\n".encode())
size = os.path.getsize(body)
if MODE == "streamed":
    handlers = settings.FILE_UPLOAD_HANDLERS
else:
    handlers = ["django.core.files.uploadhandler.MemoryFileUploadHandler",
                "django.core.files.uploadhandler.TemporaryFileUploadHandler"]
settings.MANGFOLD_MAX_UPLOAD_BYTES = 2 * size
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
meta = {{"CONTENT_TYPE": f"multipart/form-data; boundary={{boundary}}", "CONTENT_LENGTH": str(size)}}
with open(body, "rb") as stream:
    _, files = MultiPartParser(meta, stream, [load_handler(h) for h in handlers]).parse()
upload = files["file"]
if MODE == "streamed":
    file = _input(upload)
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
else:
    file = InputFile(upload.name, upload.read())
    digest = hashlib.sha256(file.data)
if MODE == "read whole" and GZIP:  # the header as it was found before: the whole file unpacked
    first = gzip.decompress(file.data).split(b"\\n", 1)[0]
    header = first.decode().split(",")
else:
    header = header_of(file)
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert header == ["area", "period", "group", "n"], header
growth = (after - before) / 1024
upload.close()
shutil.rmtree(folder)
RESULT = {{"bytes": size, "seconds": seconds, "growth_mib": growth, "sha256": digest.hexdigest()}}
"""


def measure(mode: str, mb: int, gzip: bool = False) -> dict[str, Any]:
    measurement = run_child(CHILD.format(mode=mode, mb=mb, gzip=gzip, suffix=".gz" if gzip else ""))
    output = measurement.output
    return {
        "path": mode,
        "file": f"CSV, {mb} MB" + (" unpacked, gzip" if gzip else ""),
        "upload_mb": round(output["bytes"] / 2**20, 2),
        "seconds": round(output["seconds"], 2),
        "peak_growth_mib": round(output["growth_mib"], 1),
        "process_peak_mib": round(measurement.peak_mib, 1),
        "sha256": output["sha256"][:12],
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    rows = [measure(mode, args.mb, packed) for packed in (False, True) for mode in ("streamed", "read whole")]
    assert rows[0]["sha256"] == rows[1]["sha256"] and rows[2]["sha256"] == rows[3]["sha256"]
    streamed, whole, streamed_gz, whole_gz = rows
    result = {
        "title": "Uploads: memory of the web's path before the reader",
        "summary": (
            f"A {streamed['upload_mb']:g} MB counts file received and prepared for the reader: streamed to a "
            f"temporary file, the process's peak grew by {streamed['peak_growth_mib']:g} MiB; read whole as "
            f"before, by {whole['peak_growth_mib']:g} MiB. The same CSV gzip-compressed "
            f"({streamed_gz['upload_mb']:g} MB): {streamed_gz['peak_growth_mib']:g} MiB streamed (the header "
            f"is read from the first 64 KB unpacked), {whole_gz['peak_growth_mib']:g} MiB before (the whole "
            "file was unpacked to find its header)."
        ),
        "rows": rows,
    }
    print(result["summary"])
    if not args.no_write:
        print(f"wrote {write_result('uploads', result)}")
    return result


if __name__ == "__main__":
    main()

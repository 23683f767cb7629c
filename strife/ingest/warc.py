"""Web archives (.warc, .warc.gz, read by warcio): each HTML response record is one article.

The archive is streamed a record at a time, so its size does not matter; a callback can
follow the bytes read. Records that are not responses (requests, metadata, warcinfo) are
not pages and are passed over; responses that are not HTML pages, and pages already read
from this archive (the same address, or the same canonical address as an AMP copy), become
failed articles, so that the summary counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from strife.ingest.decode import decode_bytes
from strife.ingest.urls import url_id, url_key
from strife.model import Article

# Called as progress(source, bytes read so far, total bytes) while an archive is read.
ByteProgress = Callable[[str, int, int], None]
HTML_TYPES = ("text/html", "application/xhtml+xml")
WARC_SUFFIXES = (".warc", ".warc.gz")


def is_warc(path: Path) -> bool:
    """True for a file named like a WARC archive."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(
    path: Path,
    read_html: Callable[[str, str, str], Article],
    failed: Callable[[str, str, str, str], Article],
    max_bytes: int,
    progress: ByteProgress | None = None,
) -> Iterator[Article]:
    """Yield one Article per HTML response record of a WARC file, in archive order.

    `read_html(html, article_id, source)` turns a page into an Article and
    `failed(article_id, source, code, message)` records one that cannot be read.
    """
    from warcio.archiveiterator import ArchiveIterator  # only archives pay for the import

    total = path.stat().st_size
    seen: dict[str, str] = {}  # url_key → id of the article read from that address
    copies = 0
    with path.open("rb") as handle:
        for number, record in enumerate(ArchiveIterator(handle), 1):
            if progress is not None:
                progress(str(path), handle.tell(), total)
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            article_id = url_id(url) if url else f"{path.name}-{number}"
            where = f"{path}#{number} {url}".strip()
            http = record.http_headers
            content_type = (http.get_header("Content-Type") or "") if http else ""
            status = http.get_statuscode() if http else ""
            if not content_type.lower().startswith(HTML_TYPES) or status != "200":
                kind = content_type.split(";")[0].strip() or "no content type"
                message = f"not an HTML page (HTTP {status or '?'}, {kind})"
                yield failed(article_id, where, "not-html", message)
                continue
            if url_key(url) in seen:
                copies += 1
                message = f"the same page as {seen[url_key(url)]}, already read from this archive"
                yield failed(f"{article_id}~{copies}", where, "duplicate", message)
                continue
            data = record.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                message = f"the page is over the limit of {max_bytes:,} bytes"
                yield failed(article_id, where, "too-large", message)
                continue
            html, problem = _decode(data, content_type)
            if html is None:
                code, message = problem or ("unreadable", "cannot decode the page")
                yield failed(article_id, where, code, message)
                continue
            article = read_html(html, article_id, where)
            canonical = article.url
            if canonical and url_key(canonical) in seen and url_key(canonical) != url_key(url):
                copies += 1
                first = seen[url_key(canonical)]
                message = f"a copy (AMP or alternate) of {first}, already read from this archive"
                yield failed(f"{article_id}~{copies}", where, "duplicate", message)
                continue
            for key in {url_key(url), url_key(canonical or url)}:
                seen.setdefault(key, article_id)
            hints = [("warc-date", record.rec_headers.get_header("WARC-Date") or "")]
            if http is not None and http.get_header("Last-Modified"):
                hints.append(("http-last-modified", http.get_header("Last-Modified")))
            # The crawl date is when the page was fetched, not published: a hint only.
            date_hints = tuple((k, v) for k, v in hints if v)
            article = replace(article, url=url or canonical, date_hints=date_hints)
            if problem and not article.failed:
                article = article.with_problem("ingest", problem[0], problem[1])
            yield article
    if progress is not None:
        progress(str(path), total, total)


def _decode(data: bytes, content_type: str) -> tuple[str | None, tuple[str, str] | None]:
    """Decode a page by its declared charset, else as any other input (UTF-8, then cp1252)."""
    charset = content_type.lower().partition("charset=")[2].split(";")[0].strip(" \"'")
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return data.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to the usual decoding
    return decode_bytes(data)

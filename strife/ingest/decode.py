"""Bytes to text: UTF-8 first, a clear reason when the input is not text at all."""

from __future__ import annotations

# Control characters other than tab, newline, carriage return and form feed: plenty of them
# means the bytes are not text, whatever they decode to.
_CONTROL = {*range(0, 9), 11, *range(14, 32), 127}
Reason = tuple[str, str]


def decode_bytes(data: bytes) -> tuple[str | None, Reason | None]:
    """Return (text, None), (text, warning) or (None, reason) for the raw bytes of an input."""
    if not data.strip():
        return None, ("empty", "the input is empty")
    head = data[:8192]
    if b"\x00" in head and not _is_utf16(head):
        return None, ("binary", "binary data (NUL bytes), not text")
    if _is_utf16(head):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, ("binary", "binary data, not text")
    if sum(byte in _CONTROL for byte in head) > len(head) * 0.05:
        return None, ("binary", "binary data (control characters), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    # Most non-UTF-8 news text is Windows-1252 (curly quotes from old CMSs); decode it as that
    # and say so, rather than dropping an article for a few bytes.
    text = data.decode("cp1252", errors="replace")
    replaced = text.count("\ufffd")
    if replaced > max(10, len(text) // 100):
        return None, ("bad-encoding", f"not valid UTF-8 (first bad byte at offset {where})")
    return text, (
        "encoding",
        f"not valid UTF-8 (first bad byte at offset {where}); read as Windows-1252",
    )


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))

"""Batch runner for readability-lxml (github.com/buriy/python-readability), one of the peers
issue 13 is judged against. Reads many pages per process so that Python's start-up is paid once.

Input (stdin): JSON lines, one page each: {"html": "<decoded page>", "url": "<page url>"}.
Output (stdout): JSON lines in the same order: {"text": "<article text>", "ms": <wall ms>,
"error": "<exception name>" (only on failure, text then "")}.
The text is readability's `summary(html_partial=True)` with a line break after each block element,
then `text_content()`, runs of blank lines collapsed.

Exit codes: 0 done; 3 readability-lxml (python3-readability / pip readability-lxml) or lxml is not
importable (one line on stderr says so; the caller prints it and skips the column).
"""
import json
import re
import sys
import time

try:
    import lxml.html
    from readability import Document
except ImportError as e:  # pragma: no cover - depends on the machine
    sys.stderr.write('readability-lxml not importable: %s\n' % e)
    sys.exit(3)

BLOCKS = ('p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'tr', 'pre', 'blockquote',
          'section', 'article', 'dd', 'dt', 'figcaption', 'table', 'ul', 'ol')


def article_text(html, url):
    """Readability's article for one page as plain text ('' when it finds none)."""
    summary = Document(html, url=url or None).summary(html_partial=True)
    if not summary.strip():
        return ''
    root = lxml.html.fromstring(summary)
    for el in root.iter(*BLOCKS):
        el.tail = '\n' + (el.tail or '')
    text = root.text_content()
    return re.sub(r'\n\s*\n+', '\n\n', re.sub(r'[ \t\r\f\v]+', ' ', text)).strip()


def main():
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        page = json.loads(line)
        t0 = time.perf_counter()
        rec = {}
        try:
            rec['text'] = article_text(page.get('html', ''), page.get('url', ''))
        except Exception as e:  # one bad page must not end the batch
            rec['text'] = ''
            rec['error'] = type(e).__name__
        rec['ms'] = round((time.perf_counter() - t0) * 1000, 2)
        out.write(json.dumps(rec, ensure_ascii=False) + '\n')
    out.flush()


if __name__ == '__main__':
    main()

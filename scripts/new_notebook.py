#!/usr/bin/python3
"""Writes a tslab notebook (no outputs) from a plain-text cell list.

Usage: new_notebook.py SOURCE.txt OUT.ipynb
SOURCE: cells separated by lines '%% md' or '%% ts'. Used to author the
committed notebooks, which must carry no outputs.
"""
import sys

import nbformat

src, out = sys.argv[1], sys.argv[2]
cells, kind, buf = [], None, []


def flush():
    if kind is None:
        return
    text = "\n".join(buf).strip("\n")
    cells.append(nbformat.v4.new_markdown_cell(text) if kind == "md" else nbformat.v4.new_code_cell(text))


for line in open(src, encoding="utf-8").read().splitlines():
    if line.strip() in ("%% md", "%% ts"):
        flush()
        kind, buf = line.strip()[3:], []
    else:
        buf.append(line)
flush()
nb = nbformat.v4.new_notebook(cells=cells)
nb.metadata = {
    "kernelspec": {"name": "tslab", "display_name": "TypeScript", "language": "typescript"},
    "language_info": {"name": "typescript", "file_extension": ".ts", "mimetype": "text/typescript"},
}


nbformat.write(nb, out)
